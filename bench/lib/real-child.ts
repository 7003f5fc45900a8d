/**
 * Child process for one real-text corpus size, started on the index `real-build-child.ts` built (as a server
 * runs after every restart): start (timed, memory), warm up on questions that are never timed, time every
 * other question once (latency and where the gold article ranks in the reply's citations), then build the
 * baselines over the same passages and ask them the same questions. The assistant is closed before the
 * baselines are built, so its memory figures are its own.
 */
import { readFile } from "node:fs/promises";
import { loadCorpus } from "../../src/index.js";
import type { BaselineName } from "./baselines.js";
import { childArgs, sendResult } from "./child.js";
import { timedStart, type EmbedderChoice } from "./core.js";
import { memory, summarize, type Latency } from "./latency.js";
import type { PeersOptions } from "./peers.js";
import type { RealCorpusPlan } from "./real-corpus.js";
import { askBaselines, rounded, type RealBaseline } from "./peer-run.js";
import { rankOf, round, scoreRanks, type RetrievalScore } from "./stats.js";

export interface RealArgs {
  seedsDir: string;
  /** The built index (`real-build-child.ts`). */
  indexDir: string;
  embedder: EmbedderChoice;
  /** JSON file holding the `RealCorpusPlan` (questions do not fit on a command line). */
  planFile: string;
  /** Questions (the first timed ones) that hit@1 is compared on, for the assistant and the baselines. */
  hitSample: number;
  baselines: BaselineName[];
  peers: Omit<PeersOptions, "log">;
  /** The core's entry module the assistant runs from (the compiled dist/src/index.js, as `npm start` runs); the sources when absent. */
  entry?: string;
}

export type { RealBaseline };

export interface RealAnswerResult {
  passages: number;
  embedder: string;
  /** Creating the assistant on the built index (loading it), in this process. */
  startMs: number;
  memory: Record<"before" | "afterStart" | "afterQueries", ReturnType<typeof memory>>;
  warmup: number;
  /** Every timed question (each asked once, none seen before). */
  latency: Latency;
  /** Share of timed questions answered (not declined). */
  answeredShare: number;
  /** Questions (warm-up or timed) whose `ask` threw, and the first error. */
  errors: { count: number; first: string | null };
  /** Gold article's rank in the citations, over all timed questions. */
  retrieval: RetrievalScore;
  /** The same over the first `hitSample` timed questions: the comparison with the baselines. */
  retrievalSample: RetrievalScore;
  baselines: RealBaseline[];
}

const args = childArgs<RealArgs>();
const plan = JSON.parse(await readFile(args.planFile, "utf8")) as RealCorpusPlan;
const before = memory();
const { core, ms: startMs } = await timedStart({ seedsDir: args.seedsDir, indexDir: args.indexDir, embedder: args.embedder, entry: args.entry });
const afterStart = memory();

// A question that throws is counted (with the first error) and scored as a miss; the run goes on.
const errors = { count: 0, first: null as string | null };
const ask = async (conversation: string, question: string) => {
  try {
    return await core.assistant.ask(conversation, question);
  } catch (e) {
    errors.count++;
    errors.first ??= `${question}: ${(e as Error).stack?.split("\n").slice(0, 3).join(" ") ?? e}`;
    return null;
  }
};
for (const [i, q] of plan.warmup.entries()) await ask(`warm:${i}`, q.question);
const ms: number[] = [];
const ranks: (number | null)[] = [];
let answered = 0;
for (const [i, q] of plan.timed.entries()) {
  const t = performance.now();
  const reply = await ask(`real:${i}`, q.question);
  ms.push(performance.now() - t);
  ranks.push(reply && rankOf(reply.citations.map((c) => c.doc), q.doc));
  if (reply && !reply.abstained) answered++;
}
const afterQueries = memory();
const embedder = core.embedder;
await core.close();

const sample = plan.timed.slice(0, args.hitSample);
const { passages } = await loadCorpus(args.seedsDir);
const baselines = await askBaselines(passages, embedder, args.peers, args.baselines, sample);

sendResult({
  passages: passages.length,
  embedder: embedder.id,
  startMs: round(startMs, 1)!,
  memory: { before, afterStart, afterQueries },
  warmup: plan.warmup.length,
  latency: summarize(ms),
  answeredShare: round(answered / Math.max(1, plan.timed.length))!,
  errors,
  retrieval: rounded(scoreRanks(ranks)),
  retrievalSample: rounded(scoreRanks(ranks.slice(0, sample.length))),
  baselines,
} satisfies RealAnswerResult);
