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
  };
  flat.set(trees, f);
  return f;
}

/** `treeScore` over flat trees: the same leaves summed in the same order, so the same number. */
export function flatTreeScore(f: FlatTrees, x: ArrayLike<number>): number {
  return flatTreeScores(f, x, x.length, 1, new Float64Array(1))[0]!;
}

/** Scratch of `flatTreeScores`: the answers to each distinct question, vector after vector. */
let answers = new Uint8Array(0);

/**
 * `flatTreeScore` of `count` vectors at once (vector c at `x[c * dim…]`), written to `out[0…count)`: tree by
 * tree over all the vectors, so each tree's questions and leaves are read once for them all. Each vector's
 * leaves are summed from 0 in tree order, as `flatTreeScore` sums them: the same numbers.
 */
export function flatTreeScores(f: FlatTrees, x: ArrayLike<number>, dim: number, count: number, out: Float64Array): Float64Array {
  const { depth, askFeature, askThreshold, questions, leaves } = f;
  if (answers.length < askFeature.length * count) answers = new Uint8Array(2 * askFeature.length * count);
  const a = answers;
  for (let j = 0; j < askFeature.length; j++) {
    const feature = askFeature[j]!;
    const threshold = askThreshold[j]!;
    // (A comparison turned into a number, not branched on: the answers follow no pattern a branch predictor learns.)
    for (let c = 0, row = j * count; c < count; c++) a[row + c] = +(x[c * dim + feature]! > threshold);
  }
  out.fill(0, 0, count);
  let i = 0;
  let at = 0;
  if (depth === 4) {
    // The depth the span model is fitted with, written out, four trees a pass over the vectors: each vector's
    // sum is read and written once for four leaves (added in tree order, left to right: the same number).
    for (; i + 16 <= questions.length; i += 16, at += 64) {
      const q0 = questions[i]! * count, q1 = questions[i + 1]! * count, q2 = questions[i + 2]! * count, q3 = questions[i + 3]! * count;
      const r0 = questions[i + 4]! * count, r1 = questions[i + 5]! * count, r2 = questions[i + 6]! * count, r3 = questions[i + 7]! * count;
      const s0 = questions[i + 8]! * count, s1 = questions[i + 9]! * count, s2 = questions[i + 10]! * count, s3 = questions[i + 11]! * count;
      const t0 = questions[i + 12]! * count, t1 = questions[i + 13]! * count, t2 = questions[i + 14]! * count, t3 = questions[i + 15]! * count;
      for (let c = 0; c < count; c++)
        out[c] =
          out[c]! +
          leaves[at + (a[q0 + c]! | (a[q1 + c]! << 1) | (a[q2 + c]! << 2) | (a[q3 + c]! << 3))]! +
          leaves[at + 16 + (a[r0 + c]! | (a[r1 + c]! << 1) | (a[r2 + c]! << 2) | (a[r3 + c]! << 3))]! +
          leaves[at + 32 + (a[s0 + c]! | (a[s1 + c]! << 1) | (a[s2 + c]! << 2) | (a[s3 + c]! << 3))]! +
          leaves[at + 48 + (a[t0 + c]! | (a[t1 + c]! << 1) | (a[t2 + c]! << 2) | (a[t3 + c]! << 3))]!;
    }
    // The last trees, one at a time.
    for (; i < questions.length; i += 4, at += 16) {
      const q0 = questions[i]! * count, q1 = questions[i + 1]! * count, q2 = questions[i + 2]! * count, q3 = questions[i + 3]! * count;
      for (let c = 0; c < count; c++) out[c]! += leaves[at + (a[q0 + c]! | (a[q1 + c]! << 1) | (a[q2 + c]! << 2) | (a[q3 + c]! << 3))]!;
    }
    return out;
  }
  for (; i < questions.length; i += depth, at += 1 << depth) {
    for (let c = 0; c < count; c++) {
      let leaf = 0;
      for (let bit = 0; bit < depth; bit++) leaf |= a[questions[i + bit]! * count + c]! << bit;
      out[c]! += leaves[at + leaf]!;
    }
  }
  return out;
}
