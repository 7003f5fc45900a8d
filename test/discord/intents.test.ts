import { GatewayIntentBits } from "discord.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestAssistant, startHarness, type Harness, type TestAssistant } from "./harness.js";

let core: TestAssistant;
let h: Harness;

beforeAll(async () => {
  core = await createTestAssistant();
  h = await startHarness(core.assistant, { fake: { messageContentIntent: false } });
});

afterAll(async () => {
  await h?.close();
  await core?.dispose();
});

it("reconnects without the Message Content intent when it is not granted, saying so once, and still serves commands and mentions", async () => {
  const [refused, accepted] = h.fake.identifies;
  expect(refused!.intents & GatewayIntentBits.MessageContent).toBe(GatewayIntentBits.MessageContent);
  expect(accepted!.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages);
  expect(h.fake.identifies).toHaveLength(2);
  const notes = h.lines.filter((l) => l.includes("Message Content intent"));
  expect(notes).toHaveLength(1);
  expect(notes[0]).toContain("WARN");
  expect(h.lines.filter((l) => / (WARN|ERROR) /.test(l))).toEqual(notes);

  const ask = h.fake.slash("ask", { question: "崂山众创空间总面积将达到多少？" });
  expect((await h.fake.edited(ask.token)).body.embeds[0].description).toContain("150万平方米");
});

it("answers a mention in a thread without the Message Content intent", async () => {
  h.fake.message(`<@${h.fake.bot.id}> 崂山众创空间总面积将达到多少？`, { place: "thread" });
  const answer = await h.fake.request((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path) && JSON.stringify(r.body).includes("150万平方米"));
  expect(answer.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
});
