import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Baseline } from "./baselines.js";
import { percentile, round } from "./stats.js";

export interface Latency {
  /** Calls timed. */
  n: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  mean: number | null;
}

/** One call of the thing measured; `i` cycles through the inputs. */
export type Call = (i: number) => Promise<unknown>;

/** Times `n` sequential calls (after `warmup` untimed ones), in milliseconds. */
export async function measureLatency(call: Call, n: number, warmup = Math.min(50, n)): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await call(i);
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await call(i);
    ms.push(performance.now() - t0);
  }
  return summarize(ms);
}

/** Percentiles and mean of timings in milliseconds. */
export function summarize(ms: readonly number[]): Latency {
  return {
    n: ms.length,
    p50: round(percentile(ms, 50), 4),
    p95: round(percentile(ms, 95), 4),
    p99: round(percentile(ms, 99), 4),
    mean: round(ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length), 4),
  };
}

/** Calls per second with `concurrency` calls in flight, `total` calls in all. */
export async function measureThroughput(call: Call, total: number, concurrency: number): Promise<{ concurrency: number; total: number; perSecond: number }> {
  let next = 0;
  const worker = async () => {
    while (next < total) await call(next++);
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const seconds = (performance.now() - t0) / 1000;
  return { concurrency, total, perSecond: round(total / seconds, 1)! };
}

/** A baseline's build time and search latency, or why it is missing. */
export type BaselineLatency =
  | { name: string; status: "ok"; buildMs: number; latency: Latency; /** baseline p50 ÷ assistant p50 */ ratioP50: number | null }
  | { name: string; status: "unavailable"; reason: string };

/** Times each baseline's `search(query, 5)` over the same queries the assistant was timed on. */
export async function measureBaselines(baselines: Baseline[], queries: string[], n: number, coreP50: number | null): Promise<BaselineLatency[]> {
  const out: BaselineLatency[] = [];
  for (const b of baselines) {
    if (b.status !== "ok") {
      out.push({ name: b.name, status: "unavailable", reason: b.reason });
      continue;
    }
    const latency = await measureLatency((i) => b.retriever.search(queries[i % queries.length]!, 5), n);
    const ratio = coreP50 && latency.p50 !== null ? latency.p50 / coreP50 : null;
    out.push({ name: b.retriever.name, status: "ok", buildMs: round(b.buildMs, 1)!, latency, ratioP50: ratio === null ? null : Number(ratio.toPrecision(3)) });
  }
  return out;
}

/**
 * Memory of this process, in MiB, with its breakdown: the V8 heap (used, and reserved), memory V8 knows
 * outside it (`external`, which includes `arrayBuffers`: Buffers and typed arrays such as the keyword
 * index), and the rest of the RSS (`nativeMiB`): native allocations V8 does not see — the HNSW graph,
 * jieba's dictionary — plus code and allocator slack.
 */
export function memory() {
  const m = process.memoryUsage();
  const mib = (b: number) => round(b / 2 ** 20, 1)!;
  return {
    rssMiB: mib(m.rss),
    heapUsedMiB: mib(m.heapUsed),
    heapTotalMiB: mib(m.heapTotal),
    externalMiB: mib(m.external),
    arrayBuffersMiB: mib(m.arrayBuffers),
    nativeMiB: mib(Math.max(0, m.rss - m.heapTotal - m.external)),
    peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
  };
}

/** Total size of the files under `dir`, in bytes. */
export async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? await dirBytes(p) : (await stat(p)).size;
  }
  return total;
}
