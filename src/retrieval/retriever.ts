import type { Corpus, Passage, Sentence } from "../corpus/corpus.js";
import type { Embedder } from "../embed/embedder.js";
import type { Tokenizer } from "../text/tokenize.js";
import { fuse, type FusionWeights, type SignalRankings } from "./fusion.js";
import { fusionWeights } from "./fusion-weights.js";
import type { KeywordIndex } from "./keyword-index.js";
import type { Hit, VectorIndex } from "./vector-index.js";

/** A passage ranked by the fusion of keyword and vector search. */
export interface RankedPassage {
  passage: Passage;
  /** Reciprocal-rank fusion score, scaled so the best passage is 1. */
  score: number;
  /** Cosine similarity of the passage to the question, in [0, 1] (0 when not among the vector hits). */
  vector: number;
}

export interface Retrieval {
  passages: RankedPassage[];
  /** BM25 score of each matching sentence, scaled to [0, 1] by the best one. */
  sentenceKeyword: Map<string, number>;
  queryVector: Float32Array;
  /** Each signal's own ranking of passages, before fusion (for measuring and fitting the fusion). */
  signals: SignalRankings;
}

export interface RetrieveOptions {
  /** Terms from earlier in the conversation, searched at a lower weight. */
  contextTerms?: string[];
  /** Passages the conversation was about: ranked as if found once more. */
  focus?: string[];
  /** Passages to return. */
  k?: number;
}

export interface Retriever {
  retrieve(question: string, options?: RetrieveOptions): Promise<Retrieval>;
  /** Cosine similarity of each sentence to the query vector (sentence vectors are cached). */
  sentenceSimilarity(sentences: Sentence[], queryVector: Float32Array): Promise<number[]>;
  /** How many keyword units (sentences) hold `term`, and how many units there are. */
  frequency(term: string): { df: number; n: number };
}

/** Weight of conversation context terms against the question's own. */
const CONTEXT_WEIGHT = 0.4;
/** Passages each signal ranks: the vector search's depth, the passage BM25's. */
const VECTOR_HITS = 10;
const PASSAGE_HITS = 50;
/** Sentence vectors kept in memory at most. */
const SENTENCE_CACHE = 20_000;

/**
 * Retrieval is `fuse(keyword(question), vector(embed(question)))`: BM25 and HNSW over the passages, and
 * BM25 over the sentences of the passages those two found (scored per passage by its best sentence and by
 * all its sentences), combined by weighted reciprocal-rank fusion with the weights `npm run train` fitted (src/retrieval/fusion.ts).
 *
 * @example const r = await retriever.retrieve("崂山众创空间总面积将达到多少？"); r.passages[0].passage.id
 */
export function createRetriever(parts: {
  corpus: Corpus;
  tokenizer: Tokenizer;
  keyword: KeywordIndex;
  vector: VectorIndex;
  embedder: Embedder;
  /** Similarity to the query of sentences whose vectors were saved at build; the others are embedded (and cached) here. */
  sentenceSimilarity?: (sentences: Sentence[], query: Float32Array) => (number | undefined)[];
  /** Fusion weights (default: those `npm run train` fitted, src/retrieval/fusion.ts). */
  fusion?: FusionWeights;
}): Retriever {
  const { corpus, tokenizer, keyword, vector, embedder, fusion = fusionWeights() } = parts;
  const passageById = new Map(corpus.passages.map((p) => [p.id, p]));
  const cache = new Map<string, Float32Array>();

  return {
    async retrieve(question, { contextTerms = [], focus = [], k = 5 } = {}) {
      const terms = tokenizer.terms(question);
      // A keyword search of the question plus, weighted down, of the conversation's words.
      const withContext = <H extends Hit>(search: (t: string[]) => H[]) => combine(terms.length ? search(terms) : [], contextTerms.length ? search(contextTerms) : []);
      const passageRank = bestFirst(withContext((t) => keyword.searchGroups(t, PASSAGE_HITS))).map((h) => h.id);
      const [queryVector] = await embedder.embed([question], "query");
      const vectorHits = vector.search(queryVector!, VECTOR_HITS);

      // Sentences are scored only inside the passages fusion can rank (the passage search's, the vector
      // search's, the conversation's): exact BM25 for those, at a cost that does not grow with the corpus.
      const candidates = new Set([...passageRank, ...vectorHits.map((h) => h.id), ...focus]);
      const sentenceHits = withContext((t) => keyword.searchWithin(t, candidates));
      let top = 0;
      for (const h of sentenceHits) top = Math.max(top, h.score);
      const scaled = top > 0 ? sentenceHits.map((h) => ({ id: h.id, group: h.group, score: h.score / top })) : sentenceHits;
      const sentenceKeyword = new Map<string, number>();
      for (const h of scaled) sentenceKeyword.set(h.id, h.score);

      // Two keyword signals per passage: its best sentence, and all its matching sentences together.
      const keywordRank: string[] = [];
      const passageSum = new Map<string, number>();
      for (const { group, score } of bestFirst(scaled)) {
        const sum = passageSum.get(group);
        if (sum === undefined) keywordRank.push(group);
        passageSum.set(group, (sum ?? 0) + score);
      }
      const sumRank = [...passageSum].sort((a, b) => b[1] - a[1]).map(([id]) => id);
      const signals: SignalRankings = { bestSentence: keywordRank, passageSum: sumRank, passage: passageRank, vector: vectorHits.map((h) => h.id) };
      const fused = firstK(fuse(signals, fusion, [focus.filter((id) => passageById.has(id))]), k);
      const best = Math.max(0, fused[0]?.[1] ?? 0);
      const vectorScore = new Map(vectorHits.map((h) => [h.id, h.score]));
      const passages = fused.map(([id, s]) => ({ passage: passageById.get(id)!, score: best ? s / best : 0, vector: vectorScore.get(id) ?? 0 }));
      return { passages, sentenceKeyword, queryVector: queryVector!, signals };
    },

    async sentenceSimilarity(sentences, queryVector) {
      const saved = parts.sentenceSimilarity?.(sentences, queryVector) ?? [];
      const missing = sentences.filter((s, i) => saved[i] === undefined && !cache.has(s.id));
      if (missing.length > 0) {
        const vectors = await embedder.embed(missing.map((s) => s.text), "passage");
        missing.forEach((s, i) => cache.set(s.id, vectors[i]!));
        while (cache.size > SENTENCE_CACHE) cache.delete(cache.keys().next().value!);
      }
      return sentences.map((s, i) => Math.max(0, saved[i] ?? dot(cache.get(s.id)!, queryVector)));
    },

    frequency: (term) => ({ df: keyword.documentFrequency(term), n: keyword.size }),
  };
}

/**
 * The question's hits plus the conversation's weighted down (CONTEXT_WEIGHT), summed by id, in the order first
 * met. Without context, the question's own hits as they came (a search's ids are unique): no copy, no map.
 */
function combine<H extends Hit>(question: H[], context: H[]): H[] {
  if (context.length === 0) return question;
  const byId = new Map<string, H>();
  for (const [hits, weight] of [[question, 1], [context, CONTEXT_WEIGHT]] as const) {
    for (const h of hits) byId.set(h.id, { ...h, score: (byId.get(h.id)?.score ?? 0) + weight * h.score });
  }
  return [...byId.values()];
}

/** Hits by score, best first; ties keep their order (a search's hits come best first already: sorting them is one pass). */
const bestFirst = <H extends Hit>(hits: H[]) => [...hits].sort((a, b) => b.score - a.score);

/**
 * The `k` best entries by score, best first, ties in insertion order: what a stable sort of all of them then
 * `slice(0, k)` gives, without sorting the ~100 fused passages to keep 5.
 */
function firstK(scores: Map<string, number>, k: number): [string, number][] {
  const best: [string, number][] = [];
  if (k <= 0) return best;
  for (const entry of scores) {
    if (best.length === k && !(entry[1] > best[k - 1]![1])) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]![1] < entry[1]) at--;
    best.splice(at, 0, entry);
    if (best.length > k) best.pop();
  }
  return best;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
