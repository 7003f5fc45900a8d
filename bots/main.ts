/**
 * `npm start`: the terminal chat at once, and each bot whose token is set in `.env`.
 */
import { messages } from "../src/index.js";
import { boot } from "./boot.js";
import { runChat } from "./console/chat.js";
import { countLlmOutcome } from "./metrics.js";
import { startOperations } from "./operations.js";

interface Running {
  stop(): Promise<void>;
  /** Whether it is connected now (polling, webhook listening, gateway ready), for /readyz. */
  ready?(): boolean;
  /** Rejects when the front end stops by itself; the message names the cause. */
  failed?: Promise<never>;
}

// /healthz answers from the moment the settings are read; /readyz once the index is loaded and the bots connected.
let ops: Awaited<ReturnType<typeof startOperations>> | undefined;
const { config, log, assistant, shared, shutdown } = await boot({
  watch: true,
  onSettings: async (config, log) => {
    ops = await startOperations(config, log);
  },
  onLlmOutcome: (outcome) => ops && countLlmOutcome(ops.metrics, outcome),
});
const operations = ops!;
operations.indexLoaded(assistant);
const feedback = operations.counting(shared!.feedback);
const watched = (platform: string) => operations.observe(assistant, platform, feedback);
const running: Running[] = [];
try {
  if (config.TELEGRAM_BOT_TOKEN) {
    const { startTelegram } = await import("./telegram/start.js");
    const telegram = await startTelegram(watched("telegram"), config, log, { shared: { ...shared!, feedback } });
    running.push(telegram);
    operations.check("telegram", () => telegram.ready());
  }
  if (config.DISCORD_TOKEN) {
    const { startDiscord } = await import("./discord/start.js");
    const discord = await startDiscord(watched("discord"), config, log, { shared: { ...shared!, feedback } });
    running.push(discord);
    operations.check("discord", () => discord.ready());
  }
} catch (err) {
  // Start-up errors name the setting to fix; the stack would add nothing for an operator.
  log.error("could not start", err);
  await Promise.allSettled(running.map((r) => r.stop()));
  await shutdown();
  await operations.close();
  process.exit(1);
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  log.info("shutting down…");
  await Promise.allSettled(running.map((r) => r.stop()));
  await shutdown();
  await operations.close();
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
  await runChat(operations.observe(assistant, "console", feedback, "debug"), { hint: running.length === 0 ? messages("zh").botsHint : undefined });
  await stop();
} else if (running.length === 0) {
  log.error("CONSOLE=off and no bot token set: nothing to run. Set TELEGRAM_BOT_TOKEN or DISCORD_TOKEN in .env.");
  await stop(1);
}
