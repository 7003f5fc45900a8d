/**
 * The retrieval part of `npm run train`: fits the weights and the RRF constant of the fusion
 * (src/retrieval/fusion.ts) on the TRAIN split only — CMRC 2018 and DRCD train articles, and bench-style
 * corpora built from the train articles alone (copies perturbed as `npm run bench -- --real` does, so the
 * near-duplicates of a large archive are in the fit). Each source's rankings are collected once (in a child
 * process); then every combination of a small grid is scored by hit@1 (MRR breaks ties), each source
 * counting alike. Exhaustive and deterministic: the seed only fixes which bench questions are drawn.
 */
import { runChild } from "../bench/lib/child.js";
import type { SignalQuestion, SignalSource } from "../bench/lib/signals-run.js";
import { HAND_FUSION, SIGNALS, type FusionWeights } from "../src/retrieval/fusion.js";

/** The sources fitted on, all of the train split. */
export const FUSION_SOURCES: SignalSource[] = [
  { set: "cmrc", split: "train" },
  { set: "drcd", split: "train" },
  { real: 1000, split: "train", questions: 1000 },
  { real: 5000, split: "train", questions: 1000 },
];
const WEIGHT_GRID = [0, 0.25, 0.5, 1, 2, 4];
const K_GRID = [1, 3, 5, 10, 20, 40, 60, 100];
/** Ranks looked at per signal: a passage below this in every list never comes first. */
const TOP = 20;

/** One question compiled for scoring: each candidate's rank (0-based, -1 absent) in each signal. */
interface Compiled {
  ranks: Int16Array;
  candidates: number;
  /** Index of the gold candidate, or -1 when no signal has it in its top. */
  target: number;
}

function compile(q: SignalQuestion): Compiled {
  const ids: string[] = [];
  const index = new Map<string, number>();
  for (const s of SIGNALS) for (const id of q.rankings[s].slice(0, TOP)) if (!index.has(id)) (index.set(id, ids.length), ids.push(id));
  const ranks = new Int16Array(ids.length * SIGNALS.length).fill(-1);
  SIGNALS.forEach((s, j) => q.rankings[s].slice(0, TOP).forEach((id, r) => (ranks[index.get(id)! * SIGNALS.length + j] = r)));
  return { ranks, candidates: ids.length, target: index.get(q.target) ?? -1 };
}

/** hit@1 and MRR of the fusion with `w` over compiled questions (a tie with the gold counts against it). */
function score(qs: Compiled[], w: FusionWeights): { hit1: number; mrr: number } {
  const ws = SIGNALS.map((s) => w.weights[s]);
  const inv = Array.from({ length: TOP }, (_, r) => 1 / (w.k + r + 1));
  let hits = 0;
  let mrr = 0;
  const m = SIGNALS.length;
  for (const q of qs) {
    if (q.target < 0) continue;
    const at = (c: number) => {
      let s = 0;
      for (let j = 0; j < m; j++) {
        const r = q.ranks[c * m + j]!;
        if (r >= 0) s += ws[j]! * inv[r]!;
      }
      return s;
    };
    const t = at(q.target);
    let above = 0;
    for (let c = 0; c < q.candidates; c++) if (c !== q.target && at(c) >= t) above++;
    if (above === 0) hits++;
    mrr += 1 / (above + 1);
  }
  return { hit1: hits / qs.length, mrr: mrr / qs.length };
}

const single = (s: (typeof SIGNALS)[number]): FusionWeights => ({ k: 60, weights: Object.fromEntries(SIGNALS.map((x) => [x, x === s ? 1 : 0])) as FusionWeights["weights"] });
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/**
 * Collects the rankings of every source and returns the best fusion on them, with what reproduces it and
 * each source's hit@1 for every signal alone, the hand-set fusion and the fitted one.
 *
 * @example const { k, weights } = await fitFusion({ seed: 7 });
 */
export async function fitFusion({ seed, log = (m: string) => console.error(m) }: { seed: number; log?: (msg: string) => void }) {
  const sets: { name: string; qs: Compiled[] }[] = [];
  for (const source of FUSION_SOURCES) {
    const name = "real" in source ? `bench-${source.real}-train` : `${source.set}-train`;
    const t0 = performance.now();
    const { result } = await runChild<{ passages: number; questions: SignalQuestion[] }>("signals-child.ts", "real" in source ? { ...source, seed } : source);
    sets.push({ name, qs: result.questions.map(compile) });
    log(`fusion: ${name}, ${result.questions.length} questions over ${result.passages} passages (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const objective = (w: FusionWeights) => {
    const per = sets.map((s) => score(s.qs, w));
    return { value: per.reduce((a, p) => a + p.hit1 + 0.01 * p.mrr, 0) / per.length, per };
  };
  let best = { w: HAND_FUSION, ...objective(HAND_FUSION) };
  const seen = new Set<string>();
  const combos = WEIGHT_GRID.length ** SIGNALS.length;
  for (let c = 1; c < combos; c++) {
    const ws = SIGNALS.map((_, j) => WEIGHT_GRID[Math.floor(c / WEIGHT_GRID.length ** j) % WEIGHT_GRID.length]!);
    const top = Math.max(...ws);
    const key = ws.map((x) => x / top).join();
    if (seen.has(key)) continue; // same ranking as a multiple of it
    seen.add(key);
    for (const k of K_GRID) {
      const w: FusionWeights = { k, weights: Object.fromEntries(SIGNALS.map((s, j) => [s, ws[j]! / top])) as FusionWeights["weights"] };
      const o = objective(w);
      if (o.value > best.value + 1e-9) best = { w, ...o };
    }
  }
  const table: Record<string, Record<string, string>> = {};
  for (const s of SIGNALS) table[s] = Object.fromEntries(sets.map((set) => [set.name, pct(score(set.qs, single(s)).hit1)]));
  table.handFusion = Object.fromEntries(sets.map((set) => [set.name, pct(score(set.qs, HAND_FUSION).hit1)]));
  table.fitted = Object.fromEntries(sets.map((set, i) => [set.name, pct(best.per[i]!.hit1)]));
  for (const [row, cells] of Object.entries(table)) log(`fusion: ${row.padEnd(12)} ${Object.entries(cells).map(([n, v]) => `${n} ${v}`).join(", ")}`);
  log(`fusion: fitted k ${best.w.k}, weights ${SIGNALS.map((s) => `${s} ${best.w.weights[s]}`).join(", ")}`);
  return {
    trainedOn: {
      split: "train (bench/lib/datasets.ts splitOf): the train articles of CMRC and DRCD, and bench corpora of 1,000 and 5,000 passages built from them",
      sources: sets.map((s) => s.name),
      seed,
      grid: { weights: WEIGHT_GRID, k: K_GRID },
      hit1: table,
    },
    k: best.w.k,
    signals: [...SIGNALS],
    weights: SIGNALS.map((s) => best.w.weights[s]),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fit = await fitFusion({ seed: 7 });
  console.log(JSON.stringify(fit, null, 1));
}
