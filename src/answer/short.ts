import type { Tokenizer } from "../text/tokenize.js";
import type { Query } from "./query.js";
import { flatTrees, flatTreeScore } from "./boost.js";
import { SPAN_TREE_DIM, spanCandidates, writeTreeVector, type Span } from "./span.js";
import { linear, modelWeights, type SpanModel } from "./weights.js";

/** `spanTreeVector`, written into one reused array (no array per candidate). */
const treeVector = new Float64Array(SPAN_TREE_DIM);

/**
 * The short answer: the candidate span of the answering sentence that the fitted span model scores
 * highest (a figure with its unit, a date, a name, a list, a clause), as the sentence writes it.
 */
export function shortAnswer(
  sentence: string,
  query: Query,
  tokenizer: Tokenizer,
  model: SpanModel = modelWeights().span,
  /** What to return when the sentence has no candidate span; default: the sentence itself. */
  none: string = sentence.trim(),
): string {
  const trees = model.trees?.length ? flatTrees(model.trees) : undefined;
  let best: Span | undefined;
  let bestScore = -Infinity;
  for (const s of spanCandidates(sentence, query, tokenizer)) {
    let score = linear(model, s.features) + model.weights[s.cross]!;
    if (trees) score += flatTreeScore(trees, writeTreeVector(s, treeVector));
    if (score > bestScore) [best, bestScore] = [s, score];
  }
  return best ? best.text : none;
}
