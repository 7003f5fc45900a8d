import { describe, expect, it } from "vitest";
import { threadName } from "../../bots/discord/render.js";
import { escapeHtml, moreData, parseButtonData, renderReply, splitText, TELEGRAM_TEXT_LIMIT } from "../../bots/telegram/render.js";
import type { Reply } from "../../src/types.js";
import { checkHtml, plain } from "./fake-bot-api.js";

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const sentence = "崂山区众创空间面积达到150万平方米，<服务>创客&😀超过2万人次。";
const text = (chars: number) => sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars);

const reply = (over: Partial<Reply>): Reply => ({
  kind: "answer",
  text: "崂山众创空间总面积将达150万平方米。",
  abstained: false,
  citations: [{ doc: "d", title: "标题", date: "2016-05-11", passage: "d#1", paragraph: 1, quote: "引文。", score: 1 }],
  followUps: [],
  lang: "zh",
  ...over,
});

describe("bounded rendering", () => {
  it("splits in time linear in the text: 400k characters take about four times 100k", () => {
    const time = (chars: number) => {
      const input = text(chars);
      const started = performance.now();
      const pieces = splitText(input, TELEGRAM_TEXT_LIMIT, escapeHtml);
      const ms = performance.now() - started;
      expect(pieces.every((p) => p.length <= TELEGRAM_TEXT_LIMIT)).toBe(true);
      return ms;
    };
    time(10_000); // warm up
    const small = time(100_000);
    const large = time(400_000);
    console.log(`[bounds] splitText: 100k characters ${small.toFixed(0)} ms, 400k ${large.toFixed(0)} ms`);
    expect(large).toBeLessThan(2_000);
    expect(large / Math.max(small, 1)).toBeLessThan(12);
  });

  it("cuts a sentence longer than a message on code points, keeping every character", () => {
    const long = "创😀".repeat(5_000);
    const pieces = splitText(long, 4096, (s) => s);
    expect(pieces.join("")).toBe(long);
    for (const p of pieces) expect(p).not.toMatch(LONE_SURROGATE);
  });

  it("shows a passage longer than a message as one part with a self-contained next-part button", () => {
    const passage = text(400_000);
    const source = reply({ kind: "source", text: passage, citations: [{ ...reply({}).citations[0]!, quote: passage }] });
    const [only, ...rest] = renderReply(source);
    expect(rest).toHaveLength(0);
    expect(checkHtml(only!.html)).toBeUndefined();
    expect(plain(only!.html, "HTML")).toMatch(/^崂山区/);
    const button = only!.keyboard!.inline_keyboard.flat()[0] as { text: string; callback_data: string };
    expect(button.callback_data).toBe(moreData("d#1", 1));
    expect(parseButtonData(button.callback_data)).toEqual({ type: "more", passage: "d#1", part: 1 });
    const last = Number(/\/(\d+)/.exec(button.text)![1]) - 1;
    const [end] = renderReply(source, { part: last });
    expect(plain(end!.html, "HTML")).toContain(`${last + 1}/${last + 1}`);
    expect(end!.keyboard?.inline_keyboard.flat().some((b) => "callback_data" in b && b.callback_data.startsWith("m:"))).toBeFalsy();
  });

  it("keeps other long replies to a few messages, and long quotes short", () => {
    const messages = renderReply(reply({ text: text(400_000), citations: [{ ...reply({}).citations[0]!, quote: text(400_000) }] }));
    expect(messages.length).toBeLessThanOrEqual(5);
    for (const m of messages) expect(m.html.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
  });

  it("names a Discord thread without control or bidi characters", () => {
    expect(threadName("\u0000崂山\u202e区成立了\u2066什么机构？\u0007")).toBe("崂山区成立了什么机构？");
    expect(threadName("😀".repeat(60))).not.toMatch(LONE_SURROGATE);
  });
});
