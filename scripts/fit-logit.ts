/**
 * The conditional logit `npm run train` and `scripts/dev-folds.ts` fit (sentence and span models): one group is
 * one question's (or sentence's) candidates, with each candidate's F1 against the gold as the target.
 */
import { prng } from "./prng.js";

/** One training group: the candidates of one sentence or question, with their targets. */
export interface Group {
  x: number[][];
  f1: number[];
  /** Tree features of each candidate (`spanTreeVector`). */
  tx?: number[][];
}

/**
 * Softmax over each group's candidates, cross-entropy against targets ∝ F1^power (the best spans, softly),
 * L2-regularised, plain gradient descent with a decaying step in a seeded order.
 */
export function fitConditionalLogit<G extends Group>(data: G[], dim: number, o: { epochs: number; l2: number; seed: number; rate: number; power: number }): number[] {
  const weights = new Array<number>(dim).fill(0);
  const random = prng(o.seed);
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const step = o.rate / (1 + epoch / 10);
    for (const g of order.map((i) => data[i]!)) {
      const s = g.x.map((x) => dot(weights, x));
      const m = Math.max(...s);
      const e = s.map((v) => Math.exp(v - m));
      const z = e.reduce((a, b) => a + b, 0);
      const t = g.f1.map((f) => f ** o.power);
      const tz = t.reduce((a, b) => a + b, 0);
      for (let k = 0; k < g.x.length; k++) {
        const diff = e[k]! / z - t[k]! / tz;
        if (diff === 0) continue;
        const x = g.x[k]!;
        for (let d = 0; d < dim; d++) if (x[d] !== 0) weights[d] = weights[d]! - step * diff * x[d]!;
      }
      for (let d = 0; d < dim; d++) weights[d] = weights[d]! * (1 - step * o.l2);
    }
    if (process.env.TRAIN_VERBOSE) console.error(`epoch ${epoch}: F1 ${evaluate(data, weights).f1.toFixed(1)}`);
  }
  return weights;
}

export function evaluate(data: Group[], weights: number[]): { f1: number; em: number } {
  return evaluateScores(data, (g) => g.x.map((x) => dot(weights, x)));
}

export function evaluateScores<G extends Group>(data: G[], score: (g: G) => number[]): { f1: number; em: number } {
  let f1 = 0;
  let em = 0;
  for (const g of data) {
    const s = score(g);
    const k = s.indexOf(Math.max(...s));
    f1 += g.f1[k]!;
    em += g.f1[k] === 1 ? 1 : 0;
  }
  return { f1: (100 * f1) / data.length, em: (100 * em) / data.length };
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < b.length; i++) s += a[i]! * b[i]!;
  return s;
}
