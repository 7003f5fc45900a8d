import { describe, expect, it } from "vitest";
import {
  embedLength,
  limits,
  parseButton,
  renderChoices,
  renderNotice,
  renderReply,
  threadName,
  truncate,
} from "../../bots/discord/render.js";
import { zh } from "../../src/messages/zh.js";
import type { Citation, Reply } from "../../src/types.js";

const citation = (i: number, quote = "崂山众创空间总面积将达150万平方米。"): Citation => ({
  doc: "000_4f5b4b3408eff9cd",
  title: "打造国际创客社区 激发创新创业活力 崂山区倾力为创客“筑巢”",
  date: "2016-05-11",
  passage: `000_4f5b4b3408eff9cd#${i}`,
  paragraph: i,
  quote,
  score: 0.8,
});

const reply = (over: Partial<Reply>): Reply => ({
  kind: "answer",
  text: "崂山众创空间总面积将达150万平方米。",
  abstained: false,
  citations: [citation(3)],
  followUps: [],
  lang: "zh",
  ...over,
});

describe("renderReply", () => {
  it("keeps within every Discord limit however long the reply is", () => {
    const huge = reply({
      text: "长".repeat(10_000),
      citations: Array.from({ length: 40 }, (_, i) => citation(i + 1, "引".repeat(3_000))),
      followUps: Array.from({ length: 9 }, (_, i) => `问题${i}` + "问".repeat(i * 30)),
    });
    const message = renderReply(huge);
    const [embed] = message.embeds;
    expect(message.embeds).toHaveLength(1);
    expect(embed!.description!.length).toBeLessThanOrEqual(limits.description);
    expect(embed!.fields!.length).toBeLessThanOrEqual(limits.fields);
    for (const f of embed!.fields!) {
      expect(f.name.length).toBeLessThanOrEqual(limits.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(limits.fieldValue);
    }
    expect(embedLength(embed!)).toBeLessThanOrEqual(limits.embedsTotal);
    expect(message.components.length).toBeLessThanOrEqual(5);
    for (const row of message.components) {
      expect(row.components.length).toBeLessThanOrEqual(limits.buttonsPerRow);
      for (const button of row.components) {
        expect("custom_id" in button && button.custom_id.length).toBeLessThanOrEqual(limits.customId);
        expect("label" in button && button.label!.length).toBeLessThanOrEqual(limits.buttonLabel);
      }
    }
  });

  it("quotes the cited sentence with article, date, paragraph and passage id, under a footer naming the corpus", () => {
    const [embed] = renderReply(reply({ short: "150万平方米" })).embeds;
    expect(embed!.description).toBe("150万平方米");
    expect(embed!.fields).toEqual([
      {
        name: `${zh.source}：打造国际创客社区 激发创新创业活力 崂山区倾力为创客“筑巢”`,
        value: "> 崂山众创空间总面积将达150万平方米。\n2016-05-11 · 第3段 · `000_4f5b4b3408eff9cd#3`",
      },
    ]);
    expect(embed!.footer).toEqual({ text: zh.corpus });
  });

  it("turns follow-ups into buttons that carry the question, listing any too long for a button", () => {
    const long = "请问" + "崂山".repeat(60);
    const message = renderReply(reply({ followUps: ["产业发展基金达到多少亿元？", long] }));
    const buttons = message.components.flatMap((row) => row.components);
    expect(buttons.map((b) => ("custom_id" in b ? b.custom_id : ""))).toEqual([
      "src:000_4f5b4b3408eff9cd#3",
      "ask:产业发展基金达到多少亿元？",
    ]);
    const asked = parseButton("ask:产业发展基金达到多少亿元？");
    expect(asked).toEqual({ kind: "ask", question: "产业发展基金达到多少亿元？" });
    expect(parseButton("src:000_4f5b4b3408eff9cd#3")).toEqual({ kind: "source", passage: "000_4f5b4b3408eff9cd#3" });
    expect(parseButton("something-else")).toBeUndefined();
    const listed = message.embeds[0]!.fields!.at(-1)!;
    expect(listed.name).toBe(zh.followUps);
    expect(listed.value.length).toBeLessThanOrEqual(limits.fieldValue);
  });

  it("heads the answer to a suggested question's button with that question, within the title limit", () => {
    const [embed] = renderReply(reply({}), { asked: "崂山众创空间总面积将达到多少？" }).embeds;
    expect(embed!.title).toBe("❓ 崂山众创空间总面积将达到多少？");
    const long = renderReply(reply({}), { asked: "问*".repeat(300) }).embeds[0]!;
    expect(long.title!.length).toBeLessThanOrEqual(limits.title);
    expect(long.title).toMatch(/^❓ 问\\\*/);
    expect(renderReply(reply({})).embeds[0]!.title).toBeUndefined();
  });

  it("gives a follow-up too long for custom_id a button by its id, when the core gave one", () => {
    const long = "请问" + "崂山".repeat(60);
    const id = "000_4f5b4b3408eff9cd#5~1a2b3c4";
    const message = renderReply(reply({ followUps: [long], followUpIds: [id] }));
    const button = message.components.flatMap((row) => row.components).find((b) => "custom_id" in b && b.custom_id === `fu:${id}`);
    expect(button).toMatchObject({ label: truncate(long, limits.buttonLabel) });
    expect(parseButton(`fu:${id}`)).toEqual({ kind: "suggested", id });
  });

  it("escapes Markdown in text from the core and keeps mentions inert", () => {
    const text = "**粗体** _斜体_ [链接](x) @everyone\n# 标题\n> 引用\n1. 列表";
    const message = renderReply(reply({ text, citations: [] }));
    expect(message.embeds[0]!.description).toBe(
      "\\*\\*粗体\\*\\* \\_斜体\\_ \\[链接\\](x) @everyone\n\\# 标题\n\\> 引用\n1. 列表",
    );
    expect(message.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it("renders a full passage without a button to itself", () => {
    const passage = reply({ kind: "source", text: "短短半年……", citations: [citation(3, "短短半年……")] });
    const message = renderReply(passage);
    expect(message.components).toEqual([]);
    expect(message.embeds[0]!.fields![0]!.value).toBe("2016-05-11 · 第3段 · `000_4f5b4b3408eff9cd#3`");
  });
});

describe("small renderers", () => {
  it("keeps notices within 2000 characters", () => {
    expect(renderNotice("错".repeat(5_000)).content!.length).toBe(limits.content);
  });

  it("limits autocomplete to 25 choices of at most 100 characters", () => {
    const previews = Array.from({ length: 40 }, (_, i) => ({ id: `doc#${i}`, preview: "预览".repeat(100) }));
    const choices = renderChoices(previews);
    expect(choices).toHaveLength(25);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
    expect(choices[0]).toEqual({ name: expect.stringMatching(/^doc#0 预览/), value: "doc#0" });
  });

  it("names threads after the question, within 100 characters", () => {
    expect(threadName("  崂山众创空间\n总面积？ ")).toBe("崂山众创空间 总面积？");
    expect(threadName("问".repeat(300))).toHaveLength(100);
    expect(threadName("")).toBe("…");
  });

  it("never splits a surrogate pair when truncating", () => {
    expect(truncate("ab😀cd", 4)).toBe("ab…");
  });
});
