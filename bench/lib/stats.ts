/** Small statistics helpers shared by eval and bench. */

/** The q-th percentile (0..100) of `values`, nearest-rank; `null` when empty. */
export function percentile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((q / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Median (mean of the two middle values for an even count); `null` when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Retrieval quality over questions that name the passage holding the answer. */
export interface RetrievalScore {
  /** Questions scored. */
  n: number;
  /** Share with the answer passage ranked first. */
  hit1: number | null;
  /** Share with the answer passage in the top three. */
  hit3: number | null;
  /** Mean reciprocal rank (0 when absent from the ranking). */
  mrr: number | null;
}

/** Scores 1-based ranks (`null` = not retrieved). */
export function scoreRanks(ranks: readonly (number | null)[]): RetrievalScore {
  const n = ranks.length;
  if (n === 0) return { n, hit1: null, hit3: null, mrr: null };
  const share = (ok: (r: number) => boolean) => ranks.filter((r) => r !== null && ok(r)).length / n;
  return { n, hit1: share((r) => r === 1), hit3: share((r) => r <= 3), mrr: ranks.reduce<number>((s, r) => s + (r ? 1 / r : 0), 0) / n };
}

/** 1-based rank of `target` among `ids` after dropping repeats, or `null`. */
export function rankOf(ids: readonly string[], target: string): number | null {
  const seen = [...new Set(ids)];
  const i = seen.indexOf(target);
  return i < 0 ? null : i + 1;
}

/** Rounds for reports: keeps JSON and tables readable. */
export const round = (x: number | null, digits = 3): number | null =>
  x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits;
