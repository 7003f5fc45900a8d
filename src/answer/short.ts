import type { Tokenizer } from "../text/tokenize.js";
import type { Query } from "./query.js";
import { treeScore } from "./boost.js";
import { spanCandidates, spanTreeVector, type Span } from "./span.js";
import { linear, modelWeights, type SpanModel } from "./weights.js";

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
  let best: Span | undefined;
  let bestScore = -Infinity;
  for (const s of spanCandidates(sentence, query, tokenizer)) {
    let score = linear(model, s.features) + model.weights[s.cross]!;
    if (model.trees?.length) score += treeScore(model.trees, spanTreeVector(s));
    if (score > bestScore) [best, bestScore] = [s, score];
  }
  return best ? best.text : none;
}
