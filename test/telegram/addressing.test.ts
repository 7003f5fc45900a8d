import { describe, expect, it } from "vitest";
import type { UserFromGetMe } from "grammy/types";
import { isCommandForMe, parseCommand, questionFor } from "../../bots/telegram/addressing.js";
import { localeLang } from "../../src/index.js";
import { group, privateChat, textMessage, user } from "./updates.js";

const me = { id: 42, is_bot: true, first_name: "Bot", username: "Policy_QA_bot" } as UserFromGetMe;
const u = user(1);

describe("addressing", () => {
  it("reads /command@bot and its arguments", () => {
    expect(parseCommand(textMessage("/ASK@Policy_QA_bot  崂山？ ", { chat: privateChat(u), from: u }))).toEqual({
      name: "ask",
      target: "Policy_QA_bot",
      args: "崂山？",
    });
    expect(parseCommand(textMessage("崂山 /ask", { chat: privateChat(u), from: u }))).toBeUndefined();
  });

  it("takes commands for itself, or without a target outside groups", () => {
    const cmd = (text: string) => parseCommand(textMessage(text, { chat: privateChat(u), from: u }))!;
    expect(isCommandForMe(cmd("/foo@policy_qa_bot"), me, "supergroup")).toBe(true);
    expect(isCommandForMe(cmd("/foo@other_bot"), me, "private")).toBe(false);
    expect(isCommandForMe(cmd("/foo"), me, "private")).toBe(true);
    expect(isCommandForMe(cmd("/foo"), me, "group")).toBe(false);
  });

  it("in groups, answers mentions (removing them, whatever the case) and replies to itself only", () => {
    const chat = group(-5);
    const mention = textMessage("请问 @policy_qa_bot 崂山众创空间总面积将达到多少？", { chat, from: u });
    expect(questionFor(mention, me)).toBe("请问 崂山众创空间总面积将达到多少？");
    expect(questionFor(textMessage("@someone_else 你好", { chat, from: u }), me)).toBeUndefined();
    expect(questionFor(textMessage("今天开会", { chat, from: u }), me)).toBeUndefined();
    const mine = textMessage("答案", { chat, from: { ...me } });
    expect(questionFor(textMessage("它呢？", { chat, from: u, replyTo: mine }), me)).toBe("它呢？");
    const textMention = { ...textMessage("Bot 你好", { chat, from: u }), entities: [{ type: "text_mention" as const, offset: 0, length: 3, user: me }] };
    expect(questionFor(textMention, me)).toBe("你好");
  });

  it("takes every private message as a question", () => {
    expect(questionFor(textMessage("崂山？", { chat: privateChat(u), from: u }), me)).toBe("崂山？");
  });

  it("maps Telegram language codes the core speaks", () => {
    expect(localeLang("en-US")).toBe("en");
    expect(localeLang("zh-hans")).toBe("zh");
    expect(localeLang("zh-hant")).toBe("zh-Hant");
    expect(localeLang("zh-TW")).toBe("zh-Hant");
    expect(localeLang("de")).toBeUndefined();
    expect(localeLang(undefined)).toBeUndefined();
  });
});
