import { describe, expect, it } from "vitest";
import { questionWord, understand } from "../../src/answer/query.js";
import { analyzeQuestion, focusOf } from "../../src/answer/question.js";
import { typeFit } from "../../src/answer/extract.js";
import { FIGURE_WITH_UNIT } from "../../src/lang/zh/index.js";
import { normalize } from "../../src/text/normalize.js";
import { createTokenizer } from "../../src/text/tokenize.js";

const tokenizer = createTokenizer();

describe("the noun a which-question asks for (Query.noun)", () => {
  it("is the nouns right after the question word, not a verb nor a noun the question says something of", () => {
    expect(understand("渠成小学就读于哪所小学？", tokenizer).noun).toBe("小学");
    expect(understand("这两首歌受到了哪种音乐风格的影响？", tokenizer).noun).toBe("音乐风格");
    expect(understand("普通市民以什么作为主要收入？", tokenizer).noun).toBeUndefined();
    expect(understand("明仁和哪一个天皇感情特别深厚？", tokenizer).noun).toBeUndefined();
    expect(understand("新政是谁介绍的？", tokenizer).noun).toBeUndefined();
  });

  it("reads the one word right after what or which as Query.head (the span feature askedHead), not after 谁 or 多少", () => {
    expect(understand("这两首歌受到了哪种音乐风格的影响？", tokenizer).head).toBe("音乐风格");
    expect(understand("新政是谁介绍的？", tokenizer).head).toBeUndefined();
    expect(understand("园区有多少家企业？", tokenizer).head).toBeUndefined();
  });
});

describe("the kind of answer a question asks for", () => {
  it.each([
    ["世界上人均钢铁消费量由哪一国家获得冠军？", "place"],
    ["掌球戏是流行于哪一时期的游戏？", "date"],
    ["长谷川町子从师于哪位漫画家？", "person"],
    ["渠成小学就读于哪所大学？", "org"],
    ["网球双打中哪一种球会是胜利的关键？", "thing"],
  ])("reads the head noun after 哪/什么: %s → %s", (q, kind) => {
    expect(questionWord(normalize(q)).kind).toBe(kind);
  });

  it("reads a question that ends on its verb as asking for what would follow", () => {
    const q = normalize("新北市竹篱笆艺文季的前身为？");
    const w = questionWord(q);
    expect(w.kind).toBe("thing");
    expect(w.at).toBe(q.length - 1);
  });

  it("reads 为什么 after a verb of naming as 为 + 什么 (is called what), not as why", () => {
    const named = questionWord(normalize("描述追求一個可供逃避亂世的和諧世界的作品名為什麼?"));
    expect(named.kind).toBe("thing");
    expect(named.wh).toBe("什么");
    expect(questionWord(normalize("為什麼網球選手在發球時腳不被允許走或跑？")).kind).toBe("reason");
    expect(questionWord(normalize("这是为什么？")).kind).toBe("reason");
  });

  it("finds no question word inside a name (多伦多大学 holds no 多大)", () => {
    expect(understand("多伦多大学的主要校区是哪个校区？", tokenizer).kind).not.toBe("figure");
    expect(understand("多伦多大学有多少名学生？", tokenizer)).toMatchObject({ kind: "figure", wh: "多少" });
  });

  it("reads Traditional questions the same way once normalised", () => {
    expect(questionWord(normalize("韓國哪一地區的年平均降雨量比首爾的多100毫米？")).kind).toBe("place");
  });
});

describe("figures", () => {
  it("does not take a lone 一 with a measure word for a figure", () => {
    expect(FIGURE_WITH_UNIT.test("侨商创客谷是创客社区的一部分")).toBe(false);
    expect(FIGURE_WITH_UNIT.exec("目前三家国外创客团队")?.[0]).toBe("三家");
    expect(FIGURE_WITH_UNIT.exec("十一个项目")?.[0]).toBe("十一个");
  });

  it("does not count a year as the figure a figure question asks for", () => {
    const q = analyzeQuestion("帕特纳赫峡谷全长多少？");
    expect(typeFit("从1912年起，帕特纳赫峡谷也开发为旅游胜地。", q)).toBe(0);
    expect(typeFit("峡谷长702米。", q)).toBe(1);
  });
});

describe("a question about the article itself", () => {
  it("asks when the article was published, not when a policy was", () => {
    expect(analyzeQuestion("这篇报道是哪天发布的？").aboutArticle).toBe(true);
    expect(analyzeQuestion("什么时候发表的？").aboutArticle).toBe(true);
    expect(analyzeQuestion("广州的充电设施行动方案是哪天发布的？").aboutArticle).toBe(false);
    expect(analyzeQuestion("《若干政策》什么时候发布的？").aboutArticle).toBe(false);
    // Reported (报道), or the news (消息) asked about: the article, even of a policy.
    expect(analyzeQuestion("新政是哪天对外报道的？").aboutArticle).toBe(true);
    expect(analyzeQuestion("托育新政的消息是哪天报道的？").aboutArticle).toBe(true);
    expect(analyzeQuestion("海洋经济新政是在哪天的发布会上公布的？").aboutArticle).toBe(false);
  });
});

describe("the units a figure question wants", () => {
  it.each([
    ["技术成交额增长了多少？", "%"],
    ["去年全区技术交易额是多少？", "元"],
    ["园区每年拿出多少钱来支持企业？", "元"],
    ["众创空间总面积将达到多少？", "平方米"],
    ["峡谷全长有多少？", "米"],
  ])("reads %s as asking a figure in %s or its kind", (question, unit) => {
    expect(analyzeQuestion(question).measure).toContain(unit);
  });

  it("wants no kind of unit when the question names its unit, or asks no measured noun", () => {
    expect(analyzeQuestion("新增多少家企业？").measure).toBeUndefined();
    expect(analyzeQuestion("园区有多少名专家？").measure).toBeUndefined();
    expect(analyzeQuestion("苏州的功率是多少？").measure).toBeUndefined();
  });

  it("does not take a range of years in a policy's title for the money asked (（2024—2026年）)", () => {
    const q = analyzeQuestion("园区每年拿出多少钱来支持企业？");
    expect(typeFit("正式发布《行动计划（2024—2026年）》。", q)).toBe(0);
    expect(typeFit("园区每年安排专项资金不低于10亿元。", q)).toBe(1);
  });

  it("does not take a share of the amount asked for the amount (交易额的10%)", () => {
    const q = analyzeQuestion("成都数据交易中心的交易额是多少？");
    expect(typeFit("对在该中心完成数据产品交易的买方企业，按交易额的10%给予补贴。", q)).toBe(0.25);
    expect(typeFit("全年技术成交额实现22.88亿元。", q)).toBe(1);
  });
});

describe("the focus of a question", () => {
  it("never takes an unknown verb-like word (能贷, 办过) for the thing asked about", () => {
    const tokenizer = createTokenizer([]);
    expect(focusOf(tokenizer.tag("单笔贷款最高能贷多少？"))).not.toBe("能贷");
  });

  it("never takes the noun that only says money is asked (多少钱) for the thing asked about", () => {
    const tokenizer = createTokenizer([]);
    expect(focusOf(tokenizer.tag("园区每年拿出多少钱来支持企业？"))).not.toBe("钱");
  });
});
