/**
 * Retrying sends through an outage: exponential backoff up to a cap, for a bounded time. Shared by the
 * Telegram API transformer and the Discord reply path.
 */

/** How long and how often a failed send is tried again. */
export interface RetryOptions {
  /** Pause after the first failure, doubled after each further one. */
  initialDelayMs?: number;
  /** Longest pause between two attempts. */
  maxDelayMs?: number;
  /** No new attempt starts once this long has passed since the first one. */
  giveUpAfterMs?: number;
}

/** Production defaults: a send is tried for a minute and a half, at most 10 s apart. */
export const retryDefaults: Required<RetryOptions> = { initialDelayMs: 1_000, maxDelayMs: 10_000, giveUpAfterMs: 90_000 };

/** Pauses of one retrying send: `next()` is the pause before the next attempt, `undefined` once time is up. */
export interface Backoff {
  next(): number | undefined;
  /** Milliseconds since the first attempt. */
  elapsed(): number;
}

/**
 * The pauses for one send: `initialDelayMs`, doubling up to `maxDelayMs`, while the next attempt would
 * still start within `giveUpAfterMs` of the first.
 *
 * @example
 * const backoff = createBackoff({ initialDelayMs: 100 });
 * backoff.next(); // 100, then 200, 400…
 */
export function createBackoff(options: RetryOptions = {}): Backoff {
  const { initialDelayMs, maxDelayMs, giveUpAfterMs } = { ...retryDefaults, ...options };
  const started = Date.now();
  let delay = initialDelayMs;
  return {
    next() {
      const pause = Math.min(delay, maxDelayMs);
      if (Date.now() - started + pause > giveUpAfterMs) return undefined;
      delay = Math.min(delay * 2, maxDelayMs);
      return pause;
    },
    elapsed: () => Date.now() - started,
  };
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error("aborted while waiting to retry"));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error("aborted while waiting to retry"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, an error is not `transient`, or the backoff gives up (then the last
 * error is thrown). `onRetry` hears of each transient failure before its pause.
 *
 * @example
 * await retrying(() => interaction.editReply(body), isTransient, { giveUpAfterMs: 60_000 });
 */
export async function retrying<T>(
  attempt: () => Promise<T>,
  transient: (err: unknown) => boolean,
  options: RetryOptions = {},
  onRetry?: (err: unknown, delayMs: number) => void,
): Promise<T> {
  const backoff = createBackoff(options);
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      const delay = transient(err) ? backoff.next() : undefined;
      if (delay === undefined) throw err;
      onRetry?.(err, delay);
      await pause(delay);
    }
  }
}

/** Node and undici network error codes: connection refused, reset, timed out, socket closed… */
const NETWORK_CODE = /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/;

/**
 * Whether `err` (or its `cause`) is a failure to reach the server rather than an answer from it.
 *
 * @example
 * isNetworkError(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } })); // true
 */
export function isNetworkError(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, code } = e as { name?: unknown; code?: unknown };
    if (name === "AbortError" || name === "TimeoutError") return true;
    if (typeof code === "string" && NETWORK_CODE.test(code)) return true;
  }
  return false;
}
