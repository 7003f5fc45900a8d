import { HAND_FUSION } from "../../src/retrieval/fusion.js";
import { fusionWeights } from "../../src/retrieval/fusion-weights.js";
import { ALL_BASELINES } from "./baselines.js";
import type { Split } from "./datasets.js";
import type { PeersOptions } from "./peers.js";
import { collectSignals, signalRows } from "./signals-run.js";
import type { RetrievalScore } from "./stats.js";
import { pct, renderTable } from "./table.js";

export interface SignalsReport {
  title: string;
  rows: { name: string; score: RetrievalScore | string }[];
}

/** `npm run eval -- --signals`: the rankings of one source, scored per signal, fused (hand-set and fitted) and by the peers. */
export async function runSignalsCli(o: {
  set: "cmrc" | "drcd";
  split: Split;
  limit?: number;
  real?: number;
  peers: PeersOptions;
  baselines: boolean;
}): Promise<SignalsReport> {
  const source = o.real ? { real: o.real, split: o.split, questions: o.limit ?? 1000 } : { set: o.set, split: o.split, limit: o.limit };
  const peers = o.baselines ? ALL_BASELINES.filter((n) => n === "MiniSearch + jieba" || n.startsWith("Orama")) : [];
  const { questions, passages, baselines } = await collectSignals(source, { diagnostics: true, baselines: [...peers], peers: o.peers });
  const fitted = fusionWeights();
  const rows = [...signalRows(questions, HAND_FUSION)];
  if (fitted !== HAND_FUSION) rows.push(signalRows(questions, fitted).at(-1)!);
  const what = o.real ? `bench corpus of ${o.real} passages (${o.split} articles)` : `set ${o.set}, split ${o.split}`;
  return { title: `Retrieval signals — ${what}: ${questions.length} questions over ${passages} passages, offline embedder`, rows: [...rows, ...baselines] };
}

/** The signals report as a terminal table. (name) rows are diagnostics, not fused. */
export function formatSignals(r: SignalsReport): string {
  return renderTable(
    ["ranking", "n", "hit@1", "hit@3", "MRR"],
    r.rows.map(({ name, score }) => (typeof score === "string" ? [name, null, null, null, `unavailable: ${score}`] : [name, score.n, pct(score.hit1), pct(score.hit3), score.mrr])),
    r.title,
  );
}
