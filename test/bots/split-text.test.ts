import { describe, expect, it } from "vitest";
import { partOf, partStarts } from "../../bots/split-text.js";

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe("partStarts", () => {
  it("covers the text in parts under the limit, ending at sentence ends where it can", () => {
    const text = "崂山区众创空间面积达到150万平方米，服务创客超过2万人次。”".repeat(2_000);
    const starts = partStarts(text, 300);
    const parts = starts.map((s, i) => text.slice(s, starts[i + 1] ?? text.length));
    expect(parts.join("")).toBe(text);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(300);
    for (const p of parts.slice(0, -1)) expect(p.endsWith("。”")).toBe(true);
  });

  it("cuts a text without sentence ends at the limit, never inside a surrogate pair", () => {
    const text = "创😀".repeat(10_000);
    const starts = partStarts(text, 101);
    const parts = starts.map((s, i) => text.slice(s, starts[i + 1] ?? text.length));
    expect(parts.join("")).toBe(text);
    for (const p of parts) expect(p).not.toMatch(LONE_SURROGATE);
  });

  it("weighs characters as given (escaped HTML) and finds a part in one pass", () => {
    const text = "&<>".repeat(150_000);
    const started = performance.now();
    const starts = partStarts(text, 3_000, (c) => (c === 0x26 ? 5 : 4));
    expect(performance.now() - started).toBeLessThan(1_000);
    const { text: first, count } = partOf(text, starts, 0);
    const weight = [...first].reduce((n, ch) => n + (ch === "&" ? 5 : 4), 0);
    expect(weight).toBeLessThanOrEqual(3_000);
    expect(weight).toBeGreaterThan(2_990);
    expect(count).toBe(starts.length);
    expect(partOf(text, starts, 10_000).index).toBe(count - 1);
  });
});
