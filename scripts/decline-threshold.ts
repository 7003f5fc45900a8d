import type { EvalSet } from "../bench/lib/eval-sets.js";

/**
 * The decline threshold: the highest value below which at most `share` of the answerable training
 * questions of every set are declined, counting those the rules decline whatever their confidence (a focus
 * word the articles never use, a place or year not in the paragraph): the lowest of the sets' thresholds,
 * so no one set — Traditional DRCD, say — declines more than the others allow.
 */
export function declineThreshold(top: { confidence: number; unanswerable: boolean; set: EvalSet; ruled?: boolean }[], share: number): number {
  const thresholds = [...new Set(top.map((t) => t.set))].map((set) => {
    const answerable = top.filter((t) => t.set === set && !t.unanswerable);
    const left = answerable.filter((t) => !t.ruled).map((t) => t.confidence).sort((a, b) => a - b);
    const allowed = Math.floor(share * answerable.length) - (answerable.length - left.length);
    return allowed <= 0 ? 0 : (left[allowed] ?? 1);
  });
  return Math.round(Math.min(...thresholds) * 1000) / 1000;
}
