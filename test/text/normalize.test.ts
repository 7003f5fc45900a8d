import { describe, expect, it } from "vitest";
import { normalize } from "../../src/text/normalize.js";

describe("normalize", () => {
  it("folds script, width, quotes, spaces and case, one unit for one unit", () => {
    const cases: [string, string][] = [
      ["“5亿元”，３１．５％", '"5亿元",31.5%'],
      ["嶗山眾創空間", "崂山众创空间"],
      ["ＧＤＰ\u3000Ａ\u00a0b\tC", "gdp a b c"],
      ["「侨商创客谷」『x』‘y’'z'＂", '"侨商创客谷""x""y""z""'],
      ["已是简体，不变", "已是简体,不变"],
    ];
    for (const [text, norm] of cases) {
      expect(normalize(text)).toBe(norm);
      expect(normalize(text)).toHaveLength(text.length);
    }
    const plain = "崂山区众创空间总面积150万平方米";
    expect(normalize(plain)).toBe(plain);
  });
});
