import { cpus, tmpdir, totalmem } from "node:os";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { buildBaselines } from "./baselines.js";
import { ANSWERING, runChild, startChild } from "./child.js";
import { openCore, type EmbedderChoice } from "./core.js";
import { measureBaselines, measureLatency, measureThroughput, memory, type BaselineLatency, type Latency } from "./latency.js";
import type { PeersOptions } from "./peers.js";
import { conversationOf, loadQuestions } from "./questions.js";
import type { ScaleArgs } from "./scale-child.js";
import { median, round } from "./stats.js";
import { writeSyntheticCorpus } from "./synthetic.js";

export interface BenchOptions {
  seedsDir: string;
  embedder?: EmbedderChoice;
  /** Tiny sizes and few iterations, for tests. */
  small?: boolean;
  /** Synthetic corpus sizes (passages); default 1k and 10k (100k with `--full`). */
  sizes?: number[];
  /** Timed asks for warm latency and per throughput level; default 2000 (small: 60). */
  iterations?: number;
  /** How to get the baselines' libraries (installed on demand by default). */
  peers?: PeersOptions;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface ColdStart {
  runs: number;
  /** Median wall time from spawning `node --import tsx` to the first answer. */
  wallMs: number | null;
  /** Median time from the child's process start (its `performance.now()`) to the first answer. */
  inProcessMs: number | null;
  /** Median time from process start to the core's modules loaded (tsx, jieba, hnswlib…). */
  modulesMs: number | null;
  /** Median time from process start to `createAssistant` resolved. */
  readyMs: number | null;
}

export interface ScaleRow {
  size: number;
  passages: number;
  buildMs: number;
  indexBytes: number;
  memory: Record<"before" | "afterBuild" | "afterQueries", ReturnType<typeof memory>>;
  latency: Latency;
  baselines: BaselineLatency[];
}

export interface BenchReport {
  meta: { date: string; node: string; cpus: number; cpuModel: string; memGiB: number; embedder: string; small: boolean; iterations: number };
  warm: {
    passages: number;
    latency: Latency;
    throughput: { concurrency: number; total: number; perSecond: number }[];
    memory: ReturnType<typeof memory>;
    baselines: BaselineLatency[];
  };
  cold: { builtIndex: ColdStart; indexToBuild: ColdStart };
  scale: ScaleRow[];
}

export const DEFAULT_SIZES = [1_000, 10_000];
export const FULL_SIZES = [1_000, 10_000, 100_000];
const SMALL_SIZES = [200, 600];

/**
 * Measures warm latency and throughput through `assistant.ask`, cold start in a child process, and
 * index build, memory and latency on synthetic corpora, with the baselines beside each.
 *
 * @example const report = await runBench({ seedsDir: "seeds", small: true });
 */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const { seedsDir, embedder = "auto", small = false, log = () => {} } = options;
  const peers = { log, ...options.peers };
  const iterations = options.iterations ?? (small ? 60 : 2000);
  const questions = await loadQuestions();
  const queries = questions.map((q) => q.question);

  log(`warm: ${iterations} asks on the seed corpus…`);
  const indexDir = await mkdtemp(join(tmpdir(), "bench-index-"));
  const core = await openCore({ seedsDir, indexDir, embedder });
  const ask = (i: number) => {
    const q = questions[i % questions.length]!;
    return core.assistant.ask(conversationOf(q, "bench"), q.question);
  };
  const latency = await measureLatency(ask, iterations);
  const throughput = [];
  for (const c of [1, 8, 64]) throughput.push(await measureThroughput(ask, iterations, c));
  const warmMemory = memory();
  const baselines = await measureBaselines(await buildBaselines(core.passages, core.embedder, peers), queries, iterations, latency.p50);
  const embedderId = core.embedder.id;
  const passages = core.passages.length;
  const seedTexts = core.passages.map((p) => p.text);
  await core.close();
  await rm(indexDir, { recursive: true, force: true });

  log("cold start: child processes…");
  const cold = await coldStart(seedsDir, embedder, small ? 1 : 3, queries[0]!, !small);

  const scale: ScaleRow[] = [];
  for (const size of options.sizes ?? (small ? SMALL_SIZES : DEFAULT_SIZES)) {
    log(`scale: ${size} passages…`);
    const dir = await mkdtemp(join(tmpdir(), `bench-corpus-${size}-`));
    try {
      await writeSyntheticCorpus(dir, size, seedTexts);
      const args: ScaleArgs = { seedsDir: dir, embedder, queries, iterations: small ? 30 : scaleIterations(size, iterations), peers: { install: peers.install, timeoutMs: peers.timeoutMs } };
      // A roomy heap so the big sizes are measured rather than cut short; the report shows what was used.
      const { result } = await runChild<Omit<ScaleRow, "size">>("scale-child.ts", args, { nodeArgs: ["--max-old-space-size=16384"] });
      scale.push({ size, ...result });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  return {
    meta: {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? "",
      memGiB: round(totalmem() / 2 ** 30, 1)!,
      embedder: embedderId,
      small,
      iterations,
    },
    warm: { passages, latency, throughput, memory: warmMemory, baselines },
    cold,
    scale,
  };
}

/** Fewer timed asks on big corpora, where each takes longer: 500 at 1k, 200 at 10k, 50 at 100k. */
const scaleIterations = (size: number, max: number) => Math.min(max, Math.max(50, Math.round(2_000_000 / size)));

/** Each run: a fresh index folder, started once to build it and once more to load it. */
export async function coldStart(seedsDir: string, embedder: EmbedderChoice, runs: number, question: string, compiled = false) {
  type Child = { modulesMs: number; readyMs: number; firstAnswerMs: number };
  const build: { wall: number; r: Child }[] = [];
  const load: { wall: number; r: Child }[] = [];
  const { script, extra, tsx } = await startChild(compiled);
  for (let i = 0; i < runs; i++) {
    const indexDir = await mkdtemp(join(tmpdir(), "bench-cold-"));
    const args = { seedsDir, indexDir, embedder, question, ...extra };
    try {
      const a = await runChild<Child>(script, args, { tsx, ...ANSWERING });
      build.push({ wall: a.wallMs, r: a.result });
      const b = await runChild<Child>(script, args, { tsx, ...ANSWERING });
      load.push({ wall: b.wallMs, r: b.result });
    } finally {
      await rm(indexDir, { recursive: true, force: true });
    }
  }
  const summary = (xs: typeof build): ColdStart => ({
    runs: xs.length,
    wallMs: round(median(xs.map((x) => x.wall)), 1),
    inProcessMs: round(median(xs.map((x) => x.r.firstAnswerMs)), 1),
    modulesMs: round(median(xs.map((x) => x.r.modulesMs)), 1),
    readyMs: round(median(xs.map((x) => x.r.readyMs)), 1),
  });
  return { builtIndex: summary(load), indexToBuild: summary(build) };
}
