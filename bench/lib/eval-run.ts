import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import type { Reply } from "../../src/types.js";
import { ALL_BASELINES, buildBaselines, type Baseline } from "./baselines.js";
import { openCore, type EmbedderChoice } from "./core.js";
import { cmrcScore, type Split } from "./datasets.js";
import { prepareSet, type EvalItem, type EvalSet, type FoldChoice } from "./eval-sets.js";
import type { PeersOptions } from "./peers.js";
import type { Outcome } from "./questions.js";
import { median, percentile, rankOf, round, scoreRanks, type RetrievalScore } from "./stats.js";

export interface EvalOptions {
  set?: EvalSet;
  split?: Split;
  /** Ask at most this many questions (an even spread over the set). */
  limit?: number;
  /** Only the questions of one fold of the articles (a dev fold of the train split). */
  fold?: FoldChoice;
  embedder?: EmbedderChoice;
  modelsDir?: string;
  /** Passed to the peers installer (tests may turn installing off). */
  peers?: PeersOptions;
  /** Skip the baselines (faster runs while tuning). */
  baselines?: boolean;
}

/** Answer quality for a group of questions (one kind, or all). */
export interface QualityRow extends Record<Outcome, number>, RetrievalScore {
  total: number;
  /** answeredCorrectly + declinedCorrectly, over total. */
  correctShare: number;
  /** Official CMRC 2018 EM and F1 (0..100) of `short` over the answerable questions (a decline scores 0). */
  em: number | null;
  f1: number | null;
  /** Share of answerable questions whose answer text holds the gold (all of `required`, one of `anyOf`). */
  contains: number | null;
  /** Share of answerable questions declined. */
  declined: number | null;
  /** Share of unanswerable questions declined. */
  unanswerableDeclined: number | null;
  /** Median characters of `reply.text` and of `reply.short` over the replies that answered. */
  medianAnswerChars: number | null;
  medianShortChars: number | null;
}

export type BaselineRow =
  | { name: string; status: "ok"; buildMs: number; overall: RetrievalScore; byKind: Record<string, RetrievalScore> }
  | { name: string; status: "unavailable"; reason: string };

export interface QuestionResult {
  id: string;
  kind: string;
  question: string;
  /** The corpus cannot answer it. */
  unanswerable: boolean;
  outcome: Outcome;
  replyKind: Reply["kind"];
  abstained: boolean;
  text: string;
  short: string;
  golds: string[];
  em: number;
  f1: number;
  /** What the first citation should point at (passage or document id), or `null` (unanswerable). */
  target: string | null;
  /** Rank of the target among the reply's cited passages/documents; `null` if absent or not applicable. */
  rank: number | null;
  ms: number;
}

export interface EvalReport {
  meta: {
    date: string;
    node: string;
    cpus: number;
    embedder: string;
    notice: string;
    set: EvalSet;
    split: Split;
    count: number;
    passages: number;
    /** Milliseconds per answer: median, p95 and mean over every question. */
    ms: { p50: number | null; p95: number | null; mean: number | null };
  };
  overall: QualityRow;
  byKind: Record<string, QualityRow>;
  /** The core's retrieval (from citations) beside the baselines', same questions and passages. */
  baselines: BaselineRow[];
  results: QuestionResult[];
}

/**
 * Writes the set's articles to a temporary seeds folder, asks every question through `assistant.ask`
 * (each in its own conversation unless it names a chat), scores the replies (CMRC EM/F1 on `short`,
 * contains-gold on the answer, hit@k of the citations) and the baselines' retrieval on the same
 * passages and questions.
 *
 * @example const report = await runEval({ set: "cmrc", split: "heldout", embedder: "hashed" });
 */
export async function runEval(options: EvalOptions = {}): Promise<EvalReport> {
  const { set = "seed", split = "all" } = options;
  const work = await mkdtemp(join(tmpdir(), "eval-"));
  const seedsDir = join(work, "seeds");
  try {
    const items = await prepareSet(set, seedsDir, split, options.limit, options.fold);
    const core = await openCore({ seedsDir, indexDir: join(work, "index"), embedder: options.embedder, modelsDir: options.modelsDir });
    try {
      const results: QuestionResult[] = [];
      for (const item of items) {
        const t0 = performance.now();
        const reply = await core.assistant.ask(`eval:${item.chat ?? item.id}`, item.question);
        results.push(score(item, reply, performance.now() - t0));
      }
      const kinds = [...new Set(items.map((i) => i.kind))];
      const passages = core.passages.map((p) => ({ id: p.id, text: p.text }));
      const baselines: Baseline[] =
        options.baselines === false ? [] : await buildBaselines(passages, core.embedder, options.peers, ALL_BASELINES);
      const ms = results.map((r) => r.ms);
      return {
        meta: {
          date: new Date().toISOString(),
          node: process.version,
          cpus: cpus().length,
          embedder: core.embedder.id,
          notice: core.notice,
          set,
          split,
          count: items.length,
          passages: core.passages.length,
          ms: { p50: round(median(ms)), p95: round(percentile(ms, 95)), mean: round(ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length)) },
        },
        overall: quality(results),
        byKind: kinds.length > 1 ? Object.fromEntries(kinds.map((k) => [k, quality(results, k)])) : {},
        baselines: await Promise.all(baselines.map((b) => scoreBaseline(b, items, kinds, core.passages.length))),
        results,
      };
    } finally {
      await core.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The id a citation or baseline hit is compared at: the passage, or its document. */
const keyAt = (level: EvalItem["level"], passageId: string) => (level === "doc" ? passageId.slice(0, passageId.lastIndexOf("#")) : passageId);

function score(item: EvalItem, reply: Reply, ms: number): QuestionResult {
  const short = reply.abstained ? "" : (reply.short ?? reply.text);
  const holds = item.required.every((s) => reply.text.includes(s)) && (item.anyOf.length === 0 || item.anyOf.some((s) => reply.text.includes(s)));
  const outcome: Outcome = item.abstain
    ? reply.abstained
      ? "declinedCorrectly"
      : "wronglyAnswered"
    : reply.abstained
      ? "wronglyDeclined"
      : holds
        ? "answeredCorrectly"
        : "wronglyAnswered";
  const { em, f1 } = item.abstain || reply.abstained ? { em: 0, f1: 0 } : cmrcScore(short, item.golds);
  return {
    id: item.id,
    kind: item.kind,
    question: item.question,
    unanswerable: item.abstain,
    outcome,
    replyKind: reply.kind,
    abstained: reply.abstained,
    text: reply.text,
    short,
    golds: item.golds,
    em,
    f1,
    target: item.target,
    rank: item.target ? rankOf(reply.citations.map((c) => keyAt(item.level, c.passage)), item.target) : null,
    ms: round(ms)!,
  };
}

function quality(all: QuestionResult[], kind?: string): QualityRow {
  const rs = all.filter((r) => !kind || r.kind === kind);
  const count = (o: Outcome) => rs.filter((r) => r.outcome === o).length;
  const answerable = rs.filter((r) => !r.unanswerable);
  const unanswerable = rs.filter((r) => r.unanswerable);
  const answered = rs.filter((r) => !r.abstained);
  const share = (xs: QuestionResult[], ok: (r: QuestionResult) => boolean) => (xs.length ? xs.filter(ok).length / xs.length : null);
  const mean = (xs: number[]) => (xs.length ? (100 * xs.reduce((a, b) => a + b, 0)) / xs.length : null);
  const row: QualityRow = {
    total: rs.length,
    answeredCorrectly: count("answeredCorrectly"),
    declinedCorrectly: count("declinedCorrectly"),
    wronglyAnswered: count("wronglyAnswered"),
    wronglyDeclined: count("wronglyDeclined"),
    correctShare: rs.length ? (count("answeredCorrectly") + count("declinedCorrectly")) / rs.length : 0,
    ...scoreRanks(rs.filter((r) => r.target !== null).map((r) => r.rank)),
    em: mean(answerable.map((r) => r.em)),
    f1: mean(answerable.map((r) => r.f1)),
    contains: share(answerable, (r) => r.outcome === "answeredCorrectly"),
    declined: share(answerable, (r) => r.abstained),
    unanswerableDeclined: share(unanswerable, (r) => r.abstained),
    medianAnswerChars: median(answered.map((r) => [...r.text].length)),
    medianShortChars: median(answered.map((r) => [...r.short].length)),
  };
  return roundRow(row);
}

async function scoreBaseline(b: Baseline, items: EvalItem[], kinds: string[], k: number): Promise<BaselineRow> {
  if (b.status !== "ok") return { name: b.name, status: "unavailable", reason: b.reason };
  const ranks = new Map<EvalItem, number | null>();
  for (const item of items) {
    if (item.target) ranks.set(item, rankOf((await b.retriever.search(item.question, Math.min(k, 10))).map((id) => keyAt(item.level, id)), item.target));
  }
  const scoreOf = (kind?: string) => roundRow(scoreRanks([...ranks].filter(([i]) => !kind || i.kind === kind).map(([, r]) => r)));
  return {
    name: b.retriever.name,
    status: "ok",
    buildMs: round(b.buildMs)!,
    overall: scoreOf(),
    byKind: kinds.length > 1 ? Object.fromEntries(kinds.filter((kd) => kd !== "unanswerable").map((kd) => [kd, scoreOf(kd)])) : {},
  };
}

function roundRow<T extends object>(row: T): T {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "number" ? round(v) : v])) as T;
}
