import { describe, expect, it } from "vitest";
import type { Passage } from "../../src/index.js";
import { checkAnswer, present, splitClaims } from "../../src/llm/check.js";
import { figures } from "../../src/llm/figures.js";

const passage = (id: string, text: string): Passage => ({
  id,
  doc: id.split("#")[0]!,
  paragraph: Number(id.split("#")[1]),
  text,
  start: 0,
  sentences: text.split(/(?<=。)/u).filter(Boolean).map((s, i) => ({ id: `${id}.${i + 1}`, text: s, start: 0, end: 0 })),
});
const P5 = passage("d#5", "崂山区先后出台了《“构建创客新高地打造青岛中央创新区”行动计划》，提出了“每年设立5亿元的政府创新创业资金池”。力争到2017年，新增创新创业主体1万户。");
const P3 = passage("d#3", "崂山众创空间总面积将达150万平方米。去年新增市场主体6585户，增长31.5%。");

describe("figures", () => {
  it("reads 万/亿 forms, full-width digits, Chinese numerals and English multipliers as one value", () => {
    const values = (t: string) => figures(t).map((f) => [f.value, f.unit]);
    expect(values("5亿元")).toEqual([[5e8, "元"]]);
    expect(values("50000万元")).toEqual([[5e8, "元"]]);
    expect(values("五亿元")).toEqual([[5e8, "元"]]);
    expect(values("１５０万平方米")).toEqual([[1.5e6, "平方米"]]);
    expect(values("增长３１．５％")).toEqual([[31.5, "%"]]);
    expect(values("500 million yuan, up 31.5 percent in 2017")).toEqual([[5e8, ""], [31.5, "%"], [2017, ""]]);
    expect(values("一系列目标，一个平台")).toEqual([]);
  });
});

describe("checkAnswer", () => {
  it("passes an answer whose figures, year and title all occur in the cited passages", () => {
    const r = checkAnswer("崂山区每年设立5亿元资金池[d#5]，目标是到2017年新增1万户[d#5]。众创空间将达150万平方米。[d#3]", [P5, P3]);
    expect(r).toMatchObject({ ok: true, cited: ["d#5", "d#3"] });
  });

  it("rejects a figure the passages never state", () => {
    expect(checkAnswer("崂山区每年设立8亿元资金池[d#5]。", [P5, P3])).toEqual({ ok: false, reason: "unsupported-figure", detail: "8亿元" });
  });

  it("rejects a figure stated only in a passage the answer does not cite", () => {
    expect(checkAnswer("众创空间将达150万平方米[d#5]。", [P5, P3])).toMatchObject({ ok: false, reason: "unsupported-figure" });
  });

  it("rejects the same value with another unit", () => {
    expect(checkAnswer("每年设立5亿平方米[d#5]。", [P5])).toMatchObject({ ok: false, reason: "unsupported-figure" });
  });

  it("rejects an id it was not given, and an answer that cites nothing", () => {
    expect(checkAnswer("每年设立5亿元[d#9]。", [P5])).toEqual({ ok: false, reason: "unknown-id", detail: "d#9" });
    expect(checkAnswer("每年设立5亿元。", [P5])).toMatchObject({ ok: false, reason: "no-citation" });
  });

  it("rejects a 《title》 the cited passage does not name", () => {
    expect(checkAnswer("崂山区出台了《扶持办法》[d#5]。", [P5])).toMatchObject({ ok: false, reason: "unsupported-title", detail: "《扶持办法》" });
    expect(checkAnswer("崂山区出台了《“构建创客新高地打造青岛中央创新区”行动计划》[d#5]。", [P5]).ok).toBe(true);
  });

  it("checks English answers by value: 500 million matches 5亿元, 800 million does not", () => {
    expect(checkAnswer("Laoshan sets aside 500 million yuan a year [d#5].", [P5]).ok).toBe(true);
    expect(checkAnswer("Laoshan sets aside 800 million yuan a year [d#5].", [P5])).toMatchObject({ ok: false, reason: "unsupported-figure" });
  });
});

describe("splitClaims and present", () => {
  it("gives marks after a sentence's end to that sentence", () => {
    expect(splitClaims("甲5亿元。[d#5] 乙150万平方米[d#3]。").map((c) => c.cites)).toEqual([["d#5"], ["d#3"]]);
  });

  it("numbers the cited passages in order and drops a mark still being written", () => {
    expect(present("甲[d#5]，乙[d#3, d#5]。", ["d#5", "d#3"])).toBe("甲[1]，乙[2,1]。");
    expect(present("甲[d#5]，乙[000_4f")).toBe("甲[1]，乙");
  });
});
