/**
 * Webhook replicas behind one URL: Telegram may deliver an update to any replica, and redelivers one
 * that was not acknowledged in time. With the update ids claimed in Redis, each update is answered once,
 * by whichever replica claims it first, and a conversation continues on another replica.
 */
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../bots/log.js";
import { createTelegramBot } from "../../bots/telegram/bot.js";
import { connectRedis, createRedisStores, type RedisStores } from "../../src/index.js";
import { seedAssistant } from "../helpers.js";
import { dropPrefix, REDIS_URL, requireRedis, testPrefix } from "../stores/redis.js";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api.js";
import { TOKEN } from "./harness.js";
import { privateChat, textUpdate, user } from "./updates.js";
import { assertNoProblems, auditReplies, telegramReplies } from "../reply-audit.js";

const prefix = testPrefix();
let api: FakeBotApi;
const replicas: { stores: RedisStores; bot: ReturnType<typeof createTelegramBot>; core: Awaited<ReturnType<typeof seedAssistant>> }[] = [];

beforeAll(async () => {
  await requireRedis();
  api = await startFakeBotApi({ token: TOKEN });
  for (let i = 0; i < 2; i++) {
    // Two processes: each its own Redis connection and core, one shared namespace.
    const stores = createRedisStores(await connectRedis(REDIS_URL), { prefix });
    const core = await seedAssistant({ conversation: stores.conversations });
    const bot = createTelegramBot(core, {
      token: TOKEN,
      log: createLogger({ write: () => {} }),
      limiter: stores.limiter,
      deduper: stores.deduper,
      apiRoot: api.apiRoot,
      botInfo: api.me,
    });
    replicas.push({ stores, bot, core });
  }
});
afterAll(async () => {
  // Every reply either replica sent keeps the reply rules (test/reply-audit.ts).
  const problems = api && replicas[0] ? await auditReplies(telegramReplies(api.calls), (id, text) => replicas[0]!.core.ask(id, text)) : [];
  for (const r of replicas) await Promise.all([r.stores.close(), r.core.cleanup()]);
  await api?.close();
  await dropPrefix(prefix);
  assertNoProblems(problems, "Telegram replicas");
});

let nextId = 700_000;
const withId = (u: Omit<Update, "update_id">): Update => ({ ...u, update_id: nextId++ }) as Update;

describe("Telegram webhook replicas sharing Redis", () => {
  it("answer an update delivered to both (or delivered twice) exactly once", async () => {
    const u = user(601);
    const update = withId(textUpdate("崂山众创空间总面积将达到多少？", { chat: privateChat(u), from: u }));
    const from = api.mark();
    await Promise.all([replicas[0]!.bot.handleUpdate(update), replicas[1]!.bot.handleUpdate(update), replicas[0]!.bot.handleUpdate(update)]);
    const sent = api.callsOf("sendMessage", from).filter((c) => c.payload.chat_id === u.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload.text).toContain("150万平方米");
  });

  it("continue a conversation on the other replica", async () => {
    const u = user(602);
    const chat = privateChat(u);
    await replicas[0]!.bot.handleUpdate(withId(textUpdate("侨商创客谷是什么地方？", { chat, from: u })));
    expect((await replicas[1]!.stores.conversations.get(`tg:${u.id}`))?.topic?.subject).toBe("侨商创客谷");
    const from = api.mark();
    await replicas[1]!.bot.handleUpdate(withId(textUpdate("它年底前计划入驻多少家企业？", { chat, from: u })));
    const [answer] = api.callsOf("sendMessage", from).filter((c) => c.payload.chat_id === u.id);
    expect(answer!.payload.text).toContain("15家");
  });
});
