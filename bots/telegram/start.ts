import { createServer, type Server } from "node:http";
import { GrammyError, HttpError, webhookCallback, type Bot } from "grammy";
import type { BotCommand } from "grammy/types";
import { messages } from "../../src/index.js";
import { createRateLimiter } from "../../src/index.js";
import type { Assistant, Lang } from "../../src/index.js";
import type { Env } from "../config.js";
import { createInFlight } from "../in-flight.js";
import { redacting, safeError, type Logger } from "../log.js";
import type { RetryOptions } from "../retry.js";
import type { Shared } from "../shared.js";
import { createTelegramBot, MENU_COMMANDS } from "./bot.js";
import { startPolling, type PollingOptions, type ShutdownReport } from "./polling.js";
import type { FloodLimits } from "./flood.js";

/** Update types the bot handles; Telegram does not send the others (edits, channel posts…). */
export const ALLOWED_UPDATES = ["message", "callback_query", "inline_query"] as const;

/** A running Telegram front end. */
export interface TelegramHandle {
  /** Long polling or webhook. */
  mode: "polling" | "webhook";
  /**
   * Stops taking updates, finishes the answers in progress (within `SHUTDOWN_GRACE_MS`) and leaves the
   * updates not yet started to the next process.
   */
  stop(): Promise<void>;
  /** Rejects when the bot stops by itself (polling refused with 401 or 409); the message names the cause. */
  failed: Promise<never>;
  /** Whether it takes updates now (polling, or the webhook server listening), for /readyz. */
  ready(): boolean;
}

/** Knobs for tests: shorter backoffs, faster polling. Production uses the defaults. */
export interface TelegramStartOptions {
  /** How sends are retried through an outage. */
  retry?: RetryOptions;
  /** Polling loop settings. */
  polling?: Omit<PollingOptions, "log" | "allowedUpdates">;
  /** Outgoing flood limits per chat; default Telegram's, `false` for none. */
  floodLimits?: FloodLimits;
  /** Rate limits and update ids shared with other processes (Redis), and where votes go; default: this process's own, no votes. */
  shared?: Pick<Shared, "limiter" | "deduper"> & Partial<Pick<Shared, "feedback">>;
}

/** The bot could not start: `message` names the setting to check. Carries no token and no cause. */
export class TelegramStartError extends Error {
  override name = "TelegramStartError";
}

/**
 * Starts the Telegram front end from validated settings: long polling (grammY runner, one chat's
 * updates in order, chats in parallel), or a webhook server on `PORT` when `TELEGRAM_WEBHOOK_URL`
 * is set. Registers the command menu (Chinese, and English for `en` users).
 *
 * @example
 * const telegram = await startTelegram(assistant, config, log);
 * process.once("SIGTERM", () => telegram.stop());
 */
export async function startTelegram(
  assistant: Assistant,
  config: Env,
  baseLog: Logger,
  options: TelegramStartOptions = {},
): Promise<TelegramHandle> {
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new TelegramStartError("TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and put its token in .env.");
  const secrets = [token, config.TELEGRAM_WEBHOOK_SECRET];
  const log = redacting(baseLog, secrets);
  const bot = createTelegramBot(assistant, {
    token,
    log,
    limiter: options.shared?.limiter ?? createRateLimiter({ limit: config.RATE_LIMIT_PER_MINUTE }),
    ...(options.shared?.deduper ? { deduper: options.shared.deduper } : {}),
    ...(options.shared?.feedback ? { feedback: options.shared.feedback } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    autoChats: config.TELEGRAM_AUTO_CHATS,
    ...(options.floodLimits !== undefined ? { floodLimits: options.floodLimits } : {}),
    ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
  });
  try {
    // Not `bot.init()`: it retries network errors forever, so a wrong TELEGRAM_API_ROOT would hang silently.
    bot.botInfo = await bot.api.getMe();
  } catch (err) {
    throw startError(err, config, secrets);
  }
  await registerCommands(bot, log);
  return config.TELEGRAM_WEBHOOK_URL
    ? startWebhook(bot, config, config.TELEGRAM_WEBHOOK_URL, log, secrets)
    : pollUpdates(bot, config, log, secrets, options);
}

async function pollUpdates(
  bot: Bot,
  config: Env,
  log: Logger,
  secrets: (string | undefined)[],
  options: TelegramStartOptions,
): Promise<TelegramHandle> {
  try {
    // A webhook left from an earlier deployment makes getUpdates fail with 409.
    await bot.api.deleteWebhook();
  } catch (err) {
    throw startError(err, config, secrets);
  }
  const polling = startPolling(bot, { log, allowedUpdates: ALLOWED_UPDATES, ...options.polling });
  log.info(`telegram: @${bot.botInfo.username} is polling for updates`);
  let stopping: Promise<void> | undefined;
  let ended = false;
  void polling.done.then(
    () => (ended = true),
    () => (ended = true),
  );
  return {
    mode: "polling",
    ready: () => !ended && !stopping,
    failed: polling.done.then(() => new Promise<never>(() => {})),
    stop: () => (stopping ??= polling.stop(config.SHUTDOWN_GRACE_MS).then((report) => logShutdown(log, report))),
  };
}

/** One line on what a shutdown finished and left; a warning when the grace period was too short. */
function logShutdown(log: Logger, { finished, left, unfinished }: ShutdownReport): void {
  const leftText = left >= 100 ? "100 or more" : String(left);
  log.info(`telegram: stopped; finished ${finished} answer(s) in progress, left ${leftText} update(s) for the next process`);
  if (unfinished > 0) {
    log.warn(`telegram: ${unfinished} answer(s) did not finish within SHUTDOWN_GRACE_MS and are lost`);
  }
}

async function startWebhook(
  bot: Bot,
  config: Env,
  url: string,
  log: Logger,
  secrets: (string | undefined)[],
): Promise<TelegramHandle> {
  const secretToken = config.TELEGRAM_WEBHOOK_SECRET;
  if (!secretToken) throw new TelegramStartError("TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL.");
  const path = new URL(url).pathname;
  // Every update handled is counted, so a shutdown waits for it even after its request was answered.
  const inFlight = createInFlight();
  const handleUpdate = bot.handleUpdate.bind(bot);
  bot.handleUpdate = (update, reply) => inFlight.track(handleUpdate(update, reply));
  // Telegram is answered once the update is handled (so a failed one is sent again); past a minute the
  // request is answered anyway and the update finishes in the background, so Telegram does not resend it.
  const callback = webhookCallback(bot, "http", { secretToken, onTimeout: "return", timeoutMilliseconds: 60_000 });
  /** Requests not yet answered: a stop lets them answer before it drops the connections. */
  const responses = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    if (req.method !== "POST" || (req.url ?? "").split("?")[0] !== path) {
      res.writeHead(404).end();
      return;
    }
    if (!inFlight.open) {
      // Shutting down: Telegram delivers it again, to the next process.
      res.writeHead(503, { connection: "close" }).end();
      return;
    }
    const responded = callback(req, res).catch((err: unknown) => {
      log.error("telegram: webhook request failed", err);
      if (!res.headersSent) res.writeHead(500).end();
    });
    responses.add(responded);
    void responded.finally(() => responses.delete(responded));
  });
  try {
    await listen(server, config.PORT, config.HOST);
  } catch (err) {
    throw new TelegramStartError(`Cannot listen on HOST ${config.HOST} PORT ${config.PORT} for the webhook (${safeError(err, secrets).message}): choose another PORT.`);
  }
  try {
    await bot.api.setWebhook(url, { secret_token: secretToken, allowed_updates: ALLOWED_UPDATES });
  } catch (err) {
    await close(server);
    throw startError(err, config, secrets);
  }
  log.info(`telegram: @${bot.botInfo.username} takes updates by webhook on ${config.HOST}:${config.PORT}, path ${path}`);
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    const closed = close(server);
    const { finished, unfinished } = await inFlight.drain(config.SHUTDOWN_GRACE_MS);
    if (unfinished === 0) await Promise.all(responses);
    server.closeAllConnections();
    await closed;
    logShutdown(log, { finished, left: 0, unfinished });
  };
  return {
    mode: "webhook",
    failed: new Promise<never>(() => {}),
    ready: () => server.listening && inFlight.open,
    stop: () => (stopping ??= stop()),
  };
}

/** `setMyCommands` for the default (Chinese) menu and the English one; a failure only costs the menu. */
async function registerCommands(bot: Bot, log: Logger): Promise<void> {
  const menu = (lang: Lang): BotCommand[] =>
    MENU_COMMANDS.map((command) => ({ command, description: messages(lang).commands[command] }));
  try {
    await bot.api.setMyCommands(menu("zh"));
    await bot.api.setMyCommands(menu("en"), { language_code: "en" });
  } catch (err) {
    log.warn("telegram: could not register the command menu", err);
  }
}

function startError(err: unknown, config: Env, secrets: (string | undefined)[]): TelegramStartError {
  const root = config.TELEGRAM_API_ROOT ?? "https://api.telegram.org";
  let message: string;
  if (err instanceof GrammyError && err.error_code === 401) {
    message = "TELEGRAM_BOT_TOKEN was rejected (401 Unauthorized): copy it again from @BotFather.";
  } else if (err instanceof GrammyError) {
    const hint = err.method === "setWebhook" ? " Check TELEGRAM_WEBHOOK_URL (public https URL)." : "";
    message = `Telegram refused ${err.method}: ${err.description}.${hint}`;
  } else if (err instanceof HttpError) {
    message = `Could not reach the Bot API at ${root} (${err.message}). Check TELEGRAM_API_ROOT and the network.`;
  } else {
    message = safeError(err, secrets).message;
  }
  return new TelegramStartError(safeError(message, secrets).message);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
