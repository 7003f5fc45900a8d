import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { loadCorpus } from "../../src/index.js";
import type { BaselineName } from "./baselines.js";
import { coldStart, type ColdStart } from "./bench-run.js";
import { ANSWERING, runChild, startChild } from "./child.js";
import type { EmbedderChoice } from "./core.js";
import { writeMixedFolder, type IngestFolder } from "./ingest.js";
import type { IngestArgs, IngestResult } from "./ingest-child.js";
import type { LiveArgs, LiveResult } from "./live-child.js";
import type { PeersOptions } from "./peers.js";
import type { PoolArgs, PoolResult } from "./pool-child.js";
import type { RealAnswerResult, RealArgs } from "./real-child.js";
import type { RealBuildArgs, RealBuildResult } from "./real-build-child.js";
import { writeRealCorpus, type RealCorpusPlan } from "./real-corpus.js";
import { loadQuestions } from "./questions.js";
import { median, round } from "./stats.js";

export const REAL_SIZES = [1_000, 10_000, 100_000];
const SMALL_REAL_SIZES = [60, 150];
export const REAL_BASELINES: BaselineName[] = ["MiniSearch + jieba", "Orama (Mandarin tokenizer)"];

export interface RealOptions {
  /** The seed corpus: the start-up ratio is measured against it. */
  seedsDir: string;
  embedder?: EmbedderChoice;
  /** Passages per corpus; default 1k, 10k, 100k (small: 60, 150). */
  sizes?: number[];
  /** Tiny sizes and counts, for tests. */
  small?: boolean;
  /** Timed questions per size; default 2,000 (10,000 from 100k passages on, so memory is seen after 10,000). */
  timed?: number;
  /** Timed questions hit@1 is compared on (assistant and baselines alike); default 1,000. */
  hitSample?: number;
  /** Worker threads in the pool measured beside one thread (default 2, one per core here). */
  poolWorkers?: number;
  /** Largest size the pool is measured at (default 10,000: each worker holds its own index). */
  poolMaxSize?: number;
  /** Called with each size's row as soon as it is measured (a long run keeps what it has). */
  onRow?: (row: RealRow) => void | Promise<void>;
  /** Files in the ingestion folder (default 10,000; small: 30; 0 skips the ingestion bench). */
  ingestFiles?: number;
  peers?: PeersOptions;
  log?: (line: string) => void;
}

export interface RealCold extends ColdStart {
  /** Median RSS of the child after its first answer. */
  rssMiB: number | null;
}

/** One size's build and timed questions: memory after the build (its own process) beside the answering process's. */
export type RealChildResult = Omit<RealAnswerResult, "memory"> &
  Omit<RealBuildResult, "memory"> & { memory: RealAnswerResult["memory"] & Pick<RealBuildResult["memory"], "afterBuild"> };

/**
 * Builds the index in a process of its own when `build` (as a first start does), then starts a fresh process
 * on the built index that times the questions (as a server runs after every restart): the timings do not
 * depend on what the build left in the process.
 */
export async function runReal(args: RealArgs, { build, timeoutMs }: { build: boolean; timeoutMs: number }): Promise<{ build: RealBuildResult | null; answer: RealAnswerResult }> {
  const flags = { nodeArgs: ["--max-old-space-size=16384", ...ANSWERING.nodeArgs], env: ANSWERING.env, timeoutMs };
  const buildArgs: RealBuildArgs = { seedsDir: args.seedsDir, indexDir: args.indexDir, embedder: args.embedder, entry: args.entry };
  const built = build ? (await runChild<RealBuildResult>("real-build-child.ts", buildArgs, flags)).result : null;
  return { build: built, answer: (await runChild<RealAnswerResult>("real-child.ts", args, flags)).result };
}

export interface RealRow {
  size: number;
  corpus: Omit<RealCorpusPlan, "warmup" | "timed"> & { warmup: number; timed: number };
  run: RealChildResult;
  /** Start with the index already built: child processes, spawn to first answer (`null`: failed, see `failures`). */
  cold: RealCold | null;
  /** Answers per second: one thread, then the pool (empty above `poolMaxSize`). */
  throughput: PoolResult[];
  /** One article added to the running assistant's folder: time until an answer cites it (`null`: failed). */
  live: LiveResult | null;
}

export interface IngestReport {
  folder: IngestFolder;
  result: IngestResult;
  /** Files read and parsed per second (`loadCorpus`). */
  readFilesPerSecond: number;
  /** Files per second through a first start: read, parse, embed, index. */
  buildFilesPerSecond: number;
  /** Peak RSS of the process (read then build), MiB. */
  peakRssMiB: number;
}

export interface RealReport {
  meta: { date: string; node: string; cpus: number; cpuModel: string; memGiB: number; embedder: string; small: boolean };
  /** The seed corpus started the same way, in the same run. */
  seed: { passages: number; cold: { builtIndex: ColdStart; indexToBuild: ColdStart } };
  rows: RealRow[];
  /** Issue 9: a generated folder of mixed formats read and indexed (`null` if skipped or failed). */
  ingest: IngestReport | null;
  /** Stages that failed, with the error (their figures are missing from the report). */
  failures: { stage: string; error: string }[];
  /** Issue 14: a 10,000-passage folder starts (index built) within 3× the seed-only start. */
  acceptance: { size: number; startMs: number | null; seedStartMs: number | null; ratio: number | null; limit: 3; met: boolean } | null;
}

/**
 * The real-text bench: for each size a corpus of CMRC/DRCD passages (copied and perturbed past the
 * sets' 1,256), a child process that builds the index and times unseen questions beside MiniSearch +
 * jieba and Orama, cold starts on the built index, and throughput from one thread and from a pool.
 *
 * @example const report = await runRealBench({ seedsDir: "seeds", sizes: [1000] });
 */
export async function runRealBench(options: RealOptions): Promise<RealReport> {
  const { seedsDir, embedder = "hashed", small = false, log = () => {} } = options;
  const sizes = options.sizes ?? (small ? SMALL_REAL_SIZES : REAL_SIZES);
  const peers = { install: options.peers?.install ?? true, timeoutMs: options.peers?.timeoutMs };
  const poolWorkers = options.poolWorkers ?? 2;
  const poolMaxSize = options.poolMaxSize ?? (small ? Infinity : 10_000);
  const seedQuestion = (await loadQuestions())[0]!.question;

  log("real: seed corpus cold start…");
  const seedCold = await coldStart(seedsDir, embedder, small ? 1 : 3, seedQuestion, !small);
  const rows: RealRow[] = [];
  const failures: RealReport["failures"] = [];
  // A stage that fails (a crash in the core, say) is reported with its error; the others still run.
  const attempt = async <T>(stage: string, f: () => Promise<T>): Promise<T | null> => {
    try {
      return await f();
    } catch (e) {
      log(`${stage}: FAILED: ${(e as Error).message}`);
      failures.push({ stage, error: (e as Error).message });
      return null;
    }
  };
  for (const size of sizes) {
    const row = await attempt(`real ${size}`, () => measureSize(size, { ...options, embedder, small, peers, poolWorkers, poolMaxSize }, attempt));
    if (row) {
      rows.push(row);
      await options.onRow?.(row);
    }
  }

  const ingestFiles = options.ingestFiles ?? (small ? 30 : 10_000);
  const ingest = ingestFiles > 0 ? await attempt("ingest", () => ingestBench(ingestFiles, embedder, log)) : null;
  const embedderId = rows[0]?.run.embedder ?? embedder;
  const ten = rows.find((r) => r.size === 10_000) ?? rows.at(-1);
  const tenStart = ten?.cold?.wallMs ?? null;
  const ratio = tenStart !== null && seedCold.builtIndex.wallMs ? tenStart / seedCold.builtIndex.wallMs : null;
  return {
    meta: {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? "",
      memGiB: round(totalmem() / 2 ** 30, 1)!,
      embedder: embedderId,
      small,
    },
    seed: { passages: (await loadCorpus(seedsDir)).passages.length, cold: seedCold },
    rows,
    ingest,
    failures,
    acceptance: ten
      ? { size: ten.size, startMs: tenStart, seedStartMs: seedCold.builtIndex.wallMs, ratio: round(ratio, 2), limit: 3, met: ratio !== null && ratio <= 3 }
      : null,
  };
}

/** One corpus size: write it, build and time it (child), start on the built index, throughput, a live update. */
async function measureSize(
  size: number,
  o: RealOptions & Required<Pick<RealOptions, "embedder" | "small" | "poolWorkers" | "poolMaxSize">> & { peers: Omit<PeersOptions, "log"> },
  attempt: <T>(stage: string, f: () => Promise<T>) => Promise<T | null>,
): Promise<RealRow> {
  const { embedder, small, peers, poolWorkers, poolMaxSize, log = () => {} } = o;
  const work = await mkdtemp(join(tmpdir(), `bench-real-${size}-`));
  try {
    const seeds = join(work, "seeds");
    const indexDir = join(work, "index");
    const timed = o.timed ?? (small ? 24 : size >= 100_000 ? 10_000 : 2_000);
    const counts = { warmup: small ? 6 : 200, timed };
    log(`real ${size}: writing the corpus…`);
    const plan = await writeRealCorpus(seeds, size, counts);
    const planFile = join(work, "plan.json");
    await writeFile(planFile, JSON.stringify(plan));
    log(`real ${size}: building the index; on it, ${plan.warmup.length} warm-up and ${plan.timed.length} timed questions, baselines…`);
    // Answers are timed on the compiled code, as `npm start` runs it (the sources under tsx for the small runs of the tests).
    const { extra } = await startChild(!small);
    const args: RealArgs = { seedsDir: seeds, indexDir, embedder, planFile, hitSample: small ? timed : (o.hitSample ?? 1_000), baselines: REAL_BASELINES, peers, entry: extra.entry };
    // A 100k build plus its questions and the peers' builds takes hours on 2 cores: the child's time limit grows with the size.
    const timeoutMs = Math.max(30, size / 100) * 60_000;
    const { build, answer } = await runReal(args, { build: true, timeoutMs });
    const run: RealChildResult = { ...answer, ...build!, memory: { ...answer.memory, afterBuild: build!.memory.afterBuild } };
    const peerLine = run.baselines.map((b) => (b.status === "ok" ? `${b.name} build ${(b.buildMs / 1000).toFixed(1)} s, p50 ${b.latency.p50} ms, hit@1 ${b.retrieval.hit1}` : `${b.name} unavailable`));
    log(`real ${size}: build ${(run.buildMs / 1000).toFixed(1)} s, ask p50/p99 ${run.latency.p50}/${run.latency.p99} ms, RSS ${run.memory.afterBuild.rssMiB}/${run.memory.afterQueries.rssMiB} MiB, hit@1 ${run.retrievalSample.hit1}; ${peerLine.join("; ")}`);
    log(`real ${size}: start with the built index…`);
    // From here on a failing stage loses only its own figures.
    const cold = await attempt(`real ${size} start`, () => coldRuns(seeds, indexDir, embedder, plan.timed.map((q) => q.question), small || size >= 100_000 ? 1 : 3, !small));
    const throughput: PoolResult[] = [];
    if (size <= poolMaxSize) {
      for (const workers of [1, poolWorkers]) {
        log(`real ${size}: throughput, ${workers === 1 ? "one thread" : `pool of ${workers}`}…`);
        const poolArgs: PoolArgs = { seedsDir: seeds, indexDir, embedder, planFile, workers, count: small ? 12 : 1_000 };
        const pool = await attempt(`real ${size} throughput ×${workers}`, () => runChild<PoolResult>("pool-child.ts", poolArgs, { nodeArgs: ["--max-old-space-size=16384"] }));
        if (pool) throughput.push(pool.result);
      }
    }
    log(`real ${size}: one live update…`);
    const liveArgs: LiveArgs = { seedsDir: seeds, indexDir, embedder, timeoutMs: small ? 5_000 : 30_000 };
    const live = (await attempt(`real ${size} live update`, () => runChild<LiveResult>("live-child.ts", liveArgs, { nodeArgs: ["--max-old-space-size=16384"] })))?.result ?? null;
    const { warmup: w, timed: t, ...corpus } = plan;
    return { size, corpus: { ...corpus, warmup: w.length, timed: t.length }, run, cold, throughput, live };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Writes a mixed-format folder and measures reading it and a first start's build over it. */
async function ingestBench(files: number, embedder: EmbedderChoice, log: (line: string) => void): Promise<IngestReport> {
  const work = await mkdtemp(join(tmpdir(), "bench-ingest-"));
  try {
    const seedsDir = join(work, "seeds");
    await mkdir(seedsDir);
    log(`ingest: writing ${files} files of mixed formats…`);
    const folder = await writeMixedFolder(seedsDir, files);
    log(`ingest: reading and indexing them…`);
    const args: IngestArgs = { seedsDir, indexDir: join(work, "index"), embedder };
    const { result } = await runChild<IngestResult>("ingest-child.ts", args, { nodeArgs: ["--max-old-space-size=16384"] });
    return {
      folder,
      result,
      readFilesPerSecond: round(files / (result.readMs / 1000), 1)!,
      buildFilesPerSecond: round(files / (result.buildMs / 1000), 1)!,
      peakRssMiB: result.afterBuild.peakRssMiB,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Starts on the built index `runs` times, each child asking a different question first. */
async function coldRuns(seedsDir: string, indexDir: string, embedder: EmbedderChoice, questions: string[], runs: number, compiled: boolean): Promise<RealCold> {
  type Child = { modulesMs: number; readyMs: number; firstAnswerMs: number; rssMiB: number };
  const xs: { wall: number; r: Child }[] = [];
  const { script, extra, tsx } = await startChild(compiled);
  for (let i = 0; i < runs; i++) {
    const { wallMs, result } = await runChild<Child>(script, { seedsDir, indexDir, embedder, question: questions[i % questions.length]!, ...extra }, { nodeArgs: ["--max-old-space-size=16384", ...ANSWERING.nodeArgs], env: ANSWERING.env, tsx });
    xs.push({ wall: wallMs, r: result });
  }
  const med = (f: (x: (typeof xs)[number]) => number) => round(median(xs.map(f)), 1);
  return {
    runs,
    wallMs: med((x) => x.wall),
    inProcessMs: med((x) => x.r.firstAnswerMs),
    modulesMs: med((x) => x.r.modulesMs),
    readyMs: med((x) => x.r.readyMs),
    rssMiB: med((x) => x.r.rssMiB),
  };
}
