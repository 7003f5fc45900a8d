import { describe, expect, it } from "vitest";
import { cutUnits, sanitize, sanitizeDeep } from "../../bots/text-safety.js";

describe("sanitize", () => {
  it("removes NUL and other controls, bidi overrides and isolates, keeping tabs and line breaks", () => {
    expect(sanitize("崂山\u0000区\u0007\t成立\n\u202e了\u2066什么\u2069\u200f机构\u007f\u0085")).toBe("崂山区\t成立\n了什么机构");
  });

  it("removes lone surrogates but keeps emoji, flags and joined emoji whole", () => {
    const family = "👨\u200d👩\u200d👧";
    expect(sanitize(`a\ud83db\ude00c😀${family}🇨🇳`)).toBe(`abc😀${family}🇨🇳`);
  });

  it("returns clean text unchanged, and is linear on long input", () => {
    const clean = "崂山众创空间总面积将达150万平方米。".repeat(20_000);
    expect(sanitize(clean)).toBe(clean);
    const dirty = "\u202e问题\u0000".repeat(100_000);
    const started = performance.now();
    expect(sanitize(dirty)).toBe("问题".repeat(100_000));
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("cleans every string of a payload: text, button labels, nested results", () => {
    const payload = { chat_id: 1, text: "答\u202e案", reply_markup: { inline_keyboard: [[{ text: "按\u0000钮", callback_data: "q:x" }]] } };
    expect(sanitizeDeep(payload)).toEqual({ chat_id: 1, text: "答案", reply_markup: { inline_keyboard: [[{ text: "按钮", callback_data: "q:x" }]] } });
  });
});

describe("cutUnits", () => {
  it("never cuts inside a surrogate pair", () => {
    expect(cutUnits("ab😀", 3)).toBe("ab");
    expect(cutUnits("ab😀", 4)).toBe("ab😀");
    expect(cutUnits("abc", 10)).toBe("abc");
  });
});
