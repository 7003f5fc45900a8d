import { describe, expect, it } from "vitest";
import { ASKS_YEAR, namesOrganisation, officeOrganisation, questionForm, YEAR } from "../../../src/lang/zh/index.js";
import { understand } from "../../../src/answer/query.js";
import { createTokenizer } from "../../../src/text/tokenize.js";
import { typeFit } from "../../../src/answer/extract.js";
import { analyzeQuestion } from "../../../src/answer/question.js";

describe("the organisation whose office a question asks about", () => {
  it("is the organisation right before the office, without its place or what modifies it", () => {
    expect(officeOrganisation("成都市财政局局长是谁？")).toBe("财政局");
    expect(officeOrganisation("广州市发展和改革委员会主任是谁？")).toBe("发展和改革委员会");
    expect(officeOrganisation("出席发布会的苏州市工信局副局长叫什么名字？")).toBe("工信局");
    expect(officeOrganisation("在科创委挂牌大会上讲话的区委书记叫什么名字？")).toBe("区委");
  });

  it("is none when the office stands alone, apart from it, or after a pronoun", () => {
    expect(officeOrganisation("管委会的副主任是谁？")).toBeUndefined();
    expect(officeOrganisation("长沙市民政局分管养老的副局长是谁？")).toBeUndefined();
    expect(officeOrganisation("该公司总经理是谁？")).toBeUndefined();
    expect(officeOrganisation("书记是谁？")).toBeUndefined();
  });

  it("is named by a text whole or shortened either way, right before an office", () => {
    expect(namesOrganisation("成都市交通运输局局长李红梅表示", "交通局")).toBe(true);
    expect(namesOrganisation("市发改委主任赵刚介绍", "发展和改革委员会")).toBe(true);
    expect(namesOrganisation("成都市交通运输局局长李红梅表示", "财政局")).toBe(false);
    // Named, but not with an office: no office of it is named.
    expect(namesOrganisation("财政局拨款三千万元，交通运输局局长李红梅表示", "财政局")).toBe(false);
  });
});

describe("a question asking a year", () => {
  it("is told from one asking a day, a decade or a time", () => {
    expect(["南宁会议在哪一年举行？", "何年建成？", "是什么年份颁布的？", "于西元几年建成？", "In which year was it built?"].map((q) => ASKS_YEAR.test(q))).toEqual([true, true, true, true, true]);
    expect(["哪一年代流行？", "什么时候举行？", "哪天开幕？", "有效期几年？"].map((q) => ASKS_YEAR.test(q))).toEqual([false, false, false, false]);
  });

  it("is answered by a date with a year more than by one without", () => {
    expect(["1958年1月2日", "民国38年", "嘉靖七年", "去年底"].map((t) => YEAR.test(t))).toEqual([true, true, true, true]);
    expect(["1月11日", "同年12月9日", "1960年代"].map((t) => YEAR.test(t))).toEqual([false, false, false]);
    const q = analyzeQuestion("南宁会议在哪一年举行？");
    expect(typeFit("1958年1月，毛泽东召开南宁会议。", q)).toBe(1);
    expect(typeFit("1月11日，毛泽东又主持召开南宁会议。", q)).toBe(0.5);
    expect(typeFit("1月11日，毛泽东又主持召开南宁会议。", analyzeQuestion("南宁会议是什么时候召开的？"))).toBe(1);
  });
});

describe("a question written with 甚麼", () => {
  it("reads as one written with 什么 (its kind and question word)", () => {
    expect(questionForm("为甚么会这样")).toBe("为什么会这样");
    expect(analyzeQuestion("網球是甚麼時候傳入臺灣的？").type).toBe("date");
    const q = understand("網球選手為甚麼不能移動雙腳？", createTokenizer());
    expect(q.kind).toBe("reason");
    expect(q.wh).toBe("为什么");
  });
});
