import type { Embedder } from "../../src/embed/embedder.js";
import { buildBaselines, type BaselineName, type PassageText } from "./baselines.js";
import { summarize, type Latency } from "./latency.js";
import type { PeersOptions } from "./peers.js";
import { rankOf, round, scoreRanks, type RetrievalScore } from "./stats.js";

export type RealBaseline =
  | { name: string; status: "ok"; buildMs: number; latency: Latency; retrieval: RetrievalScore }
  | { name: string; status: "unavailable"; reason: string };

/**
 * Builds each baseline over `passages` and asks it `questions` once, timed: where the gold article
 * (`doc`) ranks among its first five passages, and the search latency.
 */
export async function askBaselines(
  passages: PassageText[],
  embedder: Embedder,
  peers: PeersOptions,
  names: readonly BaselineName[],
  questions: readonly { question: string; doc: string }[],
  log: (line: string) => void = () => {},
): Promise<RealBaseline[]> {
  const out: RealBaseline[] = [];
  for (const b of await buildBaselines(passages, embedder, peers, names)) {
    if (b.status !== "ok") {
      out.push({ name: b.name, status: "unavailable", reason: b.reason });
      continue;
    }
    log(`${b.retriever.name}: built in ${(b.buildMs / 1000).toFixed(1)} s, asking ${questions.length} questions…`);
    const times: number[] = [];
    const ranks: (number | null)[] = [];
    for (const q of questions) {
      const t = performance.now();
      const ids = await b.retriever.search(q.question, 5);
      times.push(performance.now() - t);
      ranks.push(rankOf(ids.map(docOf), q.doc));
    }
    out.push({ name: b.retriever.name, status: "ok", buildMs: round(b.buildMs, 1)!, latency: summarize(times), retrieval: rounded(scoreRanks(ranks)) });
  }
  return out;
}

/** `doc#paragraph` → `doc`. */
function docOf(passageId: string): string {
  const i = passageId.lastIndexOf("#");
  return i < 0 ? passageId : passageId.slice(0, i);
}

export function rounded(s: RetrievalScore): RetrievalScore {
  return { n: s.n, hit1: round(s.hit1), hit3: round(s.hit3), mrr: round(s.mrr) };
}
