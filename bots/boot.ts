import { config as loadDotenv } from "dotenv";
import type { Assistant, Progress } from "../src/index.js";
import { ConfigError, envSchema, loadConfig, type Env } from "./config.js";
import { checkSeedsDir, misspelledSettings, misspellingWarning } from "./env-check.js";
import { createLogger, type Logger } from "./log.js";
import { watchSeeds } from "./watch.js";
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
    secrets: [config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_WEBHOOK_SECRET, config.DISCORD_TOKEN, config.LLM_API_KEY],
    ...(options.write ? { write: options.write } : {}),
  });
  for (const slip of slips) log.warn(slip);
  return { config, log };
}

/**
 * Start-up shared by every entry point: the settings, then the core. A core that cannot start
 * (a missing model, an unreadable folder) ends the process with its message, which names the fix.
 * `write` takes the log lines (a progress display interleaves them); `onProgress` sees each step.
 */
export async function boot(
  options: { write?: (line: string) => void; onProgress?: (progress: Progress) => void; watch?: boolean } = {},
): Promise<{ config: Env; log: Logger; assistant: Assistant; shutdown: () => Promise<void> }> {
  const { config, log } = loadSettings(options);
  let assistant: Assistant;
  try {
    await checkSeedsDir(config.SEEDS_DIR);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    log.error(err.message);
    process.exit(1);
  }
  try {
    assistant = await createAssistantFromConfig(config, log, { onProgress: options.onProgress });
  } catch (err) {
    log.error("cannot start", err);
    process.exit(1);
  }
  // Long-running processes keep the index in step with seeds/ (an article added, changed or deleted).
  const watcher = options.watch && assistant.update ? watchSeeds(config.SEEDS_DIR, assistant as Required<Assistant>, log) : undefined;
  return { config, log, assistant, shutdown: () => (watcher?.close(), assistant.close()) };
}
