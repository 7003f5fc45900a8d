import { describe, expect, it } from "vitest";
import { renderReply as renderDiscord } from "../bots/discord/render.js";
import { renderReply as renderConsole } from "../bots/console/render.js";
import { renderReply as renderTelegram } from "../bots/telegram/render.js";
import type { Citation, Reply } from "../src/types.js";
import { auditReplies, discordReplies, saidTwice, telegramReplies } from "./reply-audit.js";
import type { ApiCall } from "./telegram/fake-bot-api.js";
import type { RecordedRequest } from "./discord/fake-discord.js";

const SENTENCE = "记者了解到,侨商创客谷是崂山区不断打造的“青岛国际创客社区”的一部分。";
const citation = (quote: string): Citation => ({
  doc: "000_4f5b4b3408eff9cd",
  title: "打造国际创客社区",
  date: "2016-05-11",
  passage: "000_4f5b4b3408eff9cd#2",
  paragraph: 2,
  quote,
  score: 0.8,
});
const reply = (over: Partial<Reply>): Reply => ({
  kind: "answer",
  text: SENTENCE,
  abstained: false,
  citations: [citation(SENTENCE)],
  followUps: [],
  lang: "zh",
  ...over,
});

/** What the fakes record for a rendered reply. */
const sentToTelegram = (r: Reply, asked?: string): ApiCall[] =>
  renderTelegram(r, asked ? { asked } : {}).map((m) => ({
    method: "sendMessage",
    ok: true,
    status: 200,
    payload: { chat_id: 1, text: m.html, parse_mode: "HTML", reply_markup: m.keyboard },
  }));
const sentToDiscord = (r: Reply): RecordedRequest[] => [
  { at: 0, method: "PATCH", path: "/webhooks/1/t/messages/@original", query: new URLSearchParams(), body: JSON.parse(JSON.stringify(renderDiscord(r))) },
];

describe("one answer is said once", () => {
  it("leaves out a quote that is only the answer, on both platforms, keeping the source line", () => {
    for (const r of [reply({}), reply({ short: "记者了解到侨商创客谷是崂山区不断打造的青岛国际创客社区的一部分" }), reply({ text: "一部分", citations: [citation("一部分。")] })]) {
      const [tg] = telegramReplies(sentToTelegram(r));
      expect(tg!.quotes).toEqual([]);
      expect(sentToTelegram(r)[0]!.payload.text).toContain("《打造国际创客社区》");
      const [dc] = discordReplies(sentToDiscord(r));
      expect(dc!.quotes).toEqual([]);
      expect(dc!.lead).toContain("一部分");
    }
  });

  it("keeps a quote that holds more than the answer: the sentence around the short answer", () => {
    const r = reply({ text: SENTENCE, short: "崂山区", citations: [citation(SENTENCE)] });
    const [tg] = telegramReplies(sentToTelegram(r, "侨商创客谷是什么地方？"));
    expect(tg!.lead.trim()).toBe("崂山区");
    expect(tg!.quotes).toEqual([SENTENCE]);
    expect(saidTwice(tg!)).toBeUndefined();
    expect(saidTwice(discordReplies(sentToDiscord(r))[0]!)).toBeUndefined();
  });

  it("the audit flags a message that quotes its own answer", () => {
    const call: ApiCall = {
      method: "sendMessage",
      ok: true,
      status: 200,
      payload: { chat_id: 1, parse_mode: "HTML", text: `一部分。\n\n<blockquote>一部分</blockquote>\n<b>出处</b>：《标题》` },
    };
    expect(saidTwice(telegramReplies([call])[0]!)).toBe("一部分");
  });
});

describe("suggested questions are answered when asked", () => {
  it("the audit asks every question offered, once, and flags one the core declines", async () => {
    const offered = reply({ followUps: ["侨商创客谷年底前计划入驻多少家企业？", "青岛的平均房价是多少？"] });
    const asked: string[] = [];
    const ask = async (_id: string, text: string): Promise<Reply> => {
      asked.push(text);
      return text.includes("房价") ? reply({ kind: "not-found", abstained: true, text: "没有找到" }) : reply({});
    };
    const problems = await auditReplies([...telegramReplies(sentToTelegram(offered)), ...discordReplies(sentToDiscord(offered))], ask);
    expect(asked).toEqual(offered.followUps);
    expect(problems).toEqual(["suggested 「青岛的平均房价是多少？」 is not answered when asked (not-found: 没有找到)"]);
  });
});

describe("the terminal says an answer once too", () => {
  it("leaves out a quote that is only the answer, and keeps one that holds more", () => {
    expect(renderConsole(reply({}))).not.toContain(`「${SENTENCE}」`);
    expect(renderConsole(reply({}))).toContain("—— 《打造国际创客社区》 2016-05-11 第2段 [000_4f5b4b3408eff9cd#2]");
    expect(renderConsole(reply({ short: "崂山区" }))).toContain(`「${SENTENCE}」`);
  });
});
