import type { Topic } from "./answer/answer.js";
import type { Turn } from "./llm/prompt.js";

/** Per-conversation state: what a follow-up question may refer back to. */
export interface ConversationState {
  topic?: Topic;
  /** The last questions and answers, for a language model (kept only when one is configured). */
  turns?: Turn[];
}

/** Where conversation state lives; swap in a shared store (Redis…) to run several processes. */
export interface ConversationStore {
  get(id: string): Promise<ConversationState | undefined>;
  set(id: string, state: ConversationState): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface MemoryStoreOptions {
  /** A conversation idle this long is forgotten. */
  ttlMs?: number;
  /** Conversations kept at most; the least recently used go first. */
  maxConversations?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export const defaultMemoryStoreOptions = { ttlMs: 30 * 60_000, maxConversations: 10_000 };

/**
 * The default `ConversationStore`: an in-process LRU map with a time-to-live.
 *
 * @example const store = createMemoryStore({ ttlMs: 60_000 });
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): ConversationStore {
  const { ttlMs, maxConversations } = { ...defaultMemoryStoreOptions, ...options };
  const now = options.now ?? Date.now;
  const entries = new Map<string, { state: ConversationState; at: number }>();
  return {
    async get(id) {
      const e = entries.get(id);
      if (!e) return undefined;
      entries.delete(id);
      if (now() - e.at > ttlMs) return undefined;
      entries.set(id, e);
      return e.state;
    },
    async set(id, state) {
      entries.delete(id);
      entries.set(id, { state, at: now() });
      while (entries.size > maxConversations) entries.delete(entries.keys().next().value!);
    },
    async delete(id) {
      entries.delete(id);
    },
  };
}
