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

/**
 * Trees laid out in flat typed arrays, for scoring many vectors with the same trees. The trees ask far
 * fewer distinct questions than they have (164 of 600 in the committed weights), so each distinct
 * question is answered once per vector and the trees read the answers.
 */
export interface FlatTrees {
  /** The deepest tree's depth; shallower trees are padded with a question no vector answers yes. */
  depth: number;
  /** The distinct questions: is feature `askFeature[j]` > `askThreshold[j]`? */
  askFeature: Int32Array;
  askThreshold: Float64Array;
  /** Each tree's `depth` questions, as indices into the distinct ones, tree after tree. */
  questions: Int32Array;
  /** Each tree's leaves, `2^depth` a tree. */
  leaves: Float64Array;
  /** Scratch: the answers (0 or 1) to the distinct questions for the vector being scored. */
  answers: Uint8Array;
}

const flat = new WeakMap<readonly Tree[], FlatTrees>();

/** The trees in flat arrays, made once per trees array. */
export function flatTrees(trees: readonly Tree[]): FlatTrees {
  let f = flat.get(trees);
  if (f) return f;
  const depth = Math.max(0, ...trees.map((t) => t.features.length));
  const distinct = new Map<string, number>();
  const askFeature: number[] = [];
  const askThreshold: number[] = [];
  const ask = (feature: number, threshold: number) => {
    const key = `${feature} ${threshold}`;
    let j = distinct.get(key);
    if (j === undefined) {
      distinct.set(key, (j = askFeature.length));
      askFeature.push(feature);
      askThreshold.push(threshold);
    }
    return j;
  };
  const questions: number[] = [];
  const leaves = new Float64Array(trees.length << depth);
  trees.forEach((t, k) => {
    for (let i = 0; i < depth; i++) questions.push(i < t.features.length ? ask(t.features[i]!, t.thresholds[i]!) : ask(0, Infinity));
    leaves.set(t.leaves, k << depth);
  });
  f = {
    depth,
    askFeature: Int32Array.from(askFeature),
    askThreshold: Float64Array.from(askThreshold),
    questions: Int32Array.from(questions),
    leaves,
    answers: new Uint8Array(askFeature.length),
  };
  flat.set(trees, f);
  return f;
}

/** `treeScore` over flat trees: the same leaves summed in the same order, so the same number. */
export function flatTreeScore(f: FlatTrees, x: ArrayLike<number>): number {
  const { depth, askFeature, askThreshold, questions, leaves, answers } = f;
  for (let j = 0; j < askFeature.length; j++) answers[j] = x[askFeature[j]!]! > askThreshold[j]! ? 1 : 0;
  let s = 0;
  if (depth === 4) {
    // The depth the span model is fitted with, written out: about a tenth faster.
    for (let i = 0, at = 0; i < questions.length; i += 4, at += 16)
      s += leaves[at + (answers[questions[i]!]! | (answers[questions[i + 1]!]! << 1) | (answers[questions[i + 2]!]! << 2) | (answers[questions[i + 3]!]! << 3))]!;
    return s;
  }
  for (let i = 0, at = 0; i < questions.length; at += 1 << depth) {
    let leaf = 0;
    for (let bit = 0; bit < depth; bit++) leaf |= answers[questions[i++]!]! << bit;
    s += leaves[at + leaf]!;
  }
  return s;
}
