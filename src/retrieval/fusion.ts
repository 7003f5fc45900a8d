/**
 * The ranked lists retrieval fuses, each a ranking of passages on its own:
 * - `bestSentence`: BM25 (words, bigrams, figures) of the passage's best sentence;
 * - `passageSum`: the BM25 of all its matching sentences summed (a question's words spread over a paragraph);
 * - `passage`: BM25 of the whole passage as one unit (its own length normalisation and term saturation);
 * - `vector`: the passage vector's cosine with the question (HNSW).
 */
export const SIGNALS = ["bestSentence", "passageSum", "passage", "vector"] as const;
export type Signal = (typeof SIGNALS)[number];

/** Passage ids of each signal, best first. */
export type SignalRankings = Record<Signal, readonly string[]>;

/** Weighted reciprocal-rank fusion: score(p) = Σ_signal weight × 1 / (k + rank). */
export interface FusionWeights {
  /** RRF constant: the larger, the flatter the reward for a better rank. */
  k: number;
  weights: Record<Signal, number>;
}

/** Before any training: every signal alike, k = 60 (the value of the RRF paper). */
export const HAND_FUSION: FusionWeights = { k: 60, weights: { bestSentence: 1, passageSum: 1, passage: 1, vector: 1 } };

/**
 * Fuses the signals' rankings into one score per passage (weighted RRF), plus `extra` lists counted as one
 * more signal of average weight (passages a conversation was about). A pure function: the same lists and weights give the
 * same scores, which is what `npm run train` searches over.
 *
 * @example fuse({ bestSentence: ["a", "b"], passageSum: ["b", "a"], passage: ["b"], vector: [] }, HAND_FUSION) // b first
 */
export function fuse(rankings: SignalRankings, { k, weights }: FusionWeights, extra: readonly (readonly string[])[] = []): Map<string, number> {
  const fused = new Map<string, number>();
  const add = (ids: readonly string[], weight: number) => {
    if (weight === 0) return;
    ids.forEach((id, rank) => fused.set(id, (fused.get(id) ?? 0) + weight / (k + rank + 1)));
  };
  for (const s of SIGNALS) add(rankings[s], weights[s]);
  const mean = SIGNALS.reduce((a, s) => a + weights[s], 0) / SIGNALS.length;
  for (const ids of extra) add(ids, mean);
  return fused;
}

/** Passage ids by fused score, best first (ties keep the order they were first met in). */
export function fusedOrder(rankings: SignalRankings, weights: FusionWeights): string[] {
  return [...fuse(rankings, weights)].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}
