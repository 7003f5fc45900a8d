import { z } from "zod";
import { WEIGHTS } from "../answer/weights-data.js";
import { HAND_FUSION, SIGNALS, type FusionWeights, type Signal } from "./fusion.js";

const fusionSchema = z.object({
  /** How they were fitted: command, split, seed, sets, commit, training figures. */
  trainedOn: z.record(z.string(), z.unknown()),
  k: z.number().positive(),
  signals: z.array(z.string()),
  weights: z.array(z.number().min(0)),
});
export type FittedFusion = z.infer<typeof fusionSchema>;

/**
 * The fusion weights `npm run train` wrote (`retrieval` in src/answer/weights-data.ts), or `HAND_FUSION` when
 * the file has none. Throws when its signal names are not the code's, so stale weights never pair silently.
 */
export function checkFusion(data: unknown = WEIGHTS): FusionWeights {
  const raw = (data as { retrieval?: unknown } | undefined)?.retrieval;
  if (raw === undefined) return HAND_FUSION;
  const f = fusionSchema.parse(raw);
  if (f.signals.join() !== SIGNALS.join() || f.weights.length !== SIGNALS.length)
    throw new Error("src/answer/weights-data.ts: retrieval signals differ from the code's (src/retrieval/fusion.ts); run npm run train");
  return { k: f.k, weights: Object.fromEntries(SIGNALS.map((s, i) => [s, f.weights[i]!])) as Record<Signal, number> };
}

let loaded: FusionWeights | undefined;
/** The committed fusion weights, checked once. */
export const fusionWeights = (): FusionWeights => (loaded ??= checkFusion());
