import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Message, Update } from "grammy/types";
import { messages } from "../../src/messages/index.js";
import type { ApiCall } from "./fake-bot-api.js";
import { plain } from "./fake-bot-api.js";
import { realAssistant, sentMessage, spyOn, startHarness, TOKEN, type Harness, type SpyAssistant } from "./harness.js";
import {
  callbackUpdate,
  group,
  inlineUpdate,
  privateChat,
  stickerUpdate,
  textMessage,
  textUpdate,
  user,
} from "./updates.js";

const zh = messages("zh");
const FIGURE_QUESTION = "崂山众创空间总面积将达到多少？";
const TITLE = "打造国际创客社区 激发创新创业活力 崂山区倾力为创客“筑巢”";
const RATE_LIMIT = 4;

let h: Harness;
let core: SpyAssistant;
let dispose: () => Promise<void>;
const consoleLines: string[] = [];

beforeAll(async () => {
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(" ")));
  }
  const real = await realAssistant();
  dispose = real.dispose;
  core = spyOn(real.assistant);
  h = await startHarness(core, { RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) });
});

afterEach(() => {
  core.intercept = undefined;
});

afterAll(async () => {
  await h?.stop();
  await dispose?.();
  vi.restoreAllMocks();
});

/** The text a user sees in a sent message. */
const seen = (call: ApiCall) => plain(call.payload.text, call.payload.parse_mode);
/** The buttons under a sent message. */
const buttonsOf = (call: ApiCall) =>
  ((call.payload.reply_markup?.inline_keyboard ?? []) as { text: string; callback_data?: string }[][]).flat();
/** The message object the fake returned for a sent message, as a callback query would carry it. */
const asMessage = (call: ApiCall, chat: Message["chat"]): Message => sentMessage(h.api, call, chat);

describe("Telegram bot over long polling", () => {
  it("registers the command menu in Chinese, and in English for en users", () => {
    const menus = h.api.callsOf("setMyCommands");
    expect(menus).toHaveLength(2);
    expect(menus[0]!.payload.language_code).toBeUndefined();
    expect(menus[0]!.payload.commands.map((c: { command: string }) => c.command)).toEqual([
      "start", "ask", "help", "policies", "source", "reset", "about",
    ]);
    expect(menus[0]!.payload.commands[1].description).toBe(zh.commands.ask);
    expect(menus[1]!.payload.language_code).toBe("en");
    expect(menus[1]!.payload.commands[1].description).toBe(messages("en").commands.ask);
    expect(h.api.callsOf("deleteWebhook")).toHaveLength(1);
  });

  it("greets on /start with what it knows and example questions as buttons", async () => {
    const u = user(101);
    const sent = await h.exchange(textUpdate("/start", { chat: privateChat(u), from: u }), u.id);
    expect(seen(sent)).toContain(zh.help[0]);
    expect(seen(sent)).toContain(TITLE);
    const examples = buttonsOf(sent);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    expect(examples.length).toBeLessThanOrEqual(3);
    for (const b of examples) expect(b.callback_data).toMatch(/^(q:|f:)/);
    expect(core.asks.at(-1)).toMatchObject({ conversationId: `tg:${u.id}`, text: "/start" });
  });

  it("answers /ask with the figure, the quoted sentence and its citation, after a typing action", async () => {
    const u = user(102);
    const from = h.api.mark();
    const sent = await h.exchange(textUpdate(`/ask ${FIGURE_QUESTION}`, { chat: privateChat(u), from: u }), u.id);
    expect(sent.payload.parse_mode).toBe("HTML");
    expect(seen(sent)).toContain("150万平方米");
    expect(sent.payload.text).toContain("<blockquote>");
    expect(seen(sent)).toContain(`出处：《${TITLE}》 · 2016-05-11 · 第3段`);
    expect(buttonsOf(sent)).toContainEqual({ text: zh.showSource, callback_data: "s:000_4f5b4b3408eff9cd#3" });
    const typing = h.api.callsOf("sendChatAction", from);
    expect(typing[0]?.payload).toMatchObject({ chat_id: u.id, action: "typing" });
    expect(h.api.calls.indexOf(typing[0]!)).toBeLessThan(h.api.calls.indexOf(sent));
    expect(core.asks.at(-1)).toMatchObject({ conversationId: `tg:${u.id}`, text: FIGURE_QUESTION, options: { lang: "zh" } });
  });

  it("shows the full passage when its button is pressed", async () => {
    const u = user(103);
    const chat = privateChat(u);
    const answer = await h.exchange(textUpdate(FIGURE_QUESTION, { chat, from: u }), u.id);
    const from = h.api.mark();
    const passage = await h.exchange(callbackUpdate(u, asMessage(answer, chat), "s:000_4f5b4b3408eff9cd#3"), u.id);
    expect(h.api.callsOf("answerCallbackQuery", from)).toHaveLength(1);
    expect(core.asks.at(-1)!.text).toBe("/source 000_4f5b4b3408eff9cd#3");
    expect(seen(passage)).toContain("短短半年");
    expect(seen(passage)).toContain("第3段");
  });

  it("treats every plain message in a private chat as a question", async () => {
    const u = user(104);
    const sent = await h.exchange(textUpdate(FIGURE_QUESTION, { chat: privateChat(u), from: u }), u.id);
    expect(seen(sent)).toContain("150万平方米");
    expect(sent.payload.reply_parameters).toBeUndefined();
  });

  it("ignores group chatter and answers a mention, /ask@thisbot and a reply to itself, each in reply", async () => {
    const u = user(105);
    const chat = group(-1_001_105);
    const me = `@${h.api.me.username}`;
    const from = h.api.mark();
    const asksBefore = core.asks.length;
    h.api.push(textUpdate("大家好，今天开会吗？", { chat, from: u }));
    h.api.push(textUpdate(`/ask@other_bot ${FIGURE_QUESTION}`, { chat, from: u }));
    const mention = textMessage(`${me} ${FIGURE_QUESTION}`, { chat, from: u });
    const reply = await h.exchange({ message: mention }, chat.id);
    // One chat's updates run in order, so the chatter before the mention was already ignored.
    expect(core.asks.slice(asksBefore).map((a) => a.text)).toEqual([FIGURE_QUESTION]);
    expect(h.api.callsOf("sendChatAction", from)).toHaveLength(1);
    expect(reply.payload.reply_parameters).toMatchObject({ message_id: mention.message_id });
    expect(seen(reply)).toContain("150万平方米");

    const command = textMessage(`/ask${me} 侨商创客谷整体空间多大？`, { chat, from: u });
    const byCommand = await h.exchange({ message: command }, chat.id);
    expect(byCommand.payload.reply_parameters).toMatchObject({ message_id: command.message_id });
    expect(core.asks.at(-1)!.text).toBe("侨商创客谷整体空间多大？");

    const botMessage = asMessage(reply, chat);
    const replyToBot = textMessage("它年底前计划入驻多少家企业？", { chat, from: u, replyTo: botMessage });
    const byReply = await h.exchange({ message: replyToBot }, chat.id);
    expect(byReply.payload.reply_parameters).toMatchObject({ message_id: replyToBot.message_id });
    expect(core.asks.at(-1)).toMatchObject({ conversationId: `tg:${chat.id}:${u.id}`, text: "它年底前计划入驻多少家企业？" });
  });

  it("keeps a chat's follow-ups in order and in one conversation while other chats run alongside", async () => {
    const u = user(106);
    const other = user(107);
    const chat = privateChat(u);
    const first = "侨商创客谷整体空间多大？";
    const followUp = "它年底前计划入驻多少家企业？";
    let entered!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((resolve) => (entered = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    core.intercept = async (call, next) => {
      if (call.text === first) {
        entered();
        await gate;
      }
      return next();
    };
    const from = h.api.mark();
    h.api.push(textUpdate(first, { chat, from: u }));
    h.api.push(textUpdate(followUp, { chat, from: u }));
    await reached;
    // While the first question is held in the core, another chat is answered…
    await h.exchange(textUpdate("/about", { chat: privateChat(other), from: other }), other.id);
    // …but the follow-up in the same chat waits its turn.
    expect(core.asks.filter((a) => a.conversationId === `tg:${u.id}`).map((a) => a.text)).toEqual([first]);
    release();
    const answer = await h.api.waitFor("sendMessage", (c) => c.ok && c.payload.chat_id === u.id, { from });
    const next = await h.api.waitFor("sendMessage", (c) => c.ok && c.payload.chat_id === u.id && c !== answer, { from });
    expect(seen(answer)).toContain("2万平方米");
    expect(seen(next)).toContain("15家");
    const mine = core.asks.filter((a) => a.conversationId === `tg:${u.id}`).map((a) => a.text);
    expect(mine).toEqual([first, followUp]);
  });

  it("asks a suggested follow-up when its button is pressed, even one too long for callback_data", async () => {
    const u = user(108);
    const chat = privateChat(u);
    const start = await h.exchange(textUpdate("/start", { chat, from: u }), u.id);
    const [button] = buttonsOf(start);
    await h.exchange(callbackUpdate(u, asMessage(start, chat), button!.callback_data!), u.id);
    expect(core.asks.at(-1)!.text).toBe(button!.text);

    // A follow-up longer than 64 bytes travels as `f:<n>` and is read back from the button label.
    const offered = { ...asMessage(start, chat), reply_markup: { inline_keyboard: [[{ text: FIGURE_QUESTION.repeat(2), callback_data: "f:0" }]] } };
    await h.exchange(callbackUpdate(u, offered as Message, "f:0"), u.id);
    expect(core.asks.at(-1)!.text).toBe(FIGURE_QUESTION.repeat(2));

    const from = h.api.mark();
    h.api.push(callbackUpdate(u, { ...offered, reply_markup: undefined } as unknown as Message, "f:0"));
    const expired = await h.api.waitFor("answerCallbackQuery", () => true, { from });
    expect(expired.payload.text).toBe(zh.buttonExpired);
  });

  it("answers a follow-up button that carries only its id, with no keyboard to read (a restart, another replica, an old message)", async () => {
    const u = user(115);
    const chat = privateChat(u);
    const help = await core.ask("probe", "/help"); // the ids any process over these articles gives
    const [id] = help.followUpIds!;
    const bare = { message_id: 1, date: 0, chat } as unknown as Message; // what Telegram sends for a message too old to show
    const answered = await h.exchange(callbackUpdate(u, bare, `k:${id}`), u.id);
    expect(core.asks.at(-1)!.text).toBe(help.followUps[0]);
    expect(seen(answered).startsWith(`❓ ${help.followUps[0]}`)).toBe(true);

    const from = h.api.mark();
    h.api.push(callbackUpdate(u, bare, "k:000_4f5b4b3408eff9cd#999~abc")); // a passage gone from the articles
    const expired = await h.api.waitFor("answerCallbackQuery", (c) => c.payload.text !== undefined, { from });
    expect(expired.payload.text).toBe(zh.buttonExpired);
  });

  it("escapes <b>& from the user and still answers", async () => {
    const u = user(109);
    const chat = privateChat(u);
    const echoed = await h.exchange(textUpdate("/source <b>&", { chat, from: u }), u.id);
    expect(echoed.ok).toBe(true);
    expect(echoed.payload.text).toContain("&lt;b&gt;&amp;");
    expect(seen(echoed)).toContain(zh.unknownSource("<b>&"));
    const answered = await h.exchange(textUpdate(`<b>&${FIGURE_QUESTION}`, { chat, from: u }), u.id);
    expect(seen(answered)).toContain("150万平方米");
  });

  it("splits a long answer into messages under 4096 characters at sentence ends, buttons on the last", async () => {
    const u = user(110);
    core.intercept = async (_call, next) => {
      const reply = await next();
      return { ...reply, short: undefined, text: Array.from({ length: 400 }, (_, i) => `第${i}句：${reply.text}`).join("") };
    };
    const from = h.api.mark();
    h.api.push(textUpdate(FIGURE_QUESTION, { chat: privateChat(u), from: u }));
    const last = await h.api.waitFor("sendMessage", (c) => c.payload.chat_id === u.id && !!c.payload.reply_markup, { from });
    const parts = h.api.callsOf("sendMessage", from).filter((c) => c.payload.chat_id === u.id);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.at(-1)).toBe(last);
    for (const p of parts) expect(seen(p).length).toBeLessThanOrEqual(4096);
    for (const p of parts.slice(0, -2)) expect(seen(p)).toMatch(/。$/);
    expect(seen(parts.at(-1)!)).toContain(`《${TITLE}》`);
  });

  it("retries a message refused with 429 after retry_after", async () => {
    const u = user(111);
    const from = h.api.mark();
    h.api.fail("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    const sent = await h.exchange(textUpdate(FIGURE_QUESTION, { chat: privateChat(u), from: u }), u.id);
    expect(seen(sent)).toContain("150万平方米");
    const attempts = h.api.calls.slice(from).filter((c) => c.method === "sendMessage");
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
  });

  it("answers past the per-user limit with a friendly message instead of asking the core", async () => {
    const u = user(112);
    const chat = privateChat(u);
    for (let i = 0; i < RATE_LIMIT; i++) await h.exchange(textUpdate(FIGURE_QUESTION, { chat, from: u }), u.id);
    const asks = core.asks.length;
    const limited = await h.exchange(textUpdate(FIGURE_QUESTION, { chat, from: u }), u.id);
    expect(seen(limited)).toMatch(/^提问太频繁了，请 \d+ 秒后再试。$/);
    expect(core.asks.length).toBe(asks);
    // The limit is per user: someone else in another chat is answered.
    const v = user(113);
    expect(seen(await h.exchange(textUpdate(FIGURE_QUESTION, { chat: privateChat(v), from: v }), v.id))).toContain("150万");
  });

  it("hints at text for stickers, and shrugs off edits, channel posts and sender-less messages", async () => {
    const u = user(114);
    const chat = privateChat(u);
    const hint = await h.exchange(stickerUpdate({ chat, from: u }), u.id);
    expect(seen(hint)).toBe(zh.nonText);

    const asks = core.asks.length;
    const from = h.api.mark();
    const edited = { ...textMessage(FIGURE_QUESTION, { chat, from: u }), edit_date: 1 };
    const post = textMessage(FIGURE_QUESTION, { chat: { id: -1_009, type: "channel", title: "News" } });
    h.api.push({ edited_message: edited as NonNullable<Update["edited_message"]> });
    h.api.push({ channel_post: post as unknown as NonNullable<Update["channel_post"]> });
    h.api.push(stickerUpdate({ chat: group(-1_001_114), from: u })); // group sticker: not for the bot
    const senderless = await h.exchange(textUpdate(FIGURE_QUESTION, { chat }), u.id);
    expect(seen(senderless)).toContain("150万平方米");
    expect(core.asks.length).toBe(asks + 1);
    expect(h.api.callsOf("sendMessage", from)).toHaveLength(1);
    expect(h.logs.filter((l) => l.includes(" ERROR "))).toEqual([]);
  });

  it("offers the answer as an article in inline mode", async () => {
    const u = user(115);
    const from = h.api.mark();
    h.api.push(inlineUpdate(u, FIGURE_QUESTION));
    const call = await h.api.waitFor("answerInlineQuery", () => true, { from });
    const [article] = call.payload.results;
    expect(article).toMatchObject({ type: "article", title: expect.stringContaining("150万平方米") });
    expect(article.description).toBe(`出处：${TITLE}`);
    expect(plain(article.input_message_content.message_text, "HTML")).toContain("第3段");
    expect(call.payload.is_personal).toBe(true);
    expect(core.asks.at(-1)!.conversationId).toBe(`tg:inline:${u.id}`);
  });

  it("logs a failure without the token and still answers the user politely", async () => {
    const u = user(116);
    core.intercept = async () => {
      throw new Error(`index broken while calling http://api/bot${TOKEN}/sendMessage`);
    };
    const sent = await h.exchange(textUpdate(FIGURE_QUESTION, { chat: privateChat(u), from: u }), u.id);
    expect(seen(sent)).toBe(zh.error);
    const line = h.logs.find((l) => l.includes("index broken"));
    expect(line).toMatch(/ERROR telegram: update \d+ failed: Error: index broken while calling http:\/\/api\/bot\*\*\*\/sendMessage/);
  });

  it("logs a failed poll and keeps polling", async () => {
    const u = user(117);
    const chat = privateChat(u);
    h.api.fail("getUpdates", { error_code: 429, description: "Too Many Requests: retry after 0", parameters: { retry_after: 0 } });
    // The poll held open now returns this update; the next poll is the one refused, then retried.
    await h.exchange(textUpdate("/about", { chat, from: u }), u.id);
    const after = await h.exchange(textUpdate(FIGURE_QUESTION, { chat, from: u }), u.id);
    expect(seen(after)).toContain("150万平方米");
    expect(h.logs.some((l) => l.includes("WARN telegram: getUpdates failed (429: Too Many Requests"))).toBe(true);
  });

  it("never writes the token to a log line or the console", () => {
    expect(h.logs.length).toBeGreaterThan(0);
    for (const line of [...h.logs, ...consoleLines]) expect(line).not.toContain(TOKEN);
    expect(h.logs.join("\n")).toContain(`@${h.api.me.username} is polling`);
  });
});
