import { HttpError, type Transformer } from "grammy";
import type { Logger } from "../log.js";
import { createBackoff, pause, type RetryOptions } from "../retry.js";
import { sanitizeDeep } from "../text-safety.js";

/**
 * Methods that deliver an answer and are worth retrying; not start-up calls (which should fail fast),
 * `getUpdates` (polling has its own loop) or `sendChatAction` (a typing indicator is stale in seconds).
 */
const ANSWERING = /^(sendMessage|sendPhoto|sendDocument|editMessage\w*|answer\w+|deleteMessage|copyMessage|forwardMessage)$/;

/**
 * Retries a call that answers a user (see `ANSWERING`) when it fails on the network or with a 5xx,
 * with backoff, for `giveUpAfterMs` (90 s by default), then hands the last failure on.
 * 429s are left to `autoRetry` inside it. One warning when sends start failing and one line when they
 * work again, however many calls wait in between.
 *
 * @example
 * bot.api.config.use(retrySends(log, { giveUpAfterMs: 60_000 }));
 */
export function retrySends(log: Logger, options: RetryOptions = {}): Transformer {
  let failing = 0; // calls waiting to be retried right now
  let since = 0;
  const failed = (method: string, why: unknown, delay: number) => {
    if (failing++ === 0) {
      since = Date.now();
      log.warn(`telegram: ${method} failed (${describe(why)}); retrying sends for up to ${Math.round((options.giveUpAfterMs ?? 90_000) / 1000)} s`);
    }
    log.debug(`telegram: ${method} retried in ${delay} ms`);
  };
  const settled = (retried: boolean) => {
    if (!retried) return;
    if (--failing === 0) log.info(`telegram: sending works again after ${((Date.now() - since) / 1000).toFixed(1)} s`);
  };
  return async (prev, method, payload, signal) => {
    if (!ANSWERING.test(method)) return prev(method, payload, signal);
    const backoff = createBackoff(options);
    let retried = false;
    try {
      for (;;) {
        let why: unknown;
        let result: Awaited<ReturnType<typeof prev>> | undefined;
        try {
          result = await prev(method, payload, signal);
          if (result.ok || result.error_code < 500) return result;
          why = `${result.error_code} ${result.description}`;
        } catch (err) {
          if (!(err instanceof HttpError) || signal?.aborted) throw err;
          why = err;
        }
        const delay = backoff.next();
        if (delay === undefined) {
          log.warn(`telegram: gave up on ${method} after ${Math.round(backoff.elapsed() / 1000)} s (${describe(why)})`);
          if (result) return result;
          throw why;
        }
        if (!retried) failed(method, why, delay);
        retried = true;
        await pause(delay, signal as AbortSignal | undefined);
      }
    } finally {
      settled(retried);
    }
  };
}

/**
 * Removes control characters, bidi overrides and lone surrogates from every string the bot sends
 * (message text, captions, button labels, inline results, callback answers).
 */
export function sanitizeOutgoing(): Transformer {
  return (prev, method, payload, signal) =>
    method === "getUpdates" ? prev(method, payload, signal) : prev(method, sanitizeDeep(payload), signal);
}

function describe(why: unknown): string {
  return why instanceof Error ? why.message : String(why);
}
