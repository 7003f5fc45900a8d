import { GatewayIntentBits, MessageFlags } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/messages/en.js";
import { zh } from "../../src/messages/zh.js";
import type { RecordedRequest } from "./fake-discord.js";
import { createTestAssistant, spy, startHarness, type Harness, type TestAssistant } from "./harness.js";

const question = "崂山众创空间总面积将达到多少？";
const passageId = "000_4f5b4b3408eff9cd#3";

let core: TestAssistant;
let assistant: ReturnType<typeof spy>;
let h: Harness;

beforeAll(async () => {
  core = await createTestAssistant();
  assistant = spy(core.assistant);
  h = await startHarness(assistant, { env: { RATE_LIMIT_PER_MINUTE: "0" } });
});

afterAll(async () => {
  await h?.close();
  await core?.dispose();
});

/** The calls the bot made to the core for one conversation. */
const callsIn = (conversationId: string) => assistant.calls.filter((c) => c.conversationId === conversationId);
const embedText = (r: RecordedRequest) =>
  JSON.stringify(r.body.embeds ?? []) + JSON.stringify(r.body.components ?? []) + (r.body.content ?? "");

describe("Discord bot against a fake Discord", () => {
  it("connects, identifies with the intents mentions need and is ready", async () => {
    const [identify] = await h.fake.identified();
    expect(identify!.token).toBe(h.fake.token);
    for (const bit of [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent]) {
      expect(identify!.intents & bit).toBe(bit);
    }
    expect(h.lines.some((l) => l.includes("INFO discord: logged in as PolicyBot"))).toBe(true);
  });

  it("answers /ask with the figure and its citation in an embed, deferring first", async () => {
    const ask = h.fake.slash("ask", { question });
    const callback = await h.fake.callback(ask);
    expect(callback.body.type).toBe(5); // deferred: the core may take longer than 3 s
    const edit = await h.fake.edited(ask.token);
    const [embed] = edit.body.embeds;
    expect(embed.description).toContain("150万平方米");
    expect(embed.fields[0].name).toContain("打造国际创客社区");
    expect(embed.fields[0].value).toMatch(/^> .*150万平方米/);
    expect(embed.fields[0].value).toContain("2016-05-11");
    expect(embed.fields[0].value).toContain("第3段");
    expect(embed.fields[0].value).toContain(passageId);
    expect(embed.footer.text).toBe(zh.corpus);
    expect(edit.body.components[0].components[0]).toMatchObject({ custom_id: `src:${passageId}`, label: zh.showSource });
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const conversationId = `dc:${h.fake.channelId}:${h.fake.user.id}`;
    expect(callsIn(conversationId)).toContainEqual({ conversationId, text: question, lang: "zh" });
  });

  it("offers passage ids and their first words as /source autocomplete", async () => {
    const typed = h.fake.autocomplete("source", "id", "众创空间");
    const callback = await h.fake.callback(typed);
    expect(callback.body.type).toBe(8);
    const choices: { name: string; value: string }[] = callback.body.data.choices;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(choice.value).toMatch(/^000_4f5b4b3408eff9cd#\d+$/);
      expect(choice.name.startsWith(choice.value)).toBe(true);
      expect(choice.name.length).toBeLessThanOrEqual(100);
    }
    expect(choices.map((c) => c.value)).toContain(passageId);
  });

  it("shows the full passage, only to the user who pressed the button", async () => {
    const ask = h.fake.slash("ask", { question }, { user: { ...h.fake.user, id: "500000000000000002" } });
    const answer = await h.fake.edited(ask.token);
    const press = h.fake.click(`src:${passageId}`, h.fake.messageFrom(answer.body));
    const callback = await h.fake.callback(press);
    expect(callback.body.type).toBe(5);
    expect(callback.body.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const edit = await h.fake.edited(press.token);
    expect(edit.body.embeds[0].description).toContain("短短半年");
    expect(edit.body.embeds[0].description).toContain("150万平方米");
    expect(edit.body.components).toEqual([]); // the passage itself needs no "full passage" button
    expect(assistant.calls.at(-1)).toMatchObject({ text: `/source ${passageId}`, lang: "zh" });
  });

  it("asks a suggested follow-up when its button is pressed", async () => {
    const help = h.fake.slash("help");
    const reply = await h.fake.edited(help.token);
    const buttons = reply.body.components.flatMap((row: any) => row.components);
    const followUp = buttons.find((b: any) => b.custom_id.startsWith("ask:"));
    expect(followUp).toBeDefined();
    expect(followUp.custom_id.length).toBeLessThanOrEqual(100);
    const press = h.fake.click(followUp.custom_id, h.fake.messageFrom(reply.body));
    const edit = await h.fake.edited(press.token);
    expect(assistant.calls.at(-1)).toMatchObject({ text: followUp.custom_id.slice(4), lang: "zh" });
    expect(edit.body.embeds[0].description.length).toBeGreaterThan(0);
    expect(edit.body.embeds[0].title).toBe(`❓ ${followUp.custom_id.slice(4)}`); // the answer says what it answers
    expect(followUp.label).toBe(followUp.custom_id.slice(4));
    expect(followUp.label.length).toBeLessThanOrEqual(80);
    expect((await h.fake.callback(press)).body.data.flags & MessageFlags.Ephemeral).toBe(0);
  });

  it("passes commands to the core as text, worded in the user's locale when the core speaks it", async () => {
    const cases = [
      ["policies", "en-US", "en"],
      ["about", "zh-CN", "zh"],
      ["about", "zh-TW", "zh-Hant"],
      ["reset", "en-GB", "en"],
      ["help", "fr", undefined],
    ] as const;
    for (const [name, locale, lang] of cases) {
      const command = h.fake.slash(name, {}, { locale });
      const edit = await h.fake.edited(command.token);
      expect(assistant.calls.at(-1)).toEqual({ conversationId: `dc:${h.fake.channelId}:${h.fake.user.id}`, text: `/${name}`, lang });
      expect(edit.body.embeds[0].description.length).toBeGreaterThan(0);
    }
    const policies = await h.fake.edited(h.fake.slash("policies", {}, { locale: "en-US" }).token);
    expect(policies.body.embeds[0].footer.text).toBe(en.corpus);
    const source = h.fake.slash("source", { id: passageId });
    await h.fake.edited(source.token);
    expect(assistant.calls.at(-1)).toMatchObject({ text: `/source ${passageId}` });
    await h.fake.edited(h.fake.slash("policies", { filter: "创客" }).token);
    expect(assistant.calls.at(-1)).toMatchObject({ text: "/policies 创客" });
    await h.fake.edited(h.fake.slash("policy", { name: "扶持创客及科技型企业实施办法" }).token);
    expect(assistant.calls.at(-1)).toMatchObject({ text: "/policy 扶持创客及科技型企业实施办法" });
  });

  it("answers a mention in a channel in a new thread named after the question", async () => {
    const id = h.fake.message(`<@${h.fake.bot.id}> ${question}`);
    const threadsPath = `/channels/${h.fake.channelId}/messages/${id}/threads`;
    const opened = await h.fake.request((r) => r.method === "POST" && r.path === threadsPath);
    expect(opened.body.name).toBe(question);
    const thread = await h.fake.request(
      (r) =>
        r.method === "POST" &&
        /^\/channels\/\d+\/messages$/.test(r.path) &&
        r.path !== `/channels/${h.fake.channelId}/messages` &&
        embedText(r).includes("150万平方米"),
    );
    const threadId = thread.path.split("/")[2]!;
    expect(callsIn(`dc:thread:${threadId}`)).toEqual([{ conversationId: `dc:thread:${threadId}`, text: question, lang: undefined }]);
    expect(thread.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("answers a mention inside someone else's thread in that thread, in the user's own conversation", async () => {
    const id = h.fake.message(`<@${h.fake.bot.id}> ${question}`, { place: "thread" });
    const reply = await h.fake.posted(h.fake.threadId, (r) => r.body.message_reference?.message_id === id);
    expect(embedText(reply)).toContain("150万平方米");
    expect(callsIn(`dc:${h.fake.threadId}:${h.fake.user.id}`).map((c) => c.text)).toEqual([question]);
  });

  it("answers direct messages without a mention", async () => {
    const id = h.fake.message(question, { place: "dm" });
    const reply = await h.fake.posted(h.fake.dmChannelId, (r) => r.body.message_reference?.message_id === id);
    expect(embedText(reply)).toContain("150万平方米");
    expect(callsIn(`dc:${h.fake.dmChannelId}`).at(-1)?.text).toBe(question);
  });

  it("ignores other bots, messages that do not mention it, and @everyone", async () => {
    const ignored = [
      h.fake.message(`<@${h.fake.bot.id}> ${question}`, { author: h.fake.otherBot }),
      h.fake.message(`<@${h.fake.bot.id}> ${question}`, { place: "dm", author: h.fake.otherBot }),
      h.fake.message(question),
      h.fake.message(`@everyone ${question}`),
    ];
    // Events are handled in order: once a later DM is answered, the ignored ones have been seen.
    const barrier = h.fake.message("/help", { place: "dm" });
    await h.fake.posted(h.fake.dmChannelId, (r) => r.body.message_reference?.message_id === barrier);
    const mentions = (r: RecordedRequest, id: string) => r.path.includes(id) || JSON.stringify(r.body ?? "").includes(id);
    const touched = h.fake.requests.filter((r) => ignored.some((id) => mentions(r, id)));
    expect(touched).toEqual([]);
  });

  it("answers a question containing @everyone without pinging anyone", async () => {
    const text = `@everyone @here <@&700000000000000001> ${question}`;
    const ask = h.fake.slash("ask", { question: text });
    const edit = await h.fake.edited(ask.token);
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const id = h.fake.message(`<@${h.fake.bot.id}> ${text}`, { place: "thread" });
    const reply = await h.fake.posted(h.fake.threadId, (r) => r.body.message_reference?.message_id === id);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    // Nothing the bot sent, in any test, could ping: every message body carries the empty allow-list.
    const sent = h.fake.requests.filter((r) => r.body && ("embeds" in r.body || "content" in r.body));
    expect(sent.length).toBeGreaterThan(5);
    for (const r of sent) expect(r.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("answers errors politely and only to the user, logging them once without the token", async () => {
    assistant.failWith = new Error(`index unreadable (token ${h.fake.token})`);
    try {
      const ask = h.fake.slash("ask", { question }, { locale: "en-US" });
      const sorry = await h.fake.followUp(ask.token);
      expect(sorry.body.content).toBe(en.error);
      expect(sorry.body.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
      await h.fake.request((r) => r.method === "DELETE" && r.path.includes(ask.token)); // the public "thinking…" goes

      const id = h.fake.message(`<@${h.fake.bot.id}> ${question}`, { place: "thread" });
      const apology = await h.fake.posted(h.fake.threadId, (r) => r.body.message_reference?.message_id === id);
      expect(apology.body.content).toBe(zh.error);
    } finally {
      assistant.failWith = undefined;
    }
    const failures = h.lines.filter((l) => l.includes("ERROR"));
    expect(failures).toHaveLength(2);
    expect(failures[0]).toContain("discord: /ask failed: Error: index unreadable (token ***)");
    expect(failures[1]).toContain("discord: answering a mention failed");
  });

  it("never writes the token to the log", () => {
    expect(h.lines.length).toBeGreaterThan(10); // debug lines from discord.js included
    expect(h.lines.filter((l) => l.includes(h.fake.token))).toEqual([]);
  });
});

describe("rate limit", () => {
  let limited: Harness;
  beforeAll(async () => {
    limited = await startHarness(assistant, { env: { RATE_LIMIT_PER_MINUTE: "2" } });
  });
  afterAll(async () => limited?.close());

  it("refuses a user's third question within a minute, ephemerally, keyed by user; buttons never count", async () => {
    for (let i = 0; i < 2; i++) await limited.fake.edited(limited.fake.slash("ask", { question }).token);
    const third = limited.fake.slash("ask", { question });
    const refusal = await limited.fake.callback(third);
    expect(refusal.body.type).toBe(4);
    expect(refusal.body.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(refusal.body.data.content).toMatch(/^提问太频繁了，请 \d+ 秒后再试。$/);
    // Buttons never count: a suggested question and 查看原文 are still answered past the limit.
    const help = await limited.fake.edited(limited.fake.slash("help").token);
    const ask = help.body.components.flatMap((row: any) => row.components).find((b: any) => b.custom_id.startsWith("ask:"));
    for (let i = 0; i < 3; i++) {
      const answer = await limited.fake.edited(limited.fake.click(ask.custom_id, limited.fake.messageFrom(help.body)).token);
      expect(answer.body.embeds[0].title).toBe(`❓ ${ask.custom_id.slice(4)}`);
      const source = limited.fake.click(`src:${passageId}`, limited.fake.messageFrom(answer.body));
      expect((await limited.fake.edited(source.token)).body.embeds[0].description).toContain("150万平方米");
    }
    const other = { ...limited.fake.user, id: "500000000000000009" };
    const someoneElse = limited.fake.slash("ask", { question }, { user: other });
    expect((await limited.fake.edited(someoneElse.token)).body.embeds[0].description).toContain("150万平方米");
  });
});

describe("buttons that survive restarts", () => {
  it("answers a suggested question's button in another bot process, and an unreadable one politely", async () => {
    const help = await h.fake.edited(h.fake.slash("help").token);
    const ask = help.body.components.flatMap((row: any) => row.components).find((b: any) => b.custom_id.startsWith("ask:"));
    const restarted = await startHarness(assistant); // a new process: nothing of the first bot's memory
    try {
      const answer = await restarted.fake.edited(restarted.fake.click(ask.custom_id, restarted.fake.messageFrom(help.body)).token);
      expect(answer.body.embeds[0].title).toBe(`❓ ${ask.custom_id.slice(4)}`);
      expect(answer.body.embeds[0].color).toBe(0x2b8a3e); // answered, not declined
      // A question too long for custom_id travels as its id, made again from its passage in this process.
      const { followUps, followUpIds } = await core.assistant.ask("probe", "/help");
      const byId = restarted.fake.click(`fu:${followUpIds![0]}`, restarted.fake.messageFrom(help.body));
      expect((await restarted.fake.edited(byId.token)).body.embeds[0].title).toBe(`❓ ${followUps[0]}`);
      const gone = await restarted.fake.callback(restarted.fake.click("fu:000_4f5b4b3408eff9cd#999~abc", restarted.fake.messageFrom(help.body)));
      expect(gone.body.data.content).toBe(zh.buttonExpired);
      const old = restarted.fake.click("followup:7", restarted.fake.messageFrom(help.body)); // a button of an older version
      const expired = await restarted.fake.callback(old);
      expect(expired.body.data.content).toBe(zh.buttonExpired);
      expect(expired.body.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    } finally {
      await restarted.close();
    }
  });
});
