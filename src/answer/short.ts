import type { Tokenizer } from "../text/tokenize.js";
import type { Query } from "./query.js";
import { spanCandidates, type Span } from "./span.js";
import { linear, modelWeights, type LinearModel } from "./weights.js";

/**
 * The short answer: the candidate span of the answering sentence that the fitted span model scores
 * highest (a figure with its unit, a date, a name, a list, a clause), as the sentence writes it.
 */
export function shortAnswer(
  sentence: string,
  query: Query,
  tokenizer: Tokenizer,
  model: LinearModel = modelWeights().span,
  /** What to return when the sentence has no candidate span; default: the sentence itself. */
  none: string = sentence.trim(),
): string {
  let best: Span | undefined;
  let bestScore = -Infinity;
  for (const s of spanCandidates(sentence, query, tokenizer)) {
    const score = linear(model, s.features) + model.weights[s.cross]!;
    if (score > bestScore) [best, bestScore] = [s, score];
  }
  return best ? best.text : none;
}
