import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptOf, toSimplified } from "../../src/lang/zh/script.js";
import { normalize } from "../../src/text/normalize.js";
import { seedAssistant } from "../helpers.js";

let assistant: Awaited<ReturnType<typeof seedAssistant>>;
beforeAll(async () => {
  assistant = await seedAssistant();
});
afterAll(async () => assistant.cleanup());

describe("the short answer", () => {
  it("is the figure with its unit, cited from the paragraph that holds it", async () => {
    const reply = await assistant.ask("short:1", "崂山众创空间总面积将达到多少？");
    expect(reply.abstained).toBe(false);
    expect(reply.short).toMatch(/^达?150万平方米$/u);
    expect(reply.citations[0]!.paragraph).toBe(3);
    expect(reply.citations[0]!.quote).toContain(reply.short);
  });

  it("is absent when the assistant declines", async () => {
    const reply = await assistant.ask("short:2", "青岛的平均房价是多少？");
    expect(reply.abstained).toBe(true);
    expect(reply.short).toBeUndefined();
  });
});

describe("Traditional script", () => {
  it("folds character for character, so offsets stay valid", () => {
    const t = "嶗山眾創空間總面積將達到多少？";
    expect(toSimplified(t)).toBe("崂山众创空间总面积将达到多少？");
    expect(normalize(t)).toHaveLength(t.length);
    expect(scriptOf(t)).toBe("traditional");
    expect(scriptOf("崂山众创空间")).toBe("simplified");
  });

  it("answers a Traditional question from a Simplified article, quoting the article as written", async () => {
    const reply = await assistant.ask("short:3", "嶗山眾創空間總面積將達到多少？");
    expect(reply.abstained).toBe(false);
    expect(reply.short).toMatch(/150万平方米/u);
    expect(reply.citations[0]!.quote).toContain("崂山众创空间总面积将达150万平方米");
  });
});

describe("the span reading that re-ranks sentences", () => {
  it("scores a sentence holding an answer of the kind asked above one that only repeats the question", async () => {
    const { readSpans } = await import("../../src/answer/short.js");
    const { understand } = await import("../../src/answer/query.js");
    const { corpusTerms, createTokenizer } = await import("../../src/text/tokenize.js");
    const holds = "到2020年，崂山众创空间总面积将达到150万平方米。";
    const repeats = "崂山众创空间总面积将进一步扩大，成为创业者的聚集地。";
    const tokenizer = createTokenizer(corpusTerms([holds, repeats]));
    const query = understand("崂山众创空间总面积将达到多少？", tokenizer);
    const [a, b] = [readSpans(holds, query, tokenizer), readSpans(repeats, query, tokenizer)];
    expect(a.best).toMatch(/150万平方米/u);
    expect(a.support).toBeGreaterThan(b.support);
    expect(readSpans("。", query, tokenizer)).toEqual({ support: 0 });
  });

  it("comes with a fitted weight and reach that the weights file checks", async () => {
    const { checkWeights } = await import("../../src/answer/weights.js");
    const { WEIGHTS } = await import("../../src/answer/weights-data.js");
    const w = checkWeights();
    expect(w.sentence.rerank?.support).toBeGreaterThan(0);
    const data = WEIGHTS as { sentence: object };
    expect(() => checkWeights({ ...(data as object), sentence: { ...data.sentence, rerank: { support: -1, within: 1 } } })).toThrow();
  });
});
