import type { Tokenizer } from "../text/tokenize.js";
import type { Query } from "./query.js";
import { flatTrees, flatTreeScores } from "./boost.js";
import { SPAN_TREE_DIM, spanCandidates, writeTreeVector, type Span } from "./span.js";
import { linear, modelWeights, type SpanModel } from "./weights.js";

/** Scratch: the candidates' `spanTreeVector`s end to end, and their tree scores. */
let treeVectors = new Float64Array(0);
let treeScores = new Float64Array(0);

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
  const spans = spanCandidates(sentence, query, tokenizer);
  const trees = model.trees?.length ? flatTrees(model.trees) : undefined;
  // The trees score all the candidates at once (src/answer/boost.ts).
  if (trees) {
    if (treeScores.length < spans.length) (treeScores = new Float64Array(2 * spans.length)), (treeVectors = new Float64Array(2 * spans.length * SPAN_TREE_DIM));
    for (let c = 0; c < spans.length; c++) writeTreeVector(spans[c]!, treeVectors, c * SPAN_TREE_DIM);
    flatTreeScores(trees, treeVectors, SPAN_TREE_DIM, spans.length, treeScores);
  }
  let best: Span | undefined;
  let bestScore = -Infinity;
  for (let c = 0; c < spans.length; c++) {
    const s = spans[c]!;
    let score = linear(model, s.features) + model.weights[s.cross]!;
    if (trees) score += treeScores[c]!;
    if (score > bestScore) [best, bestScore] = [s, score];
  }
  return best ? best.text : none;
}
