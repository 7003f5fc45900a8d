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

  it("keeps what it does not fold exactly: a leading U+FEFF, surrogates paired or not, long texts", () => {
    expect(normalize("\ufeff“甲”")).toBe('\ufeff"甲"');
    expect(normalize("𠀀，國")).toBe("𠀀,国");
    expect(normalize("\ud800，國\udc00")).toBe("\ud800,国\udc00");
    const long = "國，".repeat(5000);
    expect(normalize(long)).toBe("国,".repeat(5000));
  });
});
