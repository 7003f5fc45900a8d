/**
 * A Redis outage, through a TCP proxy that is cut and restored: the outage is logged once, questions are
 * still answered (without follow-up context), and the shared state is used again once Redis is back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis, createRedisStores, type RedisStores } from "../../src/index.js";
import { seedAssistant } from "../helpers.js";
import { dropPrefix, redisProxy, requireRedis, testPrefix } from "./redis.js";

const prefix = testPrefix();
let proxy: Awaited<ReturnType<typeof redisProxy>>;
let stores: RedisStores;
let assistant: Awaited<ReturnType<typeof seedAssistant>>;
const logs: string[] = [];

beforeAll(async () => {
  await requireRedis();
  proxy = await redisProxy();
  stores = createRedisStores(await connectRedis(proxy.url), { prefix, log: (level, msg) => logs.push(`${level} ${msg}`) });
  assistant = await seedAssistant({ conversation: stores.conversations });
});
afterAll(async () => {
  await stores?.close();
  await proxy?.close();
  await assistant?.cleanup();
  await dropPrefix(prefix);
});

async function until(ok: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("a Redis outage", () => {
  it("is logged once, answered around, and recovered from", async () => {
    await assistant.ask("tg:1", "侨商创客谷是什么地方？");
    expect((await stores.conversations.get("tg:1"))?.topic?.subject).toBe("侨商创客谷");

    await proxy.cut();
    const answers = [];
    for (const q of ["崂山众创空间总面积将达到多少？", "它年底前计划入驻多少家企业？", "崂山区成立了什么机构？"]) answers.push(await assistant.ask("tg:1", q));
    expect(answers.map((a) => a.kind)).toEqual(["answer", "answer", "answer"]);
    expect(answers[0]!.text).toContain("150万平方米");
    expect((await stores.limiter.take("u")).ok).toBe(true); // requests are allowed, not refused
    expect(await stores.deduper.claim("tg:9")).toBe(true); // updates are handled
    expect(stores.healthy).toBe(false);
    expect(logs.filter((l) => l.startsWith("warn"))).toHaveLength(1);
    expect(logs[0]).toMatch(/^warn redis: unreachable .*answering without follow-up context/);

    await proxy.restore();
    await until(async () => (await stores.conversations.get("tg:1"), stores.healthy));
    expect(logs.filter((l) => l.startsWith("info"))).toEqual([expect.stringMatching(/redis: reachable again/)]);
    await assistant.ask("tg:2", "侨商创客谷是什么地方？");
    expect((await stores.conversations.get("tg:2"))?.topic?.subject).toBe("侨商创客谷");
    expect(logs).toHaveLength(2);
  });
});
