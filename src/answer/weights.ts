import { z } from "zod";
import type { Tree } from "./boost.js";
import { SENTENCE_FEATURES } from "./features.js";
import { SHAPE_SIDES, SPAN_FEATURES, SPAN_TREE_DIM, type SpanShapes } from "./span.js";
import { WEIGHTS } from "./weights-data.js";

/** A linear model over named features: score = Σ weight × feature. */
export interface LinearModel {
  features: readonly string[];
  weights: number[];
}

/** The span model: linear, plus boosted trees over `spanTreeVector` (src/answer/boost.ts) when fitted, and its `SpanShapes`. */
export interface SpanModel extends LinearModel {
  trees?: Tree[];
  shapes?: SpanShapes;
}

const modelSchema = z.object({ features: z.array(z.string()), weights: z.array(z.number()) });
const treeSchema = z.object({ features: z.array(z.number().int().min(0)), thresholds: z.array(z.number()), leaves: z.array(z.number()) });
const shapeTable = z.record(z.string(), z.record(z.string(), z.number()));
const fileSchema = z.object({
  /** How the file was made: command, split, seed, sets, commit, date, training figures. */
  trainedOn: z.record(z.string(), z.unknown()),
  span: modelSchema.extend({ trees: z.array(treeSchema).optional(), shapes: z.partialRecord(z.enum(SHAPE_SIDES), shapeTable).optional() }),
  sentence: modelSchema.extend({ rerank: z.object({ support: z.number().min(0), within: z.number().min(0) }).optional() }).optional(),
  /** Decline below this confidence (fitted: see scripts/train.ts). */
  minConfidence: z.number().min(0).max(1).optional(),
});
/**
 * The sentence model: linear, and how its best few are re-ranked (src/answer/answer.ts; absent: not at all) — by
 * score + `support` × span support (src/answer/short.ts `SpanReading`), the ones scored within `within` of the best.
 */
export interface SentenceModel extends LinearModel {
  rerank?: { support: number; within: number };
}
export type Weights = Omit<z.infer<typeof fileSchema>, "span" | "sentence"> & { span: SpanModel; sentence: SentenceModel };

/** Before any training: the sentence ranking the project used by hand (coverage first). */
const HAND_SENTENCE: Record<string, number> = { coverage: 3.5, passageCoverage: 2, keyword: 1, passage: 1, similarity: 1, fit: 1.5, phrase: 1 };

function check<M extends LinearModel>(model: M, names: readonly string[], what: string, treeDim = 0): M {
  if (model.features.join() !== names.join() || model.weights.length !== names.length)
    throw new Error(`src/answer/weights-data.ts: ${what} features differ from the code's; run npm run train`);
  const trees = (model as SpanModel).trees ?? [];
  if (trees.some((t) => t.leaves.length !== 1 << t.features.length || t.thresholds.length !== t.features.length || t.features.some((f) => f >= treeDim)))
    throw new Error(`src/answer/weights-data.ts: ${what} trees do not fit the code's features; run npm run train`);
  return model;
}

/**
 * Checks fitted weights (by default the committed ones): their feature names must be the code's, in the
 * same order, so a changed feature list cannot silently pair with stale weights.
 */
export function checkWeights(data: unknown = WEIGHTS): Weights {
  const w = fileSchema.parse(data);
  return {
    ...w,
    span: check(w.span, SPAN_FEATURES, "span", SPAN_TREE_DIM),
    sentence: w.sentence
      ? check(w.sentence, SENTENCE_FEATURES, "sentence")
      : { features: [...SENTENCE_FEATURES], weights: SENTENCE_FEATURES.map((f) => HAND_SENTENCE[f] ?? 0) },
  };
}

let loaded: Weights | undefined;
/** The committed weights, checked once. */
export const modelWeights = (): Weights => (loaded ??= checkWeights());

/** Σ weight × feature. */
export function linear(model: LinearModel, features: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < features.length; i++) s += model.weights[i]! * features[i]!;
  return s;
}
