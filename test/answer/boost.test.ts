import { describe, expect, it } from "vitest";
import { flatTrees, flatTreeScore, flatTreeScores, treeScore } from "../../src/answer/boost.js";
import { SPAN_FEATURES, SPAN_TREE_DIM } from "../../src/answer/span.js";
import { checkWeights } from "../../src/answer/weights.js";
import { WEIGHTS } from "../../src/answer/weights-data.js";

describe("boosted span trees", () => {
  it("read the leaf the answers index: bit i set when question i is answered yes", () => {
    const tree = { features: [0, 2], thresholds: [0.5, 1], leaves: [1, 2, 3, 4] };
    expect(treeScore([tree], [0, 9, 0])).toBe(1);
    expect(treeScore([tree], [1, 9, 0])).toBe(2);
    expect(treeScore([tree], [0, 9, 2])).toBe(3);
    expect(treeScore([tree, tree], [1, 0, 2])).toBe(8);
  });

  it("score the same laid out flat, trees of different depths and shared questions included", () => {
    const trees = [
      { features: [0, 2], thresholds: [0.5, 1], leaves: [1, 2, 3, 4] },
      { features: [2], thresholds: [1], leaves: [0.1, 0.2] },
      { features: [1, 0, 2], thresholds: [3, 0.5, -1], leaves: [0.5, -1, 2, 0.25, 7, 1e-3, -0.3, 9] },
    ];
    const flat = flatTrees(trees);
    expect(flatTrees(trees)).toBe(flat);
    for (const x of [[0, 9, 0], [1, 9, 2], [0.5, 3, 1], [-1, 0, -2], [2, 4, 5]]) expect(flatTreeScore(flat, x)).toBe(treeScore(trees, x));
    const { span } = checkWeights();
    const x = Array.from({ length: SPAN_TREE_DIM }, (_, i) => (i * 0.37) % 1.3);
    expect(flatTreeScore(flatTrees(span.trees!), x)).toBe(treeScore(span.trees!, x));
  });

  it("score many vectors at once exactly as one by one", () => {
    const mixed = [
      { features: [0, 2], thresholds: [0.5, 1], leaves: [1, 2, 3, 4] },
      { features: [1, 0, 2], thresholds: [3, 0.5, -1], leaves: [0.5, -1, 2, 0.25, 7, 1e-3, -0.3, 9] },
    ];
    const { span } = checkWeights();
    for (const [trees, dim] of [[mixed, 3], [span.trees!, SPAN_TREE_DIM]] as const) {
      const flat = flatTrees(trees);
      const vectors = Array.from({ length: 7 }, (_, c) => Array.from({ length: dim }, (_, i) => ((i + 1) * (c + 3) * 0.37) % 1.3 - 0.2));
      const out = flatTreeScores(flat, vectors.flat(), dim, vectors.length, new Float64Array(vectors.length + 2).fill(5));
      expect([...out.subarray(0, vectors.length)]).toEqual(vectors.map((x) => treeScore(trees, x)));
      expect(out[vectors.length]).toBe(5);
    }
  });

  it("weights whose trees ask about a feature the code does not have are refused", () => {
    const w = WEIGHTS as { span: { features: string[]; weights: number[] } };
    const span = { features: [...SPAN_FEATURES], weights: w.span.weights };
    const bad = { ...(WEIGHTS as object), span: { ...span, trees: [{ features: [SPAN_TREE_DIM], thresholds: [0], leaves: [0, 1] }] } };
    expect(() => checkWeights(bad)).toThrow(/trees/u);
    const badLeaves = { ...(WEIGHTS as object), span: { ...span, trees: [{ features: [0], thresholds: [0], leaves: [0] }] } };
    expect(() => checkWeights(badLeaves)).toThrow(/trees/u);
  });
});
