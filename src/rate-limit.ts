/** Outcome of one `RateLimiter.take`. */
export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Counts requests per key. Asynchronous so a shared store (Redis) can stand behind it; every front end
 * awaits `take` before it asks the core.
 */
export interface RateLimiter {
  /** Counts one request for `key` (a user) and says whether it may proceed. */
  take(key: string, now?: number): Promise<RateDecision>;
}

export interface RateLimiterOptions {
  /** Requests allowed per key within `windowMs`; 0 disables the limit. */
  limit: number;
  /** Sliding window length. */
  windowMs?: number;
  /** Keys tracked at most; the oldest are dropped past it, so memory stays bounded. */
  maxKeys?: number;
}

/** Defaults of every `RateLimiter`, written once. */
export const defaultRateLimiterOptions = { windowMs: 60_000, maxKeys: 50_000 };

/**
 * The default `RateLimiter`: a sliding window per user, in this process.
 *
 * @example
 * const limiter = createRateLimiter({ limit: 10 });
 * if (!(await limiter.take(`tg:${userId}`)).ok) reply("慢一点…");
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limit, windowMs, maxKeys } = { ...defaultRateLimiterOptions, ...options };
  const hits = new Map<string, number[]>();
  return {
    async take(key, now = Date.now()) {
      if (limit <= 0) return { ok: true };
      const recent = (hits.get(key) ?? []).filter((t) => now - t < windowMs);
      hits.delete(key); // re-insert to keep Map order = least recently used first
      if (recent.length >= limit) {
        hits.set(key, recent);
        return { ok: false, retryAfterMs: windowMs - (now - recent[0]!) };
      }
      recent.push(now);
      hits.set(key, recent);
      if (hits.size > maxKeys) hits.delete(hits.keys().next().value!);
      return { ok: true };
    },
  };
}
