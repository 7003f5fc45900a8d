import { createAssistant, type Assistant, type AssistantOptions } from "../src/index.js";
import type { Env } from "./config.js";
import type { Logger } from "./log.js";

/**
 * Builds the core from validated settings: the one place where config turns into core options.
 * Prints the embedder notice once.
 */
export async function createAssistantFromConfig(config: Env, log: Logger, extra: Pick<AssistantOptions, "onProgress"> = {}): Promise<Assistant> {
  const assistant = await createAssistant({
    seedsDir: config.SEEDS_DIR,
    maxFileBytes: config.MAX_FILE_MB * 2 ** 20,
    indexDir: config.INDEX_DIR,
    modelsDir: config.MODELS_DIR,
    embedder: config.EMBEDDER,
    modelId: config.EMBEDDING_MODEL,
    conversation: { ttlMs: config.CONVERSATION_TTL_MINUTES * 60_000, maxConversations: config.CONVERSATION_MAX },
    log: (level, msg) => log[level](msg),
    ...extra,
  });
  log.info(assistant.notice);
  return assistant;
}
