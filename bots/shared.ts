import {
  connectRedis,
  createFileFeedbackStore,
  createMemoryDeduper,
  createRateLimiter,
  createRedisStores,
  type ConversationStore,
  type FeedbackStore,
  type RateLimiter,
  type UpdateDeduper,
} from "../src/index.js";
import type { Env } from "./config.js";
import type { Logger } from "./log.js";

/** State the front ends share: on Redis with `REDIS_URL` (every process and replica), else in this process. */
export interface Shared {
  /** Conversations on Redis; `undefined` means the core's in-memory default. */
  conversations?: ConversationStore;
  limiter: RateLimiter;
  deduper: UpdateDeduper;
  feedback: FeedbackStore;
  /** `redis` or `local`, for the start-up line and /readyz. */
  readonly where: "redis" | "local";
  close(): Promise<void>;
}

/**
 * Chooses the stores from the settings: Redis when `REDIS_URL` is set (an outage is logged once and
 * answered around), else memory for conversations, rate limits and update ids, and JSON-lines files in
 * `DATA_DIR` for the answer log and votes.
 *
 * @example const shared = await createShared(config, log);
 */
export async function createShared(
  config: Env,
  log: Logger,
  { quiet = false, redisWaitMs = 3_000 }: { quiet?: boolean; /** How long start-up waits for Redis's first answer. */ redisWaitMs?: number } = {},
): Promise<Shared> {
  if (config.REDIS_URL) {
    const client = await connectRedis(config.REDIS_URL, { waitMs: redisWaitMs });
    if (client.status !== "ready") {
      // The stores answer around an outage, but an operator should learn at once which setting points there.
      log.warn(
        `redis: could not reach ${redactUrl(config.REDIS_URL)} within ${redisWaitMs / 1000} s; check REDIS_URL and the network. ` +
          "Answering without shared state (conversations, rate limits) until it answers.",
      );
    }
    const stores = createRedisStores(client, {
      prefix: config.REDIS_PREFIX,
      conversationTtlMs: config.CONVERSATION_TTL_MINUTES * 60_000,
      rateLimit: config.RATE_LIMIT_PER_MINUTE,
      log: (level, msg) => log[level](msg),
    });
    if (!quiet) log.info(`redis: conversations, rate limits, update ids and feedback in ${redactUrl(config.REDIS_URL)} under "${config.REDIS_PREFIX}"`);
    return { ...pick(stores), where: "redis", close: () => stores.close() };
  }
  return {
    limiter: createRateLimiter({ limit: config.RATE_LIMIT_PER_MINUTE }),
    deduper: createMemoryDeduper(),
    feedback: createFileFeedbackStore(config.DATA_DIR),
    where: "local",
    close: async () => {},
  };
}

function pick({ conversations, limiter, deduper, feedback }: Omit<Shared, "where" | "close">) {
  return { conversations, limiter, deduper, feedback };
}

/** The URL without its password, for log lines. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
