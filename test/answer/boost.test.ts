import { describe, expect, it } from "vitest";
import { treeScore } from "../../src/answer/boost.js";
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

  it("weights whose trees ask about a feature the code does not have are refused", () => {
    const w = WEIGHTS as { span: { features: string[]; weights: number[] } };
    const span = { features: [...SPAN_FEATURES], weights: w.span.weights };
    const bad = { ...(WEIGHTS as object), span: { ...span, trees: [{ features: [SPAN_TREE_DIM], thresholds: [0], leaves: [0, 1] }] } };
    expect(() => checkWeights(bad)).toThrow(/trees/u);
    const badLeaves = { ...(WEIGHTS as object), span: { ...span, trees: [{ features: [0], thresholds: [0], leaves: [0] }] } };
    expect(() => checkWeights(badLeaves)).toThrow(/trees/u);
  });
});
