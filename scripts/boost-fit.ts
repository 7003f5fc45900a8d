/**
 * Gradient boosting of oblivious trees (src/answer/boost.ts) for a conditional logit: every group is a softmax
 * over its candidates, scored base + Σ trees; each round fits one tree to the gradient (p − t) with Newton
 * leaf values, thresholds drawn from each feature's quantiles.
 */
import type { Tree } from "../src/answer/boost.js";

export interface BoostGroup {
  /** Tree features of each candidate. */
  x: number[][];
  /** Score of each candidate before the trees (the linear model). */
  base: number[];
  /** Targets (normalised to sum 1 per group). */
  t: number[];
}

export function fitTrees(groups: BoostGroup[], o: { rounds: number; depth: number; shrink: number; lambda: number; bins: number; minLeaf?: number }): Tree[] {
  const dim = groups[0]!.x[0]!.length;
  // Flatten rows.
  const rows: { g: number; x: number[] }[] = [];
  groups.forEach((g, gi) => g.x.forEach((x) => rows.push({ g: gi, x })));
  const N = rows.length;
  // Candidate thresholds per feature: distinct quantiles.
  const thresholds: number[][] = [];
  for (let f = 0; f < dim; f++) {
    const v = rows.map((r) => r.x[f]!).sort((a, b) => a - b);
    const set = new Set<number>();
    for (let b = 1; b < o.bins; b++) set.add(v[Math.floor((b * N) / o.bins)]!);
    set.delete(v[N - 1]!);
    thresholds.push([...set].sort((a, b) => a - b));
  }
  // Bin index of each row per feature (number of thresholds < value: x > thr[k] for k < bin), one column of
  // bytes per feature (at most 32 bins), read row after row while the histograms are summed.
  const bins = thresholds.map((th, f) => {
    const col = new Uint8Array(N);
    for (let r = 0; r < N; r++) {
      const v = rows[r]!.x[f]!;
      let k = 0;
      while (k < th.length && v > th[k]!) k++;
      col[r] = k;
    }
    return col;
  });
  const score = groups.map((g) => [...g.base]);
  const trees: Tree[] = [];
  const grad = new Float64Array(N);
  const hess = new Float64Array(N);
  for (let round = 0; round < o.rounds; round++) {
    let i = 0;
    for (let gi = 0; gi < groups.length; gi++) {
      const s = score[gi]!;
      const m = Math.max(...s);
      const e = s.map((v) => Math.exp(v - m));
      const z = e.reduce((a, b) => a + b, 0);
      for (let k = 0; k < s.length; k++, i++) {
        const p = e[k]! / z;
        grad[i] = p - groups[gi]!.t[k]!;
        hess[i] = Math.max(p * (1 - p), 1e-6);
      }
    }
    const leaf = new Int32Array(N);
    const tree: Tree = { features: [], thresholds: [], leaves: [] };
    for (let level = 0; level < o.depth; level++) {
      const L = 1 << level;
      let best = { gain: -Infinity, f: -1, k: -1 };
      for (let f = 0; f < dim; f++) {
        const nb = thresholds[f]!.length + 1;
        if (nb < 2) continue;
        const G = new Float64Array(L * nb);
        const H = new Float64Array(L * nb);
        const col = bins[f]!;
        for (let r = 0; r < N; r++) {
          const idx = leaf[r]! * nb + col[r]!;
          G[idx] = G[idx]! + grad[r]!;
          H[idx] = H[idx]! + hess[r]!;
        }
        // Cumulative from the top: rows with bin > k go right (x > thr[k]).
        const gl = new Float64Array(L), hl = new Float64Array(L), gt = new Float64Array(L), ht = new Float64Array(L);
        for (let l = 0; l < L; l++) for (let b = 0; b < nb; b++) ((gt[l] = gt[l]! + G[l * nb + b]!), (ht[l] = ht[l]! + H[l * nb + b]!));
        for (let k = 0; k < nb - 1; k++) {
          let gain = 0;
          for (let l = 0; l < L; l++) {
            gl[l] = gl[l]! + G[l * nb + k]!;
            hl[l] = hl[l]! + H[l * nb + k]!;
            const gr = gt[l]! - gl[l]!, hr = ht[l]! - hl[l]!;
            gain += (gl[l]! * gl[l]!) / (hl[l]! + o.lambda) + (gr * gr) / (hr + o.lambda);
          }
          if (gain > best.gain) best = { gain, f, k };
        }
      }
      if (best.f < 0) break;
      tree.features.push(best.f);
      tree.thresholds.push(thresholds[best.f]![best.k]!);
      const col = bins[best.f]!;
      for (let r = 0; r < N; r++) if (col[r]! > best.k) leaf[r] = leaf[r]! | (1 << level);
    }
    const L = 1 << tree.features.length;
    const G = new Float64Array(L), H = new Float64Array(L);
    for (let r = 0; r < N; r++) {
      const l = leaf[r]!;
      G[l] = G[l]! + grad[r]!;
      H[l] = H[l]! + hess[r]!;
    }
    tree.leaves = [...G].map((g, l) => Math.round(((-o.shrink * g) / (H[l]! + o.lambda)) * 1e4) / 1e4);
    trees.push(tree);
    i = 0;
    for (const s of score) for (let k = 0; k < s.length; k++, i++) s[k] = s[k]! + tree.leaves[leaf[i]!]!;
  }
  return trees;
}
