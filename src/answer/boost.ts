/**
 * Boosted oblivious trees over a span's dense features, added to the linear span score: each tree asks the
 * same `depth` questions ("feature f > threshold t?") of every span and reads its value from the leaf
 * the answers index (bit i set when question i is answered yes). Fitted by scripts/boost-fit.ts.
 */
export interface Tree {
  features: number[];
  thresholds: number[];
  leaves: number[];
}

/** Sum of the trees' leaf values for one feature vector. */
export function treeScore(trees: readonly Tree[], x: readonly number[]): number {
  let s = 0;
  for (const t of trees) {
    let leaf = 0;
    for (let i = 0; i < t.features.length; i++) if (x[t.features[i]!]! > t.thresholds[i]!) leaf |= 1 << i;
    s += t.leaves[leaf]!;
  }
  return s;
}
