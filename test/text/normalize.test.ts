import { describe, expect, it } from "vitest";
import { normalHolds, normalize } from "../../src/text/normalize.js";

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

  it("says whether a text's normal form holds a phrase without making it, as normalize(text).includes would", () => {
    const texts = ["「嶗山眾創空間」總面積將達１５０萬平方米。", "崂山区众创空间总面积150万平方米", "ＧＤＰ增長６．７％", "𠀀國家", "空間"];
    for (const text of texts) {
      const norm = normalize(text);
      const probes = ["", "众创", "众创空间", '"崂山', "gdp增长6.7%", "150万", "萬平", "空间总", "国家", "空间x", norm, norm + "。"];
      for (let i = 0; i + 3 <= norm.length; i++) probes.push(norm.slice(i, i + 3));
      for (const p of probes) expect([text, p, normalHolds(text, p)]).toEqual([text, p, norm.includes(p)]);
    }
    // A unit whose Simplified form is outside the BMP: the caller is told to ask normalize.
    expect(normalHolds("㗲國", "国")).toBeUndefined();
  });
});
