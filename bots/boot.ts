import { config as loadDotenv } from "dotenv";
import type { Assistant } from "../src/index.js";
import { ConfigError, loadConfig, type Env } from "./config.js";
import { createLogger, type Logger } from "./log.js";
import { createAssistantFromConfig } from "./wire.js";

/**
 * Start-up shared by every entry point: `.env`, validated settings, a redacting logger, the core.
 * A bad setting ends the process with one clear message, no stack trace.
 */
export async function boot(): Promise<{ config: Env; log: Logger; assistant: Assistant; shutdown: () => Promise<void> }> {
  loadDotenv({ quiet: true });
  let config: Env;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.message + "\n");
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger({
    level: config.LOG_LEVEL,
    secrets: [config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_WEBHOOK_SECRET, config.DISCORD_TOKEN],
  });
  const assistant = await createAssistantFromConfig(config, log);
  return { config, log, assistant, shutdown: () => assistant.close() };
}
