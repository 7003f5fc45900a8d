import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../src/conversation.js";

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
