import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../src/conversation.js";
import { createRateLimiter } from "../src/rate-limit.js";

describe("createMemoryStore", () => {
  it("forgets a conversation idle past its TTL", async () => {
    let now = 0;
    const store = createMemoryStore({ ttlMs: 1000, now: () => now });
    await store.set("a", { topic: { words: ["x"], passages: [] } });
    now = 999;
    expect(await store.get("a")).toBeDefined();
    now = 2100;
    expect(await store.get("a")).toBeUndefined();
  });

  it("keeps at most maxConversations, dropping the least recently used", async () => {
    const store = createMemoryStore({ maxConversations: 2 });
    await store.set("a", {});
    await store.set("b", {});
    await store.get("a");
    await store.set("c", {});
    expect(await store.get("b")).toBeUndefined();
    expect(await store.get("a")).toBeDefined();
    expect(await store.get("c")).toBeDefined();
  });
});

describe("createRateLimiter", () => {
  it("allows `limit` requests per window per key, then says when to retry", () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 });
    expect(limiter.take("u", 0).ok).toBe(true);
    expect(limiter.take("u", 1000).ok).toBe(true);
    const third = limiter.take("u", 2000);
    expect(third).toEqual({ ok: false, retryAfterMs: 58_000 });
    expect(limiter.take("other", 2000).ok).toBe(true);
    expect(limiter.take("u", 60_001).ok).toBe(true);
  });

  it("is off at limit 0", () => {
    const limiter = createRateLimiter({ limit: 0 });
    for (let i = 0; i < 100; i++) expect(limiter.take("u").ok).toBe(true);
  });
});
