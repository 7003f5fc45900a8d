import { config as loadDotenv } from "dotenv";
import type { Assistant, Progress } from "../src/index.js";
import { ConfigError, loadConfig, type Env } from "./config.js";
import { createLogger, type Logger } from "./log.js";
import { createAssistantFromConfig } from "./wire.js";

/**
 * `.env`, validated settings and a redacting logger. A bad setting ends the process with one clear
 * message naming the variable, no stack trace.
 */
export function loadSettings(options: { write?: (line: string) => void } = {}): { config: Env; log: Logger } {
  loadDotenv({ quiet: true });
  let config: Env;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(err.message + "\n");
    process.exit(1);
  }
  const log = createLogger({
    level: config.LOG_LEVEL,
    secrets: [config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_WEBHOOK_SECRET, config.DISCORD_TOKEN, config.LLM_API_KEY],
    ...(options.write ? { write: options.write } : {}),
  });
  return { config, log };
}

/**
 * Start-up shared by every entry point: the settings, then the core. A core that cannot start
 * (a missing model, an unreadable folder) ends the process with its message, which names the fix.
 * `write` takes the log lines (a progress display interleaves them); `onProgress` sees each step.
 */
export async function boot(
  options: { write?: (line: string) => void; onProgress?: (progress: Progress) => void } = {},
): Promise<{ config: Env; log: Logger; assistant: Assistant; shutdown: () => Promise<void> }> {
  const { config, log } = loadSettings(options);
  let assistant: Assistant;
  try {
    assistant = await createAssistantFromConfig(config, log, { onProgress: options.onProgress });
  } catch (err) {
    log.error("cannot start", err);
    process.exit(1);
  }
  return { config, log, assistant, shutdown: () => assistant.close() };
}
