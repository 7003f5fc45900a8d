/**
 * Fits `SpanShapes` (src/answer/span.ts): for each side (`SHAPE_SIDES`), each answer kind and each character a
 * candidate span has there, the log lift of the rate at which such candidates are the gold span over the kind's
 * rate for all its candidates — the rate shrunk towards the kind's by a prior worth `prior` candidates, so a
 * character seen rarely lifts nothing. Lifts smaller than `least` are left out (read as 0).
 */
import { SHAPE_SIDES, type SpanShapes } from "../src/answer/span.js";
import type { AnswerKind } from "../src/lang/zh/index.js";

export interface ShapeGroup {
  kind: AnswerKind;
  /** Each candidate's keys (`shapeKeys`, in `SHAPE_SIDES` order) and its F1 with the gold (1: the gold span). */
  keys: readonly (readonly string[])[];
  f1: readonly number[];
}

export function fitShapes(groups: readonly ShapeGroup[], prior = 20, least = 0.2): SpanShapes {
  const byKind = new Map<AnswerKind, ShapeGroup[]>();
  for (const g of groups) {
    const of = byKind.get(g.kind);
    if (of) of.push(g);
    else byKind.set(g.kind, [g]);
  }
  const side = (i: number) => {
    const out: Partial<Record<AnswerKind, Record<string, number>>> = {};
    for (const [kind, of] of byKind) {
      const seen = new Map<string, number>();
      const gold = new Map<string, number>();
      let all = 0;
      let golds = 0;
      for (const g of of)
        g.keys.forEach((keys, k) => {
          const key = keys[i]!;
          const hit = g.f1[k]! >= 0.999 ? 1 : 0;
          seen.set(key, (seen.get(key) ?? 0) + 1);
          gold.set(key, (gold.get(key) ?? 0) + hit);
          all++;
          golds += hit;
        });
      if (golds === 0) continue;
      const base = golds / all;
      const table: Record<string, number> = {};
      for (const [key, n] of [...seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const lift = Math.round(10 * Math.log((gold.get(key)! + prior * base) / (n + prior) / base)) / 10;
        if (Math.abs(lift) >= least) table[key] = lift;
      }
      out[kind] = table;
    }
    return out;
  };
  return Object.fromEntries(SHAPE_SIDES.map((name, i) => [name, side(i)]));
}
