/** Paths in `value` holding a number that is not finite (NaN, ±Infinity); empty when all are. */
export function nonFinite(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
  return [];
}

/** A baseline row is either measured or explicitly unavailable with a reason. */
export function isBaselineRow(row: { name?: unknown; status?: unknown; reason?: unknown }, measuredKey: string): boolean {
  if (typeof row.name !== "string") return false;
  if (row.status === "unavailable") return typeof row.reason === "string" && row.reason.length > 0;
  return row.status === "ok" && measuredKey in row;
}

/** Peers install settings for tests: bounded, so an offline machine marks baselines unavailable instead of hanging. */
export const testPeers = { install: process.env.BENCH_PEERS !== "off", timeoutMs: 40_000, log: () => {} };
