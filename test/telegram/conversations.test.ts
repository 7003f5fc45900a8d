import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Chat, Message } from "grammy/types";
import { messages } from "../../src/messages/index.js";
import { recordingStore, seedAssistant, type RecordingStore } from "../helpers.js";
import { plain, type ApiCall } from "./fake-bot-api.js";
import { sentMessage, spyOn, startHarness, type Harness, type SpyAssistant } from "./harness.js";
import { callbackUpdate, group, privateChat, textMessage, textUpdate, user } from "./updates.js";

const zh = messages("zh");
const ALICE_ASKS = "侨商创客谷是什么地方？";
const FOLLOW_UP = "它年底前计划入驻多少家企业？";
const QUESTION = "崂山众创空间总面积将达到多少？";
const AUTO_CHAT = -1_002_000;

let h: Harness;
let core: SpyAssistant;
let store: RecordingStore;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  store = recordingStore();
  const real = await seedAssistant({ conversation: store });
  cleanup = real.cleanup;
  core = spyOn(real);
  h = await startHarness(core, { RATE_LIMIT_PER_MINUTE: "10", TELEGRAM_AUTO_CHATS: String(AUTO_CHAT) });
});

afterAll(async () => {
  await h?.stop();
  await cleanup?.();
});

const seen = (call: ApiCall) => plain(call.payload.text, call.payload.parse_mode);
const asBotMessage = (call: ApiCall, chat: Chat): Message => sentMessage(h.api, call, chat);
const mention = (text: string) => `@${h.api.me.username} ${text}`;

describe("whose conversation (fake Telegram)", () => {
  it("gives each member of a group their own conversation", async () => {
    const [alice, bob] = [user(301), user(302)];
    const chat = group(-1_001_301);
    await h.exchange(textUpdate(mention(ALICE_ASKS), { chat, from: alice }), chat.id);
    await h.exchange(textUpdate(mention(FOLLOW_UP), { chat, from: bob }), chat.id);
    const aliceFollowUp = await h.exchange(textUpdate(mention(FOLLOW_UP), { chat, from: alice }), chat.id);
    expect(store.subjectBefore(`tg:${chat.id}:${bob.id}`)).toBeUndefined();
    expect(store.subjectBefore(`tg:${chat.id}:${alice.id}`)).toBe("侨商创客谷");
    expect(seen(aliceFollowUp)).toContain("15家");
  });

  it("keeps one conversation per forum topic and answers in that topic", async () => {
    const [alice, bob] = [user(303), user(304)];
    const chat: Chat.SupergroupChat = { ...group(-1_001_303), is_forum: true };
    const inTopic = (text: string, from: typeof alice) => ({
      message: { ...textMessage(mention(text), { chat, from }), message_thread_id: 77, is_topic_message: true },
    });
    await h.exchange(inTopic(ALICE_ASKS, alice), chat.id);
    const answer = await h.exchange(inTopic(FOLLOW_UP, bob), chat.id);
    expect(answer.payload.message_thread_id).toBe(77);
    expect(store.subjectBefore(`tg:${chat.id}:topic:77`)).toBe("侨商创客谷");
    expect(seen(answer)).toContain("15家");
  });

  it("keeps a private chat one conversation", async () => {
    const u = user(305);
    const chat = privateChat(u);
    await h.exchange(textUpdate(ALICE_ASKS, { chat, from: u }), u.id);
    await h.exchange(textUpdate(FOLLOW_UP, { chat, from: u }), u.id);
    expect(store.subjectBefore(`tg:${u.id}`)).toBe("侨商创客谷");
  });
});

describe("fair limits (fake Telegram)", () => {
  it("lets 12 /help, 12 查看原文 and 12 suggested-question clicks through in a minute, and refuses only the 11th question", async () => {
    const u = user(306);
    const chat = privateChat(u);
    const first = await h.exchange(textUpdate(QUESTION, { chat, from: u }), u.id);
    const source = (first.payload.reply_markup.inline_keyboard.flat() as { callback_data?: string }[]).find((b) =>
      b.callback_data?.startsWith("s:"),
    )!.callback_data!;
    const help = await h.exchange(textUpdate("/help", { chat, from: u }), u.id);
    const suggested = (help.payload.reply_markup.inline_keyboard.flat() as { text: string; callback_data?: string }[]).find((b) =>
      /^[qfk]:/.test(b.callback_data ?? ""),
    )!;
    const replies: ApiCall[] = [];
    const asked: ApiCall[] = [];
    for (let i = 0; i < 12; i++) {
      replies.push(await h.exchange(textUpdate("/help", { chat, from: u }), u.id));
      replies.push(await h.exchange(callbackUpdate(u, asBotMessage(first, chat), source), u.id));
      asked.push(await h.exchange(callbackUpdate(u, asBotMessage(help, chat), suggested.callback_data!), u.id));
    }
    const limited = zh.rateLimited(1).split("1")[0]!; // 「提问太频繁了，请 」
    expect([...replies, ...asked].filter((r) => seen(r).includes(limited))).toEqual([]);
    // A suggested question's answer says which question it answers.
    for (const a of asked) expect(seen(a).startsWith(`❓ ${suggested.text}\n\n`)).toBe(true);
    for (let i = 2; i <= 10; i++) expect(seen(await h.exchange(textUpdate(QUESTION, { chat, from: u }), u.id))).toContain("150万平方米");
    expect(seen(await h.exchange(textUpdate(QUESTION, { chat, from: u }), u.id))).toContain(limited);
  });
});

describe("auto-reply groups (fake Telegram)", () => {
  it("answers question-like messages without a mention, and nothing else", async () => {
    const [alice, bob] = [user(307), user(308)];
    const chat = group(AUTO_CHAT);
    const asksBefore = core.asks.length;
    const chatter = textMessage("大家好，明天见", { chat, from: alice });
    h.api.push({ message: chatter });
    h.api.push(textUpdate("几乎每个人都到了", { chat, from: bob }));
    h.api.push(textUpdate("你问的是哪个？", { chat, from: bob, replyTo: chatter })); // to Alice, not to the bot
    const byMark = await h.exchange(textUpdate(QUESTION, { chat, from: alice }), chat.id);
    expect(seen(byMark)).toContain("150万平方米");
    const byWord = await h.exchange(textUpdate("侨商创客谷年底前计划入驻多少家企业", { chat, from: bob }), chat.id);
    expect(seen(byWord)).toContain("15家");
    const toBot = await h.exchange(textUpdate("园区将设立的产业发展基金规模", { chat, from: bob, replyTo: asBotMessage(byWord, chat) }), chat.id);
    expect(toBot.payload.reply_parameters).toBeDefined();
    expect(core.asks.slice(asksBefore).map((a) => a.text)).toEqual([QUESTION, "侨商创客谷年底前计划入驻多少家企业", "园区将设立的产业发展基金规模"]);
  });

  it("ignores the same questions in a group that is not an auto-reply group", async () => {
    const u = user(309);
    const chat = group(-1_001_309);
    const asksBefore = core.asks.length;
    h.api.push(textUpdate(QUESTION, { chat, from: u }));
    await h.exchange(textUpdate(mention(QUESTION), { chat, from: u }), chat.id);
    expect(core.asks.slice(asksBefore).map((a) => a.text)).toEqual([QUESTION]);
  });
});

describe("flood limits (fake Telegram)", () => {
  it("queues a busy group's answers under the group limit and delivers every one", async () => {
    const limited = await startHarness(core, { RATE_LIMIT_PER_MINUTE: "0" }, {
      global: {},
      out: { maxConcurrent: 1 },
      group: { maxConcurrent: 1, minTime: 100, reservoir: 3, reservoirRefreshAmount: 3, reservoirRefreshInterval: 600 },
    });
    try {
      const chat = group(-1_001_310);
      const from = limited.api.mark();
      for (let i = 0; i < 5; i++) limited.api.push(textUpdate(`@${limited.api.me.username} ${QUESTION}`, { chat, from: user(310 + i) }));
      await limited.api.waitFor("sendMessage", () => limited.api.callsOf("sendMessage", from).length === 5, { from });
      const sent = limited.api.callsOf("sendMessage", from);
      for (const s of sent) expect(seen(s)).toContain("150万平方米");
      // Lower bounds only, over spans of several sends, so a late arrival at the fake under load cannot fail it:
      // minTime keeps three sends at least 200 ms apart from first to last.
      expect(sent[2]!.at! - sent[0]!.at!).toBeGreaterThanOrEqual(150);
      expect(sent[3]!.at! - sent[0]!.at!).toBeGreaterThanOrEqual(550); // the 4th waits for the reservoir to refill
    } finally {
      await limited.stop();
    }
  });
});
