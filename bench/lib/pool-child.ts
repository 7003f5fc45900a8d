/**
 * Child process for throughput on a built index: answers per second from one thread, or from a pool
 * of worker threads, each with its own assistant on the same index folder, the questions dealt out
 * in turn. Every worker warms up on questions that are not timed; each timed question is asked once.
 */
import { readFile } from "node:fs/promises";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { childArgs, sendResult } from "./child.js";
import { startAssistant, type EmbedderChoice } from "./core.js";
import { memory } from "./latency.js";
import type { RealCorpusPlan } from "./real-corpus.js";
import { round } from "./stats.js";

export interface PoolArgs {
  seedsDir: string;
  indexDir: string;
  embedder: EmbedderChoice;
  planFile: string;
  /** 1: the main thread alone; more: that many worker threads. */
  workers: number;
  /** Timed questions in all. */
  count: number;
}

export interface PoolResult {
  workers: number;
  answers: number;
  /** Questions whose `ask` threw (counted in `answers`: the time was spent). */
  errors: number;
  seconds: number;
  perSecond: number;
  /** Time until every worker's assistant was ready. */
  startMs: number;
  /** RSS of the whole process (all workers) after the run. */
  rssMiB: number;
}

interface WorkerInput {
  args: PoolArgs;
  questions: string[];
  warmup: string[];
}

/** Answers `questions` after the warm-up; resolves to how many threw (a throw does not stop the run). */
async function serve({ args, questions, warmup }: WorkerInput, ready: () => Promise<void>): Promise<number> {
  const core = await startAssistant({ seedsDir: args.seedsDir, indexDir: args.indexDir, embedder: args.embedder });
  let errors = 0;
  const ask = (c: string, q: string) => core.assistant.ask(c, q).catch(() => void errors++);
  for (const [i, q] of warmup.entries()) await ask(`warm:${i}`, q);
  await ready();
  for (const [i, q] of questions.entries()) await ask(`pool:${i}`, q);
  await core.close();
  return errors;
}

if (isMainThread) {
  const args = childArgs<PoolArgs>();
  const plan = JSON.parse(await readFile(args.planFile, "utf8")) as RealCorpusPlan;
  const timed = plan.timed.slice(0, args.count).map((q) => q.question);
  const warmup = plan.warmup.map((q) => q.question);
  const t0 = performance.now();
  let go = 0;
  let errors = 0;
  if (args.workers <= 1) {
    errors = await serve({ args, questions: timed, warmup }, async () => void (go = performance.now()));
  } else {
    // Workers run TypeScript through tsx's loader, registered inside each worker.
    const boot = `import("tsx/esm/api").then((api) => { api.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const workers = Array.from({ length: args.workers }, (_, w) => {
      const share = timed.filter((_, i) => i % args.workers === w);
      return new Worker(boot, { eval: true, workerData: { args, questions: share, warmup } satisfies WorkerInput });
    });
    const message = (w: Worker, type: string) =>
      new Promise<{ type: string; n?: number }>((resolve, reject) => {
        const on = (m: { type: string; n?: number }) => {
          if (m.type !== type) return;
          w.off("message", on);
          resolve(m);
        };
        w.on("message", on);
        w.once("error", reject);
      });
    await Promise.all(workers.map((w) => message(w, "ready")));
    go = performance.now();
    const done = workers.map((w) => message(w, "done"));
    for (const w of workers) w.postMessage("go");
    errors = (await Promise.all(done)).reduce((s, m) => s + (m.n ?? 0), 0);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const seconds = (performance.now() - go) / 1000;
  const answers = timed.length;
  sendResult({
    workers: Math.max(1, args.workers),
    answers,
    errors,
    seconds: round(seconds)!,
    perSecond: round(answers / seconds, 1)!,
    startMs: round(go - t0, 1)!,
    rssMiB: memory().peakRssMiB,
  } satisfies PoolResult);
} else {
  const port = parentPort!;
  const errors = await serve(workerData as WorkerInput, () => {
    port.postMessage({ type: "ready" });
    return new Promise((resolve) => port.once("message", () => resolve()));
  });
  port.postMessage({ type: "done", n: errors });
}
