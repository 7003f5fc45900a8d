/** Child process for one corpus size: build the index, measure memory and latency, then the baselines. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBaselines } from "./baselines.js";
import { childArgs, sendResult } from "./child.js";
import { openCore, type EmbedderChoice } from "./core.js";
import { dirBytes, measureBaselines, measureLatency, memory } from "./latency.js";
import type { PeersOptions } from "./peers.js";
import { round } from "./stats.js";

export interface ScaleArgs {
  seedsDir: string;
  embedder: EmbedderChoice;
  /** Questions asked, cycled. */
  queries: string[];
  iterations: number;
  /** Installer settings for the baselines (no log function: it cannot cross the process boundary). */
  peers: Omit<PeersOptions, "log">;
}

const args = childArgs<ScaleArgs>();
const before = memory();
const indexDir = await mkdtemp(join(tmpdir(), "bench-scale-index-"));
const t0 = performance.now();
const core = await openCore({ seedsDir: args.seedsDir, indexDir, embedder: args.embedder });
const buildMs = performance.now() - t0;
const afterBuild = memory();
const indexBytes = await dirBytes(indexDir);
const ask = (i: number) => core.assistant.ask(`scale:${i % 97}`, args.queries[i % args.queries.length]!);
const latency = await measureLatency(ask, args.iterations);
const afterQueries = memory();
const baselines = await measureBaselines(
  await buildBaselines(core.passages, core.embedder, args.peers),
  args.queries,
  args.iterations,
  latency.p50,
);
sendResult({
  passages: core.passages.length,
  embedder: core.embedder.id,
  buildMs: round(buildMs, 1),
  indexBytes,
  memory: { before, afterBuild, afterQueries },
  latency,
  baselines,
});
await core.close();
await rm(indexDir, { recursive: true, force: true });
