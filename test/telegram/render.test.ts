import { describe, expect, it } from "vitest";
import {
  CALLBACK_DATA_LIMIT,
  escapeHtml,
  followUpData,
  parseButtonData,
  renderReply,
  splitText,
  TELEGRAM_TEXT_LIMIT,
} from "../../bots/telegram/render.js";
import type { Citation, Reply } from "../../src/types.js";
import { checkHtml, plain } from "./fake-bot-api.js";

const citation: Citation = {
  doc: "000_4f5b4b3408eff9cd",
  title: "打造国际创客社区 <b>&",
  date: "2016-05-11",
  passage: "000_4f5b4b3408eff9cd#3",
  paragraph: 3,
  quote: "崂山众创空间总面积将达150万平方米,为<i>海内外</i>创客提供舞台。",
  score: 0.8,
};

const answer = (over: Partial<Reply> = {}): Reply => ({
  kind: "answer",
  text: "崂山众创空间总面积将达150万平方米。",
  abstained: false,
  citations: [citation],
  followUps: [],
  lang: "zh",
  ...over,
});

const buttons = (reply: Reply) =>
  renderReply(reply).flatMap((m) => m.keyboard?.inline_keyboard.flat() ?? []) as { text: string; callback_data?: string }[];

describe("renderReply", () => {
  it("escapes & first, then < and >", () => {
    expect(escapeHtml("<b>&amp;</b>")).toBe("&lt;b&gt;&amp;amp;&lt;/b&gt;");
  });

  it("puts the answer, then the quoted sentence, then article, date and paragraph", () => {
    const [m] = renderReply(answer());
    expect(m!.html).toBe(
      "崂山众创空间总面积将达150万平方米。\n\n" +
        "<blockquote>崂山众创空间总面积将达150万平方米,为&lt;i&gt;海内外&lt;/i&gt;创客提供舞台。</blockquote>\n" +
        "<b>出处</b>：《打造国际创客社区 &lt;b&gt;&amp;》 · 2016-05-11 · 第3段",
    );
    expect(checkHtml(m!.html)).toBeUndefined();
  });

  it("heads the answer to a suggested question's button with that question, escaped", () => {
    const [m] = renderReply(answer(), { asked: "<b>崂山众创空间</b>总面积将达到多少？" });
    expect(m!.html.startsWith("<b>❓ &lt;b&gt;崂山众创空间&lt;/b&gt;总面积将达到多少？</b>\n\n崂山众创空间总面积将达150万平方米。")).toBe(true);
    expect(checkHtml(m!.html)).toBeUndefined();
    const [long] = renderReply(answer(), { asked: "问".repeat(5_000) });
    expect(plain(long!.html, "HTML").split("\n")[0]!.length).toBeLessThanOrEqual(300);
  });

  it("offers the full passage as a button that fits Telegram's 64 bytes", () => {
    expect(buttons(answer())).toEqual([{ text: "查看原文", callback_data: "s:000_4f5b4b3408eff9cd#3" }]);
  });

  it("words the citation in the reply's language", () => {
    expect(renderReply(answer({ lang: "en" }))[0]!.html).toContain("<b>Source</b>: 《打造国际创客社区 &lt;b&gt;&amp;》 · 2016-05-11 · paragraph 3");
  });

  it("offers a follow-up too long for callback_data by its id (passage and hash), when the core gave one", () => {
    const long = "崂山区先后出台的行动计划提出每年设立多少亿元的政府创新创业资金池？";
    const id = "000_4f5b4b3408eff9cd#5~1a2b3c4";
    const rendered = buttons(answer({ followUps: ["产业发展基金达到多少亿元？", long], followUpIds: ["000_4f5b4b3408eff9cd#7~zz", id] }));
    expect(rendered.slice(1)).toEqual([
      { text: "产业发展基金达到多少亿元？", callback_data: "q:产业发展基金达到多少亿元？" },
      { text: long, callback_data: `k:${id}` },
    ]);
    expect(parseButtonData(`k:${id}`)).toEqual({ type: "suggested", id });
  });

  it("offers follow-ups as buttons: short ones carry the question, long ones an index", () => {
    const long = "崂山区先后出台的行动计划提出每年设立多少亿元的政府创新创业资金池？";
    const rendered = buttons(answer({ followUps: ["产业发展基金达到多少亿元？", long] }));
    expect(rendered.slice(1)).toEqual([
      { text: "产业发展基金达到多少亿元？", callback_data: "q:产业发展基金达到多少亿元？" },
      { text: long, callback_data: "f:1" },
    ]);
    for (const b of rendered) expect(Buffer.byteLength(b.callback_data ?? "")).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
    expect(renderReply(answer({ followUps: ["x？"] }))[0]!.html).toContain("<i>你还可以问：</i>");
  });

  it("reads its own button data back and ignores anything else", () => {
    expect(parseButtonData("s:000_4f5b4b3408eff9cd#3")).toEqual({ type: "source", passage: "000_4f5b4b3408eff9cd#3" });
    expect(parseButtonData(followUpData("它有多大？", 0))).toEqual({ type: "question", text: "它有多大？" });
    expect(parseButtonData("f:2")).toEqual({ type: "follow-up", index: 2 });
    expect(parseButtonData("f:x")).toBeUndefined();
    expect(parseButtonData("other")).toBeUndefined();
  });

  it("splits a long answer at sentence ends into messages under 4096 characters", () => {
    const sentence = "崂山区成立了全国第一家区市一级的科技创新委员会，<这是>第&一家。";
    const text = Array.from({ length: 300 }, () => sentence).join("");
    const chunks = renderReply(answer({ text }));
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.html.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      expect(checkHtml(c.html)).toBeUndefined();
    }
    const texts = chunks.slice(0, -1).map((c) => plain(c.html, "HTML"));
    for (const t of texts) expect(t.endsWith("。")).toBe(true);
    expect(chunks.map((c) => plain(c.html, "HTML")).join("")).toContain(text.slice(0, 2000));
    expect(chunks.at(-1)!.keyboard).toBeDefined();
    expect(chunks.slice(0, -1).every((c) => c.keyboard === undefined)).toBe(true);
  });

  it("keeps every character when it has to cut inside one very long sentence", () => {
    const text = "创".repeat(9000);
    const pieces = splitText(text, 4096, escapeHtml);
    expect(pieces.every((p) => p.length <= 4096)).toBe(true);
    expect(pieces.join("")).toBe(text);
  });

  it("keeps decimals and dotted names whole when splitting English", () => {
    const text = "Area grew 3.5 times. See example.com for more. Done";
    expect(splitText(text, 25, (s) => s)).toEqual(["Area grew 3.5 times.", "See example.com for more.", "Done"]);
  });
});
