import { describe, expect, it } from "vitest";
import { analyzeQuestion, focusOf } from "../../src/answer/question.js";
import { pickAnswer, splitClauses, typeFit } from "../../src/answer/extract.js";
import { createTokenizer } from "../../src/text/tokenize.js";

describe("analyzeQuestion", () => {
  it.each([
    ["侨商创客谷年底前计划入驻多少家企业？", "figure", "家"],
    // No noun → unit list: a unit is read only where the question writes it (多少家); the span model does the rest.
    ["技术成交额的增幅是多少？", "figure", undefined],
    ["政府每年设立多少万元的资金池？", "figure", "元"],
    ["青岛创客大街是什么时候开街的？", "date", undefined],
    ["青创空间由哪些单位共同主办？", "list", undefined],
    ["讲话的区委书记是谁？", "name", undefined],
    ["崂山区最新出台的是什么政策？", "policy", undefined],
  ])("reads %s as a %s question", (q, type, unit) => {
    const a = analyzeQuestion(q);
    expect(a.type).toBe(type);
    expect(a.unit).toBe(unit);
  });

  it("reads a question about a named policy by what it asks, not as a policy lookup", () => {
    expect(analyzeQuestion("《“构建创客新高地打造青岛中央创新区”行动计划》设定了哪些目标？").type).toBe("list");
  });

  it("spots follow-ups that point back with a pronoun", () => {
    expect(analyzeQuestion("它年底前计划入驻多少家企业？").anaphoric).toBe(true);
    expect(analyzeQuestion("崂山区年底前计划入驻多少家企业？").anaphoric).toBe(false);
  });

  it("treats numbers the question gives as given, not as the answer", () => {
    expect(analyzeQuestion("到2017年计划扶持多少创客？").given).toEqual(["2017"]);
  });
});

describe("focusOf", () => {
  const t = createTokenizer();
  it("finds the word asked about next to the question word", () => {
    expect(focusOf(t.tag("崂山区2015年的GDP是多少？"))).toBe("gdp");
    expect(focusOf(t.tag("青岛大学有多少在校学生？"))).toMatch(/学生/);
    expect(focusOf(t.tag("臧先生的公司叫什么名字？"))).toBe("公司");
  });
});

describe("clauses", () => {
  it("quotes the clause with the asked-for figure, widened when it is a bare number", () => {
    const sentence = "据统计,去年崂山区全年新增市场主体6585户,增长31.5%。";
    const q = analyzeQuestion("新增市场主体增长了多少？");
    const answer = pickAnswer(sentence + sentence, q, (c) => (c.includes("增长") ? 1 : 0), 10);
    expect(answer).toContain("31.5%");
    expect(answer).toContain("6585户");
  });

  it("quotes the clauses that hold the short answer, wherever the question's words stand", () => {
    const sentence = "臺北港位於新北市八里區，由基隆港務局興建，啟用於1998年；其定位為基隆港的輔助港。";
    const q = analyzeQuestion("於1998年啟用的基隆港的輔助港為？");
    const start = sentence.indexOf("臺北港");
    // By the question's words alone the last clauses are quoted; the answer the span model read is in the first.
    expect(pickAnswer(sentence, q, (c) => (c.includes("輔助港") || c.includes("1998") ? 1 : 0), 20)).not.toContain("臺北港");
    const quoted = pickAnswer(sentence, q, (c) => (c.includes("輔助港") ? 1 : 0), 20, { start, end: start + 3 });
    expect(quoted).toContain("臺北港");
    expect(quoted.length).toBeLessThan(sentence.length);
  });

  it("splits at either width of comma and semicolon", () => {
    expect(splitClauses("甲,乙，丙;丁；戊").map((c) => c.text)).toEqual(["甲", "乙", "丙", "丁", "戊"]);
  });

  it("scores a clause by whether it holds what is asked", () => {
    const q = analyzeQuestion("入驻了多少家企业？");
    expect(typeFit("计划达到15家", q)).toBe(1);
    expect(typeFit("近2万平方米", q)).toBeLessThan(1);
    expect(typeFit("已完成内部装修", q)).toBe(0);
  });
});
