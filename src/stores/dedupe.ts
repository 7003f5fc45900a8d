/**
 * Says whether an incoming event (a Telegram `update_id`) is seen for the first time, so replicas
 * behind one webhook URL, or a redelivery after a restart, never answer it twice.
 */
export interface UpdateDeduper {
  /** True the first time `key` is claimed within the time-to-live, false after. */
  claim(key: string): Promise<boolean>;
}

export interface DeduperOptions {
  /** How long a claimed key is remembered. Telegram redelivers an unacknowledged update for about a day. */
  ttlMs?: number;
  /** Keys kept at most in memory; the oldest go first. */
  maxKeys?: number;
}

/** Defaults of every `UpdateDeduper`, written once. */
export const defaultDeduperOptions = { ttlMs: 24 * 3_600_000, maxKeys: 100_000 };

/**
 * The default `UpdateDeduper`: remembers keys in this process (enough for one poller or one webhook process).
 *
 * @example if (await deduper.claim(`tg:${update.update_id}`)) await handle(update);
 */
export function createMemoryDeduper(options: DeduperOptions = {}, now: () => number = Date.now): UpdateDeduper {
  const { ttlMs, maxKeys } = { ...defaultDeduperOptions, ...options };
  const seen = new Map<string, number>();
  return {
    async claim(key) {
      const at = seen.get(key);
      if (at !== undefined && now() - at <= ttlMs) return false;
      seen.delete(key);
      seen.set(key, now());
      while (seen.size > maxKeys) seen.delete(seen.keys().next().value!);
      return true;
    },
  };
}
