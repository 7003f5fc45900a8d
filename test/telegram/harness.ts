import { createServer } from "node:net";
import { loadConfig } from "../../bots/config.js";
import { createLogger } from "../../bots/log.js";
import { startTelegram, type TelegramHandle, type TelegramStartOptions } from "../../bots/telegram/start.js";
import type { FloodLimits } from "../../bots/telegram/flood.js";
import { seedAssistant } from "../helpers.js";
import type { AskOptions, Assistant, Reply } from "../../src/types.js";
import type { Chat, Message } from "grammy/types";
import { plain, startFakeBotApi, type ApiCall, type FakeBotApi } from "./fake-bot-api.js";
import { assertNoProblems, auditReplies, telegramReplies } from "../reply-audit.js";

/** A well-formed token that only the fake accepts. */
export const TOKEN = "123456789:AAH-fake_token_for_tests-0123456789";

/** One `ask` the bot made. */
export interface AskCall {
  conversationId: string;
  text: string;
  options?: AskOptions;
}

/** The real core, recording every call; `intercept` lets one test bend a reply (or throw). */
export interface SpyAssistant extends Assistant {
  readonly asks: AskCall[];
  intercept?: (call: AskCall, next: () => Promise<Reply>) => Promise<Reply>;
}

export function spyOn(inner: Assistant): SpyAssistant {
  const spy: SpyAssistant = {
    asks: [],
    async ask(conversationId, text, options) {
      const call = { conversationId, text, ...(options ? { options } : {}) };
      spy.asks.push(call);
      const next = () => inner.ask(conversationId, text, options);
      return spy.intercept ? spy.intercept(call, next) : next();
    },
    passages: (query, limit) => inner.passages(query, limit),
    followUp: (id) => inner.followUp?.(id),
    get embedderId() {
      return inner.embedderId;
    },
    get notice() {
      return inner.notice;
    },
    close: () => inner.close(),
  };
  return spy;
}

/** The real core over `seeds/` with the offline embedder and a throwaway index folder. */
export async function realAssistant(): Promise<{ assistant: Assistant; dispose(): Promise<void> }> {
  const assistant = await seedAssistant();
  return { assistant, dispose: assistant.cleanup };
}

export interface Harness {
  api: FakeBotApi;
  telegram: TelegramHandle;
  /** Every log line the bot wrote. The logger given to it does not redact: the bot must. */
  logs: string[];
  /** Pushes an update and resolves with the bot's next accepted `sendMessage` into `chatId`. */
  exchange(update: Parameters<FakeBotApi["push"]>[0], chatId: number): Promise<ApiCall>;
  /** Stops the bot and the fake, then audits every reply sent (`test/reply-audit.ts`): throws on a broken rule. */
  stop(): Promise<void>;
}

/** Flood limits for tests: each chat's messages queued one at a time, as in production, without the waits. */
export const TEST_FLOOD_LIMITS: FloodLimits = { global: {}, group: { maxConcurrent: 1 }, out: { maxConcurrent: 1 } };

/**
 * Starts a fake Bot API and `startTelegram` against it, exactly as `npm start` would with
 * `TELEGRAM_API_ROOT` set; `env` adds settings (rate limit, webhook).
 */
export async function startHarness(
  assistant: Assistant,
  env: Record<string, string> = {},
  floodLimits: FloodLimits = TEST_FLOOD_LIMITS,
  options: TelegramStartOptions = {},
): Promise<Harness> {
  const api = await startFakeBotApi({ token: TOKEN });
  const logs: string[] = [];
  const log = createLogger({ level: "debug", write: (line) => logs.push(line) });
  const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, ...env });
  const telegram = await startTelegram(assistant, config, log, { floodLimits, ...options });
  return {
    api,
    telegram,
    logs,
    async exchange(update, chatId) {
      const from = api.mark();
      api.push(update);
      return api.waitFor("sendMessage", (c) => c.ok && c.payload.chat_id === chatId, { from });
    },
    async stop() {
      await telegram.stop();
      await api.close();
      // Every reply this bot sent keeps the reply rules: said once, suggested questions answered when asked.
      assertNoProblems(await auditReplies(telegramReplies(api.calls), (id, text) => assistant.ask(id, text)), "fake Telegram");
    },
  };
}

/** A message the bot sent, as the `message` of a callback query (or a `reply_to_message`) carries it. */
export function sentMessage(api: FakeBotApi, call: ApiCall, chat: Chat): Message {
  return {
    message_id: 900_000 + api.calls.indexOf(call),
    date: 0,
    chat,
    from: { id: api.me.id, is_bot: true, first_name: api.me.first_name, username: api.me.username },
    text: plain(call.payload.text, call.payload.parse_mode),
    reply_markup: call.payload.reply_markup,
  } as Message;
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
