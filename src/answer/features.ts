/**
 * Named features of a candidate sentence, in the order the sentence model's weights follow. Each is a
 * number computed from the question and the sentence (see `answerQuestion`).
 */
export const SENTENCE_FEATURES = [
  "coverage", // IDF-weighted share of the question's words in the sentence (or it with the one it refers back to)
  "passageCoverage", // the same share over its paragraph
  "keyword", // the sentence's BM25 score, scaled by the best
  "passage", // its paragraph's fused retrieval score, scaled by the best
  "passageVector", // cosine of its paragraph's vector to the question's
  "similarity", // cosine of the sentence's vector to the question's
  "fit", // holds the kind of thing asked (a figure with the unit, a date, a list…)
  "phrase", // share of the question's adjacent word pairs it holds whole
  "focus", // holds the word the question asks about
  "refersBack", // points back to the sentence before it (这里, 其…)
  "passageRank", // 1 / (1 + rank of its paragraph)
  "alignBefore", // holds the question's words just before its question word (…的体重 | 是多少)
  "alignAfter", // holds the question's words just after it
  "offTitle", // coverage of the question's words that its article's title does not hold (what is asked, not whose)
  "neighbours", // coverage of the sentence with the ones before and after it (the answer may sit next door)
  "orderKept", // share of the question's matched word pairs that the sentence holds in the same order
  "overNeighbours", // its coverage less the better of the sentences before and after it
  "position", // 1 / (1 + its index in the paragraph)
  "yearAgrees", // the question names a year: 1 when the sentence holds each, −1 when it holds years but none of them
] as const;

/** How many of the sentence model's best sentences are re-ranked with their span support (src/answer/answer.ts). */
export const RERANK = 3;

/**
 * Re-ranks, in place, the head of `ranked` (best sentence-model score first): of its first RERANK, those scored within
 * `within` of the best, by score + `support` × their span support (asked of those only). The one rule the assistant
 * answers by and `npm run train` / `scripts/dev-folds.ts` replay.
 */
export function rerankHead<T>(ranked: T[], score: (t: T) => number, spanSupport: (t: T) => number, rerank: { support: number; within: number }): T[] {
  if (ranked.length < 2) return ranked;
  const best = score(ranked[0]!);
  const head = ranked.slice(0, RERANK).filter((t) => best - score(t) <= rerank.within);
  head
    .map((t) => ({ t, key: score(t) + rerank.support * spanSupport(t) }))
    .sort((a, b) => b.key - a.key)
    .forEach((h, i) => (ranked[i] = h.t));
  return ranked;
}
