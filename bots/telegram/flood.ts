import { apiThrottler, type APIThrottlerOptions } from "@grammyjs/transformer-throttler";
import type { Transformer } from "grammy";

/** Bottleneck settings per kind of chat; `false` turns throttling off. */
export type FloodLimits = APIThrottlerOptions | false;

/** Calls that put nothing in a chat and so count against no flood limit. */
const UNTHROTTLED = new Set(["sendChatAction", "answerCallbackQuery", "answerInlineQuery", "getUpdates", "getMe"]);

/**
 * Keeps outgoing messages under Telegram's flood limits (about one message a second per chat, 20 a minute per
 * group, 30 a second in all) with `@grammyjs/transformer-throttler`: calls wait in a queue per chat, so a busy
 * group gets every answer, late rather than refused with 429. Typing actions and callback answers pass at once.
 *
 * @example bot.api.config.use(floodLimits()); // install after auto-retry: a retried call keeps its place
 */
export function floodLimits(limits?: APIThrottlerOptions): Transformer {
  const throttled = apiThrottler(limits);
  return (prev, method, payload, signal) =>
    UNTHROTTLED.has(method) ? prev(method, payload, signal) : throttled(prev, method, payload, signal);
}
