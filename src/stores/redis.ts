import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { ConversationState, ConversationStore } from "../conversation.js";
import type { RateLimiter } from "../rate-limit.js";
import { defaultRateLimiterOptions } from "../rate-limit.js";
import { defaultDeduperOptions, type UpdateDeduper } from "./dedupe.js";
import { defaultFeedbackOptions, type AnswerRecord, type FeedbackStore, type Vote } from "./feedback.js";

type Log = (level: "info" | "warn", msg: string) => void;

export interface RedisStoresOptions {
  /** Put before every key, e.g. `pna:`; one namespace per deployment (and per test run). */
  prefix?: string;
  /** Idle conversations expire after this. */
  conversationTtlMs?: number;
  /** Questions per user per window; 0 = no limit. */
  rateLimit?: number;
  rateWindowMs?: number;
  /** How long an update id is remembered. */
  dedupeTtlMs?: number;
  /** How long answer records and votes are kept. */
  retentionMs?: number;
  /** Answer records kept at most (the stream is trimmed past it). */
  maxRecords?: number;
  /** Told once when Redis becomes unreachable and once when it is back. */
  log?: Log;
}

/** Defaults of the Redis stores, written once. */
export const defaultRedisStoresOptions = {
  prefix: "pna:",
  conversationTtlMs: 30 * 60_000,
  rateLimit: 10,
  rateWindowMs: defaultRateLimiterOptions.windowMs,
  dedupeTtlMs: defaultDeduperOptions.ttlMs,
  retentionMs: defaultFeedbackOptions.retentionMs,
  maxRecords: defaultFeedbackOptions.maxRecords,
};

/** Every store the bots share across processes, on one Redis connection. */
export interface RedisStores {
  conversations: ConversationStore;
  limiter: RateLimiter;
  deduper: UpdateDeduper;
  feedback: FeedbackStore;
  /** Whether the last command reached Redis. */
  readonly healthy: boolean;
  /** Closes the connection. */
  close(): Promise<void>;
}

/**
 * Opens a Redis connection for the stores. Commands fail at once while Redis is unreachable (no offline
 * queue), so a question never waits on it; the client reconnects in the background. Waits up to
 * `waitMs` for the first connection, and returns anyway (the stores fall back until Redis answers).
 *
 * @example const redis = await connectRedis("redis://127.0.0.1:6379");
 */
export async function connectRedis(url: string, { waitMs = 3_000 }: { waitMs?: number } = {}): Promise<Redis> {
  // Loaded here, not with the core: a start without Redis does not pay for the client (~0.1 s of imports).
  const { Redis } = await import("ioredis");
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    retryStrategy: (times) => Math.min(100 * times, 2_000),
  });
  client.on("error", () => {}); // reported by the stores, once per outage; without a listener ioredis prints each retry
  await new Promise<void>((resolve) => {
    const done = () => (clearTimeout(timer), client.off("ready", done), resolve());
    const timer = setTimeout(done, waitMs);
    client.once("ready", done);
  });
  return client;
}

/**
 * Conversations, the rate limiter, update de-duplication and feedback on Redis, under one key prefix and
 * each with a time-to-live. When Redis is unreachable every call falls back (no conversation, requests
 * allowed, updates handled, votes and records dropped), the outage is logged once, and the stores pick
 * up again when Redis answers.
 *
 * Keys: `<prefix>conv:<id>` (JSON, TTL), `<prefix>rate:<key>` (sorted set of request times, TTL the window),
 * `<prefix>update:<key>` (TTL), `<prefix>answers` and `<prefix>votes` (streams trimmed to the retention),
 * `<prefix>voted:<answer>` (hash user → vote, TTL the retention).
 *
 * @example
 * const stores = createRedisStores(await connectRedis(url), { prefix: "pna:", log });
 * createAssistant({ ..., conversation: stores.conversations });
 */
export function createRedisStores(client: Redis, options: RedisStoresOptions = {}): RedisStores {
  const o = { ...defaultRedisStoresOptions, ...options };
  const log: Log = options.log ?? (() => {});
  const key = (...parts: string[]) => o.prefix + parts.join(":");
  let down = false;

  /** Runs one Redis call; on failure logs the outage once and returns `fallback`. */
  async function guarded<T>(what: string, op: () => Promise<T>, fallback: T): Promise<T> {
    try {
      const result = await op();
      if (down) {
        down = false;
        log("info", "redis: reachable again; conversations, rate limits and feedback are shared once more");
      }
      return result;
    } catch (err) {
      if (!down) {
        down = true;
        const reason = err instanceof Error ? err.message : String(err);
        log("warn", `redis: unreachable (${what}: ${reason}); answering without follow-up context until it returns`);
      }
      return fallback;
    }
  }

  const conversations: ConversationStore = {
    get: (id) =>
      guarded("read a conversation", async () => {
        const raw = await client.get(key("conv", id));
        return raw === null ? undefined : (JSON.parse(raw) as ConversationState);
      }, undefined),
    set: (id, state) =>
      guarded("save a conversation", async () => {
        await client.set(key("conv", id), JSON.stringify(state), "PX", o.conversationTtlMs);
      }, undefined),
    delete: (id) =>
      guarded("delete a conversation", async () => {
        await client.del(key("conv", id));
      }, undefined),
  };

  // Sliding window in one round trip: drop old hits, count, and add this one only when under the limit.
  const slidingWindow = `
    redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
    if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
      local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
      return tonumber(oldest[2]) + ARGV[2] - ARGV[1]
    end
    redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return -1`;
  const limiter: RateLimiter = {
    async take(id, now = Date.now()) {
      if (o.rateLimit <= 0) return { ok: true };
      const member = `${now}-${randomBytes(4).toString("hex")}`;
      const wait = await guarded(
        "count a request",
        async () => Number(await client.eval(slidingWindow, 1, key("rate", id), now, o.rateWindowMs, o.rateLimit, member)),
        -1,
      );
      return wait < 0 ? { ok: true } : { ok: false, retryAfterMs: Math.max(1, wait) };
    },
  };

  const deduper: UpdateDeduper = {
    claim: (id) =>
      guarded("claim an update", async () => (await client.set(key("update", id), "1", "PX", o.dedupeTtlMs, "NX")) === "OK", true),
  };

  // Entry ids are Redis's clock; records carry the writer's `at`. Read from a little earlier, then filter on `at`.
  const streamSince = async <T extends { at: number }>(stream: string, since: number): Promise<T[]> => {
    const out: T[] = [];
    let start = String(Math.max(0, Math.floor(since) - 10 * 60_000));
    for (;;) {
      const page = await client.xrange(key(stream), start, "+", "COUNT", 1000);
      for (const [, fields] of page) if (fields[1]) out.push(JSON.parse(fields[1]) as T);
      if (page.length < 1000) return out.filter((r) => r.at >= since);
      start = `(${page.at(-1)![0]}`;
    }
  };
  const append = async (stream: string, value: unknown, maxLen: number) => {
    const minId = Math.max(0, Date.now() - o.retentionMs);
    await client
      .multi()
      .xadd(key(stream), "MINID", "~", String(minId), "*", "json", JSON.stringify(value))
      .xtrim(key(stream), "MAXLEN", "~", maxLen)
      .pexpire(key(stream), o.retentionMs)
      .exec();
  };
  const feedback: FeedbackStore = {
    record: (answer: AnswerRecord) => guarded("record an answer", () => append("answers", answer, o.maxRecords), undefined),
    vote: (vote: Vote) =>
      guarded("store a vote", async () => {
        const voted = key("voted", vote.answer);
        const [[, fresh]] = (await client.multi().hsetnx(voted, vote.user, vote.vote).pexpire(voted, o.retentionMs).exec()) as [[unknown, number]];
        if (fresh !== 1) return false;
        await append("votes", vote, o.maxRecords * 10);
        return true;
      }, false),
    answers: (since) => streamSince<AnswerRecord>("answers", since),
    votes: (since) => streamSince<Vote>("votes", since),
  };

  return {
    conversations,
    limiter,
    deduper,
    feedback,
    get healthy() {
      return !down;
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
