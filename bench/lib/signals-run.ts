/**
 * Each retrieval signal alone and fused, on one set: where the gold article ranks in every signal's own
 * ranking (BM25 of words only, of bigrams only, of the best sentence, of all sentences summed, of the
 * whole passage; the passage vector) and in the fused one, beside MiniSearch + jieba and Orama on the same
 * passages and questions. `collectSignals` gives the rankings themselves, which `npm run train` fits the
 * fusion weights on (train split only).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHashedNgramEmbedder } from "../../src/embed/hashed-ngram.js";
import { loadCorpus } from "../../src/corpus/load.js";
import { fusedOrder, SIGNALS, type FusionWeights, type Signal, type SignalRankings } from "../../src/retrieval/fusion.js";
import { openIndex } from "../../src/retrieval/index-store.js";
import { createKeywordIndex } from "../../src/retrieval/keyword-index.js";
import { createRetriever } from "../../src/retrieval/retriever.js";
import { corpusTerms, createTokenizer } from "../../src/text/tokenize.js";
import { buildBaselines, type BaselineName } from "./baselines.js";
import type { Split } from "./datasets.js";
import { prepareSet, type EvalSet } from "./eval-sets.js";
import type { PeersOptions } from "./peers.js";
import { writeRealCorpus } from "./real-corpus.js";
import { rankOf, scoreRanks, type RetrievalScore } from "./stats.js";

/** One question's rankings: each signal's, best first, as article (document) ids. */
export interface SignalQuestion {
  id: string;
  /** The article that holds the answer. */
  target: string;
  rankings: SignalRankings;
}

/** Where the questions and passages come from: a shared set's split, or a bench-style corpus of `size` passages. */
export type SignalSource = { set: Exclude<EvalSet, "seed">; split: Split; limit?: number } | { real: number; split: Split; questions: number; seed?: number };

/** Rankings kept per signal: enough for any fusion to reorder the top. */
const DEPTH = 50;

const docOf = (passageId: string) => passageId.slice(0, passageId.lastIndexOf("#"));
const docs = (ids: readonly string[]) => [...new Set(ids.map(docOf))];

/**
 * Writes the source's articles, builds the index as the assistant does (offline embedder), and returns
 * each question's signal rankings, plus `diagnostics` rankings (signals not fused, for the table) when asked.
 *
 * @example const qs = await collectSignals({ set: "cmrc", split: "train" });
 */
export async function collectSignals(
  source: SignalSource,
  options: { diagnostics?: boolean; fusion?: FusionWeights; baselines?: BaselineName[]; peers?: PeersOptions } = {},
): Promise<{ questions: (SignalQuestion & { extra: Record<string, string[]> })[]; passages: number; baselines: { name: string; score: RetrievalScore | string }[] }> {
  const work = await mkdtemp(join(tmpdir(), "signals-"));
  try {
    const seedsDir = join(work, "seeds");
    let items: { id: string; question: string; target: string }[];
    if ("real" in source) {
      const plan = await writeRealCorpus(seedsDir, source.real, { warmup: 0, timed: source.questions }, source.seed ?? 42, source.split);
      items = plan.timed.map((q) => ({ id: q.id, question: q.question, target: q.doc }));
    } else {
      items = (await prepareSet(source.set, seedsDir, source.split, source.limit)).map((i) => ({ id: i.id, question: i.question, target: i.target! }));
    }
    const corpus = await loadCorpus(seedsDir);
    const embedder = createHashedNgramEmbedder();
    const tokenizer = createTokenizer(corpusTerms(corpus.passages.map((p) => p.text)));
    const store = await openIndex(corpus, embedder, tokenizer, { dir: join(work, "index") });
    const { keyword, vector, sentenceSimilarity } = store.state;
    const retriever = createRetriever({ corpus, tokenizer, keyword, vector, embedder, sentenceSimilarity, fusion: options.fusion });
    // Diagnostics only: BM25 over whole passages indexed as such (as MiniSearch does), of the words alone.
    const passageIndex = options.diagnostics ? createKeywordIndex() : undefined;
    passageIndex?.add(corpus.passages.map((p) => ({ id: p.id, terms: tokenizer.terms(p.text) })));
    const bestOf = (hits: { id: string }[]) => docs(hits.map((h) => h.id.slice(0, h.id.lastIndexOf("."))));
    const questions = [];
    for (const item of items) {
      const r = await retriever.retrieve(item.question, { k: DEPTH });
      const rankings = Object.fromEntries(SIGNALS.map((s) => [s, docs(r.signals[s]).slice(0, DEPTH)])) as Record<Signal, string[]>;
      const extra: Record<string, string[]> = { fused: docs(r.passages.map((p) => p.passage.id)) };
      if (passageIndex) {
        const terms = tokenizer.terms(item.question);
        const words = tokenizer.words(item.question);
        const bigrams = terms.filter((t) => /^\p{Script=Han}{2}$/u.test(t));
        extra.words = bestOf(keyword.search(words, 200));
        extra.bigrams = bestOf(keyword.search(bigrams, 200));
        extra.passageBm25Words = docs(passageIndex.search(words, DEPTH).map((h) => h.id));
      }
      questions.push({ id: item.id, target: item.target, rankings, extra });
    }
    store.close();
    const baselines: { name: string; score: RetrievalScore | string }[] = [];
    if (options.baselines?.length) {
      for (const b of await buildBaselines(corpus.passages.map((p) => ({ id: p.id, text: p.text })), embedder, options.peers, options.baselines)) {
        if (b.status !== "ok") {
          baselines.push({ name: b.name, score: b.reason });
          continue;
        }
        const ranks = [];
        for (const item of items) ranks.push(rankOf((await b.retriever.search(item.question, 10)).map(docOf), item.target));
        baselines.push({ name: b.retriever.name, score: scoreRanks(ranks) });
      }
    }
    return { questions, passages: corpus.passages.length, baselines };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** hit@1, hit@3 and MRR of one ranking per question. */
export function scoreRankings<Q extends SignalQuestion>(questions: readonly Q[], ranking: (q: Q) => readonly string[]): RetrievalScore {
  return scoreRanks(questions.map((q) => rankOf(ranking(q), q.target)));
}

/** Each signal alone, the fusion with `weights`, and every diagnostic ranking, as table rows. */
export function signalRows(
  questions: readonly (SignalQuestion & { extra: Record<string, string[]> })[],
  weights: FusionWeights,
): { name: string; score: RetrievalScore }[] {
  const rows: { name: string; score: RetrievalScore }[] = SIGNALS.map((s) => ({ name: s as string, score: scoreRankings(questions, (q) => q.rankings[s]) }));
  for (const name of Object.keys(questions[0]?.extra ?? {}))
    if (name !== "fused") rows.push({ name: `(${name})`, score: scoreRankings(questions, (q) => q.extra[name]!) });
  rows.push({ name: "fused (retrieve)", score: scoreRankings(questions, (q) => q.extra.fused!) });
  rows.push({ name: `fused, k ${weights.k}, ${SIGNALS.map((s) => weights.weights[s]).join("/")}`, score: scoreRankings(questions, (q) => fusedOrder(q.rankings, weights)) });
  return rows;
}
