import { config as loadDotenv } from "dotenv";
import type { Assistant, AssistantOptions, LlmOptions, Progress } from "../src/index.js";
import { ConfigError, envSchema, loadConfig, type Env } from "./config.js";
import { checkSeedsDir, misspelledSettings, misspellingWarning } from "./env-check.js";
import { createLogger, type Logger } from "./log.js";
import { watchSeeds } from "./watch.js";
import { createShared, type Shared } from "./shared.js";
import { createAssistantFromConfig } from "./wire.js";

/**
 * `.env`, validated settings and a redacting logger. A bad setting ends the process with one clear
 * message naming the variable, no stack trace; a key in `.env` that looks like a misspelt setting
 * (`TELEGRAM_TOKEN`) is warned about, naming the setting it most likely meant.
 */
export function loadSettings(options: { write?: (line: string) => void } = {}): { config: Env; log: Logger } {
  const { parsed } = loadDotenv({ quiet: true });
  const slips = misspelledSettings(Object.keys(parsed ?? {}), Object.keys(envSchema.shape)).map(misspellingWarning);
  let config: Env;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write([...slips, err.message].join("\n") + "\n");
    process.exit(1);
  }
  const log = createLogger({
    level: config.LOG_LEVEL,
    // A progress display (`write`) is read by a person: text, unless LOG_FORMAT asks for JSON.
    format: options.write && config.LOG_FORMAT === "auto" ? "text" : config.LOG_FORMAT,
    secrets: secretsOf(config),
    ...(options.write ? { write: options.write } : {}),
  });
  for (const slip of slips) log.warn(slip);
  return { config, log };
}

/** Every setting that must never reach a log line: tokens, the webhook secret, API keys, the Redis password. */
export function secretsOf(config: Env): (string | undefined)[] {
  return [config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_WEBHOOK_SECRET, config.DISCORD_TOKEN, config.LLM_API_KEY, redisPassword(config.REDIS_URL)];
}

/** The password in a `redis://user:password@host` URL. */
function redisPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

export interface BootOptions {
  /** Takes the log lines (a progress display interleaves them). */
  write?: (line: string) => void;
  /** Sees each step of loading or building the index. */
  onProgress?: (progress: Progress) => void;
  /** Keep the index in step with seeds/ while the process runs (long-running processes). */
  watch?: boolean;
  /** When the articles are checked for changes made while no process ran (`AssistantOptions.seedsCheck`; one-shot commands: `await`). */
  seedsCheck?: AssistantOptions["seedsCheck"];
  /** Open the shared stores (Redis or local); off for scripts that answer nothing. Default on. */
  stores?: boolean;
  /** Runs once the settings are read, before the index loads (e.g. to answer /healthz meanwhile). */
  onSettings?: (config: Env, log: Logger) => Promise<void>;
  /** What became of each model-written answer (for the metrics). */
  onLlmOutcome?: LlmOptions["onOutcome"];
}

/**
 * Start-up shared by every entry point: the settings, the shared stores (Redis when `REDIS_URL` is set),
 * then the core. A core that cannot start (a missing model, an unreadable folder) ends the process with
 * its message, which names the fix.
 */
export async function boot(options: BootOptions = {}): Promise<{
  config: Env;
  log: Logger;
  assistant: Assistant;
  /** `undefined` with `stores: false`. */
  shared: Shared | undefined;
  shutdown: () => Promise<void>;
}> {
  const { config, log } = loadSettings(options);
  let assistant: Assistant;
  let shared: Shared | undefined;
  try {
    await checkSeedsDir(config.SEEDS_DIR);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    log.error(err.message);
    process.exit(1);
  }
  try {
    await options.onSettings?.(config, log);
    shared = options.stores === false ? undefined : await createShared(config, log);
    assistant = await createAssistantFromConfig(config, log, {
      onProgress: options.onProgress,
      ...(options.seedsCheck && { seedsCheck: options.seedsCheck }),
      conversations: shared?.conversations,
      ...(options.onLlmOutcome && { onLlmOutcome: options.onLlmOutcome }),
    });
  } catch (err) {
    log.error("cannot start", err);
    await shared?.close();
    process.exit(1);
  }
  // Long-running processes keep the index in step with seeds/ (an article added, changed or deleted).
  const watcher = options.watch && assistant.update ? watchSeeds(config.SEEDS_DIR, assistant as Required<Assistant>, log) : undefined;
  return { config, log, assistant, shared, shutdown: async () => (watcher?.close(), await assistant.close(), await shared?.close()) };
}
