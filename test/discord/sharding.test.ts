import { GatewayIntentBits } from "discord.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestAssistant, startHarness, type Harness, type TestAssistant } from "./harness.js";

const question = "崂山众创空间总面积将达到多少？";

let core: TestAssistant;
let h: Harness;

beforeAll(async () => {
  core = await createTestAssistant(); // builds the index the shard processes then read
  h = await startHarness(core.assistant, {
    env: { DISCORD_SHARDS: "auto", EMBEDDER: "hashed", INDEX_DIR: core.indexDir, LOG_LEVEL: "warn" },
    fake: { shards: 2 },
    start: { shardSpawnDelayMs: 0 },
  });
});

afterAll(async () => {
  await h?.close();
  await core?.dispose();
});

it("runs a process per shard under ShardingManager, as many as Discord recommends via the API root", async () => {
  const identifies = await h.fake.identified(2);
  expect(identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
  expect(h.fake.connectedShards()).toEqual([0, 1]);
  expect(h.lines.some((l) => l.includes("discord: 2 shard(s) running"))).toBe(true);
  expect(process.env.SHARDING_MANAGER).toBeUndefined(); // the manager's writes to our environment are undone
});

it("answers slash commands on the guild's shard and DMs on shard 0, each shard with its own assistant", async () => {
  const ask = h.fake.slash("ask", { question });
  expect((await h.fake.edited(ask.token)).body.embeds[0].description).toContain("150万平方米");
  const dm = h.fake.message(question, { place: "dm" });
  const reply = await h.fake.posted(h.fake.dmChannelId, (r) => r.body.message_reference?.message_id === dm);
  expect(JSON.stringify(reply.body.embeds)).toContain("150万平方米");
});

it("stops every shard process cleanly, closing their gateway connections", async () => {
  await h.bot.stop();
  await h.fake.disconnected();
  expect(h.fake.connectedShards()).toEqual([]);
  expect(h.lines.some((l) => l.includes("discord: shards stopped"))).toBe(true);
  expect(h.lines.filter((l) => l.includes(h.fake.token))).toEqual([]);
});

it("brings shards up without the Message Content intent when it is not granted", async () => {
  const fallback = await startHarness(core.assistant, {
    env: { DISCORD_SHARDS: "2", EMBEDDER: "hashed", INDEX_DIR: core.indexDir, LOG_LEVEL: "error" },
    fake: { messageContentIntent: false },
    start: { shardSpawnDelayMs: 0 },
  });
  try {
    expect(fallback.fake.connectedShards()).toEqual([0, 1]);
    expect(fallback.fake.identifies.filter((i) => (i.intents & GatewayIntentBits.MessageContent) === 0).map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
    const ask = fallback.fake.slash("ask", { question });
    expect((await fallback.fake.edited(ask.token)).body.embeds[0].description).toContain("150万平方米");
  } finally {
    await fallback.close();
  }
});
