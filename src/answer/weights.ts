import { z } from "zod";
import { SPAN_FEATURES } from "./span.js";
import { WEIGHTS } from "./weights-data.js";

/** A linear model over named features: score = Σ weight × feature. */
export interface LinearModel {
  features: readonly string[];
  weights: number[];
}

const modelSchema = z.object({ features: z.array(z.string()), weights: z.array(z.number()) });
const fileSchema = z.object({
  /** How the file was made: command, split, seed, sets, commit, date. */
  trainedOn: z.record(z.string(), z.unknown()),
  span: modelSchema,
});
export type Weights = z.infer<typeof fileSchema>;

/** Where `npm run train` writes the fitted weights (committed). */
export const WEIGHTS_FILE = new URL("./weights-data.ts", import.meta.url);

/**
 * Checks fitted weights (by default the committed ones): their feature names must be the code's, in the
 * same order, so a changed feature list cannot silently pair with stale weights.
 */
export function checkWeights(data: unknown = WEIGHTS): Weights {
  const w = fileSchema.parse(data);
  if (w.span.features.join() !== SPAN_FEATURES.join() || w.span.weights.length !== SPAN_FEATURES.length)
    throw new Error("src/answer/weights-data.ts: span features differ from the code's; run npm run train");
  return w;
}

/** Σ weight × feature. */
export function linear(model: LinearModel, features: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < features.length; i++) s += model.weights[i]! * features[i]!;
  return s;
}
