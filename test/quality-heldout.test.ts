import { describe, expect, it } from "vitest";
import { datasetsAvailable } from "../bench/lib/datasets.js";
import { runEval, type EvalReport } from "../bench/lib/eval-run.js";

/**
 * Answer quality on questions and articles nobody on the team wrote: the held-out split of CMRC 2018
 * and DRCD (never used by `npm run train`), open-domain over all the split's passages, with the offline
 * embedder. To stay fast, each set asks a fixed, evenly spread subset of QUESTIONS held-out questions
 * (`npm run eval -- --set cmrc --split heldout --limit 150` reproduces it); the full figures are in README.
 * Floors sit a margin below what commit MEASURED_AT measured on the same subsets.
 */
const QUESTIONS = 150;
const MEASURED_AT = "b780efd";
const FLOORS = {
  // measured: hit@1 98.7%, contains 81.3%, F1 57.3, EM 32.0, declined 2.7%
  cmrc: { hit1: 0.93, contains: 0.76, f1: 50, em: 24, declinedAtMost: 0.09 },
  // measured: hit@1 94.0%, contains 80.7%, F1 59.9, EM 48.0, declined 6.0%
  drcd: { hit1: 0.89, contains: 0.74, f1: 53, em: 40, declinedAtMost: 0.09 },
  // measured (all 156 questions, 33 in English): contains 94.5%, unanswerable declined 96.4%, hit@1 98.4%
  seed: { contains: 0.8, unanswerableDeclined: 0.8, hit1: 0.87 },
  // measured (494 questions about 14 articles written blind, never fitted on): contains 84.0%, unanswerable declined 83.9%, hit@1 89.7%
  fresh: { contains: 0.7, unanswerableDeclined: 0.7, hit1: 0.8 },
};

describe.skipIf(!datasetsAvailable())(`held-out answer quality (floors measured at ${MEASURED_AT})`, () => {
  for (const set of ["cmrc", "drcd"] as const) {
    it(`${set}: first citation, contains-gold, short-answer F1/EM and declines hold their floors`, async () => {
      const report: EvalReport = await runEval({ set, split: "heldout", limit: QUESTIONS, embedder: "hashed", baselines: false });
      const o = report.overall;
      const floor = FLOORS[set];
      expect(report.meta.count).toBe(QUESTIONS);
      expect(o.hit1!).toBeGreaterThanOrEqual(floor.hit1);
      expect(o.contains!).toBeGreaterThanOrEqual(floor.contains);
      expect(o.f1!).toBeGreaterThanOrEqual(floor.f1);
      expect(o.em!).toBeGreaterThanOrEqual(floor.em);
      expect(o.declined!).toBeLessThanOrEqual(floor.declinedAtMost);
    }, 180_000);
  }
});

describe("the project's own articles and questions", () => {
  for (const [set, what] of [
    ["seed", "the seed set, fitted on"],
    ["fresh", "policy articles and questions written blind, never fitted on"],
  ] as const)
    it(`${set} (${what}): answers and declines at least as well as measured`, async () => {
      const report = await runEval({ set, embedder: "hashed", baselines: false });
      const o = report.overall;
      expect(o.contains!).toBeGreaterThanOrEqual(FLOORS[set].contains);
      expect(o.unanswerableDeclined!).toBeGreaterThanOrEqual(FLOORS[set].unanswerableDeclined);
      expect(o.hit1!).toBeGreaterThanOrEqual(FLOORS[set].hit1);
    }, 180_000);
});
