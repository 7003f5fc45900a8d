/**
 * Whether to answer: a logistic model of the chance that the sentence the sentence model chose holds the
 * answer, over named features of that choice (measured by scripts/dev-folds.ts against the confidence quantile; not used by the assistant). One
 * threshold for every corpus, where a quantile of one set's confidences does not carry over to another.
 */
import { SENTENCE_FEATURES } from "../src/answer/features.js";

export const DECLINE_FEATURES = [
  "bias",
  "confidence", // the chosen sentence's confidence (its and its paragraph's share of the question's weighted words)
  "coverage",
  "passageCoverage",
  "offTitle",
  "neighbours",
  "fit",
  "focus",
  "phrase",
  "alignBefore",
  "alignAfter",
  "margin", // the sentence model's score of the chosen sentence over the next one's (capped at 5, scaled to [0, 1])
  "probability", // the chosen sentence's share of the softmax over every candidate
  "bestConfidence", // the highest confidence of any candidate
] as const;

const at = (name: (typeof SENTENCE_FEATURES)[number]) => SENTENCE_FEATURES.indexOf(name);
const FROM_SENTENCE = ["coverage", "passageCoverage", "offTitle", "neighbours", "fit", "focus", "phrase", "alignBefore", "alignAfter"] as const;

/**
 * The features of one decision: `ranked` are the candidates best first (their sentence features and
 * confidence), `scores` the sentence model's scores in the same order.
 */
export function declineFeatures(ranked: readonly { x: readonly number[]; confidence: number }[], scores: readonly number[]): number[] {
  const top = ranked[0]!;
  const m = scores[0]!;
  let z = 0;
  for (const s of scores) z += Math.exp(s - m);
  const margin = scores.length > 1 ? Math.min(5, m - scores[1]!) / 5 : 1;
  return [
    1,
    top.confidence,
    ...FROM_SENTENCE.map((f) => top.x[at(f)]!),
    margin,
    1 / z,
    Math.max(...ranked.map((c) => c.confidence)),
  ];
}
