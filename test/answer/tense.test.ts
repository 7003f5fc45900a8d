import { describe, expect, it } from "vitest";
import { tenseFirst } from "../../src/answer/answer.js";
import { normalize } from "../../src/text/normalize.js";

/** Candidate sentences, best first, with the sentence model's scores. */
const scored = (...sentences: [string, number][]) => sentences.map(([text, score]) => ({ norm: normalize(text), score, text }));
const first = (question: string, candidates: ReturnType<typeof scored>, within = 1.4) => {
  tenseFirst(candidates, normalize(question), within);
  return candidates[0]!.text;
};

const GOAL = "到2027年底，全市力争建成加氢站30座，推广新能源重型货车5000辆。";
const NOW = "目前，全市已建成投用加氢站9座。";

describe("what is so and what is planned", () => {
  it("puts first a sentence of what is so, scored near the best, when the question asks what is so and the best states only a goal", () => {
    expect(first("青岛目前已经建成了几座加氢站？", scored([GOAL, 2.0], [NOW, 1.2]))).toBe(NOW);
    expect(first("去年底全市有几座加氢站？", scored([GOAL, 2.0], [NOW, 1.2]))).toBe(NOW);
  });

  it("puts first a sentence stating a goal when the question asks the goal", () => {
    expect(first("到2027年青岛要建成几座加氢站？", scored([NOW, 2.0], [GOAL, 1.2]))).toBe(GOAL);
  });

  it("leaves the order when the tenses agree, nothing is asked of them, or the other sentence scores far below", () => {
    expect(first("青岛目前已经建成了几座加氢站？", scored([NOW, 2.0], [GOAL, 1.9]))).toBe(NOW);
    expect(first("青岛建成了几座加氢站？", scored([GOAL, 2.0], [NOW, 1.9]))).toBe(GOAL);
    expect(first("青岛目前已经建成了几座加氢站？", scored([GOAL, 3.0], [NOW, 1.0]))).toBe(GOAL);
    // A sentence stating both (截至…已…, 到2027年…) is not a goal only.
    const both = "截至去年底已建成加氢站9座，到2027年建成30座。";
    expect(first("青岛目前已经建成了几座加氢站？", scored([both, 2.0], [NOW, 1.9]))).toBe(both);
  });
});
