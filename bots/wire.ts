import { createAssistant, createOpenAiGenerator, type Assistant, type AssistantOptions, type ConversationStore, type LlmOptions } from "../src/index.js";
import type { Env } from "./config.js";
import type { Logger } from "./log.js";

/**
 * Builds the core from validated settings: the one place where config turns into core options.
 * Prints the embedder notice once.
 */
export async function createAssistantFromConfig(
  config: Env,
  log: Logger,
  extra: Pick<AssistantOptions, "onProgress" | "seedsCheck"> & { conversations?: ConversationStore | undefined; onLlmOutcome?: LlmOptions["onOutcome"] } = {},
): Promise<Assistant> {
  const { conversations, onLlmOutcome, ...rest } = extra;
  const assistant = await createAssistant({
    seedsDir: config.SEEDS_DIR,
    maxFileBytes: config.MAX_FILE_MB * 2 ** 20,
    indexDir: config.INDEX_DIR,
    modelsDir: config.MODELS_DIR,
    embedder: config.EMBEDDER,
    modelId: config.EMBEDDING_MODEL,
    // A shared store (Redis) when given, else the in-memory one.
    conversation: conversations ?? { ttlMs: config.CONVERSATION_TTL_MINUTES * 60_000, maxConversations: config.CONVERSATION_MAX },
    log: (level, msg) => log[level](withSetting(msg, config)),
    ...(config.LLM_BASE_URL && config.LLM_MODEL && { llm: llmOptions(config, onLlmOutcome) }),
    ...rest,
  });
  log.info(assistant.notice);
  if (assistant.model) log.info(`Answers: written by ${assistant.model} at ${config.LLM_BASE_URL}, each checked against its sources.`);
  return assistant;
}

/** A model endpoint that cannot be reached is named with the setting that points there. */
function withSetting(msg: string, config: Env): string {
  return msg.startsWith("llm:") && /\(unreachable\b/.test(msg) ? `${msg} (check LLM_BASE_URL=${config.LLM_BASE_URL})` : msg;
}

/** The language model from LLM_* settings; `onOutcome` is where a metrics counter hooks in. */
export function llmOptions(config: Env, onOutcome?: LlmOptions["onOutcome"]): LlmOptions {
  const generator = createOpenAiGenerator({
    baseURL: config.LLM_BASE_URL!,
    ...(config.LLM_API_KEY && { apiKey: config.LLM_API_KEY }),
    model: config.LLM_MODEL!,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxTokens: config.LLM_MAX_TOKENS,
    concurrency: config.LLM_CONCURRENCY,
  });
  return { generator, timeoutMs: config.LLM_TIMEOUT_MS, ...(onOutcome && { onOutcome }) };
}
