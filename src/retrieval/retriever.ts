import type { Corpus, Passage, Sentence } from "../corpus/corpus.js";
import type { Embedder } from "../embed/embedder.js";
import type { Tokenizer } from "../text/tokenize.js";
import { fuse, type FusionWeights, type SignalRankings } from "./fusion.js";
import { fusionWeights } from "./fusion-weights.js";
import type { KeywordIndex } from "./keyword-index.js";
import type { VectorIndex } from "./vector-index.js";

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
  const passageOfSentence = (sentenceId: string) => sentenceId.slice(0, sentenceId.lastIndexOf("."));
  const cache = new Map<string, Float32Array>();

  return {
    async retrieve(question, { contextTerms = [], focus = [], k = 5 } = {}) {
      const terms = tokenizer.terms(question);
      // A keyword search of the question plus, weighted down, of the conversation's words: scores summed by id.
      const withContext = (search: (t: string[]) => { id: string; score: number }[]) => {
        const score = new Map<string, number>();
        for (const [t, weight] of [[terms, 1], [contextTerms, CONTEXT_WEIGHT]] as const) {
          if (t.length) for (const h of search(t)) score.set(h.id, (score.get(h.id) ?? 0) + weight * h.score);
        }
        return score;
      };
      const passageScore = withContext((t) => keyword.searchGroups(t, PASSAGE_HITS));
      const passageRank = [...passageScore].sort((a, b) => b[1] - a[1]).map(([id]) => id);
      const [queryVector] = await embedder.embed([question], "query");
      const vectorHits = vector.search(queryVector!, VECTOR_HITS);

      // Sentences are scored only inside the passages fusion can rank (the passage search's, the vector
      // search's, the conversation's): exact BM25 for those, at a cost that does not grow with the corpus.
      const candidates = new Set([...passageRank, ...vectorHits.map((h) => h.id), ...focus]);
      const sentenceKeyword = withContext((t) => keyword.searchWithin(t, candidates));
      const top = Math.max(0, ...sentenceKeyword.values());
      if (top > 0) for (const [id, s] of sentenceKeyword) sentenceKeyword.set(id, s / top);

      // Two keyword signals per passage: its best sentence, and all its matching sentences together.
      const keywordRank: string[] = [];
      const seenPassage = new Set<string>();
      const passageSum = new Map<string, number>();
      for (const [id, s] of [...sentenceKeyword].sort((a, b) => b[1] - a[1])) {
        const pid = passageOfSentence(id);
        passageSum.set(pid, (passageSum.get(pid) ?? 0) + s);
        if (!seenPassage.has(pid)) (seenPassage.add(pid), keywordRank.push(pid));
      }
      const sumRank = [...passageSum].sort((a, b) => b[1] - a[1]).map(([id]) => id);
      const signals: SignalRankings = { bestSentence: keywordRank, passageSum: sumRank, passage: passageRank, vector: vectorHits.map((h) => h.id) };
      const fused = fuse(signals, fusion, [focus.filter((id) => passageById.has(id))]);
      const best = Math.max(0, ...fused.values());
      const vectorScore = new Map(vectorHits.map((h) => [h.id, h.score]));
      const passages = [...fused]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([id, s]) => ({ passage: passageById.get(id)!, score: best ? s / best : 0, vector: vectorScore.get(id) ?? 0 }));
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

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
