import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createAssistant,
  createMemoryStore,
  type Assistant,
  type AssistantOptions,
  type ConversationState,
  type ConversationStore,
} from "../src/index.js";

/** A core for start-up tests that fail before any question: calling it is an error. */
export const unusedCore: Assistant = {
  ask: () => Promise.reject(new Error("not called")),
  passages: () => [],
  embedderId: "none",
  notice: "",
  close: async () => {},
};

/** The repo's seeds folder. */
export const SEEDS = join(import.meta.dirname, "..", "seeds");
/** The seed article's id. */
export const DOC = "000_4f5b4b3408eff9cd";

/** A fresh temporary folder, removed by the returned cleanup. */
export async function tempDir(prefix = "qa-"): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The real core over the seed article, with the offline embedder and a throwaway index. */
export async function seedAssistant(
  options: Partial<AssistantOptions> = {},
): Promise<Assistant & { indexDir: string; cleanup: () => Promise<void> }> {
  const { dir, cleanup } = await tempDir("qa-index-");
  const assistant = await createAssistant({ seedsDir: SEEDS, indexDir: dir, embedder: "hashed", ...options });
  return Object.assign(assistant, { indexDir: dir, cleanup: async () => (await assistant.close(), await cleanup()) });
}

/** A conversation store that records what each `get` found: what a question was read against. */
export interface RecordingStore extends ConversationStore {
  readonly reads: { id: string; state?: ConversationState }[];
  /** The subject stored for `conversationId` when its last question was asked (what 它 stood for). */
  subjectBefore(conversationId: string): string | undefined;
}

/** The in-memory store, recording its reads. */
export function recordingStore(): RecordingStore {
  const inner = createMemoryStore();
  const reads: { id: string; state?: ConversationState }[] = [];
  return {
    reads,
    async get(id) {
      const state = await inner.get(id);
      reads.push({ id, ...(state ? { state } : {}) });
      return state;
    },
    set: (id, state) => inner.set(id, state),
    delete: (id) => inner.delete(id),
    subjectBefore: (id) => reads.filter((r) => r.id === id).at(-1)?.state?.topic?.subject,
  };
}
