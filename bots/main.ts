/**
 * `npm start`: the terminal chat at once, and each bot whose token is set in `.env`.
 */
import { messages } from "../src/index.js";
import { boot } from "./boot.js";
import { runChat } from "./console/chat.js";

interface Running {
  stop(): Promise<void>;
  /** Rejects when the front end stops by itself; the message names the cause. */
  failed?: Promise<never>;
}

const { config, log, assistant, shutdown } = await boot({ watch: true });
const running: Running[] = [];
try {
  if (config.TELEGRAM_BOT_TOKEN) {
    const { startTelegram } = await import("./telegram/start.js");
    running.push(await startTelegram(assistant, config, log));
  }
  if (config.DISCORD_TOKEN) {
    const { startDiscord } = await import("./discord/start.js");
    running.push(await startDiscord(assistant, config, log));
  }
} catch (err) {
  // Start-up errors name the setting to fix; the stack would add nothing for an operator.
  log.error("could not start", err);
  await Promise.allSettled(running.map((r) => r.stop()));
  await shutdown();
  process.exit(1);
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  log.info("shutting down…");
  await Promise.allSettled(running.map((r) => r.stop()));
  await shutdown();
  process.exit(code);
}
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
for (const r of running) {
  // E.g. polling refused with 401 or 409: one line naming the cause, then a non-zero exit for the supervisor.
  r.failed?.catch((err: unknown) => {
    log.error(err instanceof Error ? err.message : String(err));
    void stop(1);
  });
}

const consoleOn = config.CONSOLE === "on" || (config.CONSOLE === "auto" && running.length === 0);
if (consoleOn) {
  await runChat(assistant, { hint: running.length === 0 ? messages("zh").botsHint : undefined });
  await stop();
} else if (running.length === 0) {
  log.error("CONSOLE=off and no bot token set: nothing to run. Set TELEGRAM_BOT_TOKEN or DISCORD_TOKEN in .env.");
  await stop(1);
}
