/**
 * One contract, every implementation: the in-memory defaults, the local files and the real Redis
 * server (under a random key prefix) must behave the same.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectRedis,
  createFileFeedbackStore,
  createMemoryDeduper,
  createMemoryFeedbackStore,
  createMemoryStore,
  createRateLimiter,
  createRedisStores,
  type ConversationStore,
  type FeedbackStore,
  type RateLimiter,
  type RedisStores,
  type UpdateDeduper,
} from "../../src/index.js";
import { tempDir } from "../helpers.js";
import { dropPrefix, REDIS_URL, requireRedis, testPrefix } from "./redis.js";

interface Impl {
  conversations(): ConversationStore;
  limiter(): RateLimiter;
  deduper(): UpdateDeduper;
  feedback(): FeedbackStore;
}

const prefix = testPrefix();
const opened: RedisStores[] = [];
const dirs: Awaited<ReturnType<typeof tempDir>>[] = [];

beforeAll(async () => requireRedis());
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await dropPrefix(prefix);
  await Promise.all(dirs.map((d) => d.cleanup()));
});

async function redis(options: Parameters<typeof createRedisStores>[1] = {}): Promise<RedisStores> {
  // A prefix per store set, so one test's keys never meet another's.
  const stores = createRedisStores(await connectRedis(REDIS_URL), { prefix: `${prefix}${opened.length}:`, ...options });
  opened.push(stores);
  return stores;
}


/** Builds each implementation's stores; the Redis ones on the real server. */
const makers: Record<string, (o: { ttlMs?: number; limit?: number }) => Promise<Impl>> = {
  memory: async ({ ttlMs, limit = 2 }) => ({
    conversations: () => createMemoryStore(ttlMs ? { ttlMs } : {}),
    limiter: () => createRateLimiter({ limit, windowMs: 60_000 }),
    deduper: () => createMemoryDeduper(),
    feedback: () => createMemoryFeedbackStore(),
  }),
  redis: async ({ ttlMs, limit = 2 }) => {
    const s = await redis({ ...(ttlMs ? { conversationTtlMs: ttlMs } : {}), rateLimit: limit, rateWindowMs: 60_000 });
    return { conversations: () => s.conversations, limiter: () => s.limiter, deduper: () => s.deduper, feedback: () => s.feedback };
  },
};

describe.each(Object.keys(makers))("%s stores", (name) => {
  const make = makers[name]!;

  it("keeps a conversation's state, and forgets it on delete", async () => {
    const store = (await make({})).conversations();
    expect(await store.get("tg:1")).toBeUndefined();
    await store.set("tg:1", { topic: { subject: "侨商创客谷", words: ["侨商创客谷"], passages: ["d#1"] } });
    expect(await store.get("tg:1")).toEqual({ topic: { subject: "侨商创客谷", words: ["侨商创客谷"], passages: ["d#1"] } });
    expect(await store.get("tg:2")).toBeUndefined();
    await store.delete("tg:1");
    expect(await store.get("tg:1")).toBeUndefined();
  });

  it("forgets an idle conversation after its time-to-live", async () => {
    const store = (await make({ ttlMs: 150 })).conversations();
    await store.set("c", { topic: { words: ["x"], passages: [] } });
    expect(await store.get("c")).toBeDefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(await store.get("c")).toBeUndefined();
  });

  it("allows `limit` requests per window per key, then says when to retry", async () => {
    const limiter = (await make({ limit: 2 })).limiter();
    expect((await limiter.take("u", 1_000)).ok).toBe(true);
    expect((await limiter.take("u", 2_000)).ok).toBe(true);
    expect(await limiter.take("u", 3_000)).toEqual({ ok: false, retryAfterMs: 58_000 });
    expect((await limiter.take("other", 3_000)).ok).toBe(true);
    expect((await limiter.take("u", 61_001)).ok).toBe(true);
  });

  it("is off at limit 0", async () => {
    const limiter = (await make({ limit: 0 })).limiter();
    for (let i = 0; i < 20; i++) expect((await limiter.take("u")).ok).toBe(true);
  });

  it("lets each update through once", async () => {
    const deduper = (await make({})).deduper();
    expect(await deduper.claim("tg:100")).toBe(true);
    expect(await deduper.claim("tg:100")).toBe(false);
    expect(await deduper.claim("tg:101")).toBe(true);
  });

  it("stores answer records and one vote per user and answer, and reads them back since a time", async () => {
    const feedback = (await make({})).feedback();
    const base = { platform: "telegram", conversation: "c1", question: "青岛的平均房价是多少？", answer: "没有找到", passages: [], articles: [] };
    await feedback.record({ ...base, id: "a1", at: 1_000, outcome: "decline" });
    await feedback.record({ ...base, id: "a2", at: 5_000, outcome: "answer", confidence: 0.8 });
    expect((await feedback.answers(0)).map((a) => a.id)).toEqual(["a1", "a2"]);
    expect((await feedback.answers(2_000)).map((a) => a.id)).toEqual(["a2"]);
    expect((await feedback.answers(0))[1]).toMatchObject({ outcome: "answer", confidence: 0.8, question: "青岛的平均房价是多少？" });
    expect(await feedback.vote({ answer: "a2", user: "u1", vote: "down", at: 6_000 })).toBe(true);
    expect(await feedback.vote({ answer: "a2", user: "u1", vote: "up", at: 6_500 })).toBe(false);
    expect(await feedback.vote({ answer: "a2", user: "u2", vote: "up", at: 7_000 })).toBe(true);
    expect((await feedback.votes(0)).map((v) => `${v.user}:${v.vote}`)).toEqual(["u1:down", "u2:up"]);
    expect(await feedback.votes(6_800)).toHaveLength(1);
  });
});

describe("two processes on one Redis", () => {
  it("share every conversation and rate limit", async () => {
    const [a, b] = [await redis({ prefix: `${prefix}shared:` }), await redis({ prefix: `${prefix}shared:`, rateLimit: 1 })];
    await a.conversations.set("tg:7", { topic: { subject: "侨商创客谷", words: [], passages: [] } });
    expect((await b.conversations.get("tg:7"))?.topic?.subject).toBe("侨商创客谷");
    expect((await b.limiter.take("tg:user")).ok).toBe(true);
    expect((await b.limiter.take("tg:user")).ok).toBe(false);
    expect(await a.deduper.claim("tg:update:1")).toBe(true);
    expect(await b.deduper.claim("tg:update:1")).toBe(false);
  });
});

describe("the file feedback store", () => {
  it("keeps records and the once-per-user rule across a restart", async () => {
    const dir = await tempDir("qa-feedback-");
    dirs.push(dir);
    const first = createFileFeedbackStore(dir.dir);
    await first.record({ id: "a1", at: 1, platform: "console", conversation: "c", outcome: "decline", question: "q", answer: "", passages: [], articles: [] });
    expect(await first.vote({ answer: "a1", user: "u", vote: "down", at: 2 })).toBe(true);
    const second = createFileFeedbackStore(dir.dir);
    expect(await second.vote({ answer: "a1", user: "u", vote: "up", at: 3 })).toBe(false);
    expect((await second.answers(0)).map((a) => a.question)).toEqual(["q"]);
    expect(await second.votes(0)).toHaveLength(1);
  });
});
