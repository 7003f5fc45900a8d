import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import type { Reply } from "../../src/types.js";
import { buildBaselines, type Baseline } from "./baselines.js";
import { openCore, type EmbedderChoice } from "./core.js";
import type { PeersOptions } from "./peers.js";
import { conversationOf, expectedPassage, judge, KINDS, loadQuestions, type Outcome, type Question } from "./questions.js";
import { median, rankOf, round, scoreRanks, type RetrievalScore } from "./stats.js";

export interface EvalOptions {
  seedsDir: string;
  /** Question file; default `test/fixtures/questions.json`. */
  questions?: string;
  embedder?: EmbedderChoice;
  modelsDir?: string;
  /** Passed to the peers installer (tests may turn installing off). */
  peers?: PeersOptions;
}

/** Answer quality for a group of questions (one kind, or all). */
export interface QualityRow extends Record<Outcome, number>, RetrievalScore {
  total: number;
  /** answeredCorrectly + declinedCorrectly, over total. */
  correctShare: number;
  /** Median characters of `reply.text` over the replies that answered; `null` when none did. */
  medianAnswerChars: number | null;
}

export type BaselineRow =
  | { name: string; status: "ok"; buildMs: number; overall: RetrievalScore; byKind: Record<string, RetrievalScore> }
  | { name: string; status: "unavailable"; reason: string };

export interface QuestionResult {
  id: string;
  kind: string;
  question: string;
  outcome: Outcome;
  replyKind: Reply["kind"];
  abstained: boolean;
  text: string;
  /** Passage holding the answer (`doc#paragraph`), or `null` for unanswerable questions. */
  passage: string | null;
  /** Rank of the answer passage among the reply's cited passages; `null` if absent or not applicable. */
  rank: number | null;
  ms: number;
}

export interface EvalReport {
  meta: { date: string; node: string; cpus: number; embedder: string; notice: string; questions: string; count: number; passages: number };
  overall: QualityRow;
  byKind: Record<string, QualityRow>;
  /** The core's retrieval (from citations) beside the baselines', same questions and passages. */
  baselines: BaselineRow[];
  results: QuestionResult[];
}

/**
 * Asks every question through `assistant.ask` on a fresh index, judges the replies and scores the
 * baselines' retrieval on the same passages and questions.
 *
 * @example const report = await runEval({ seedsDir: "seeds", embedder: "hashed" });
 */
export async function runEval(options: EvalOptions): Promise<EvalReport> {
  const questions = await loadQuestions(options.questions);
  const indexDir = await mkdtemp(join(tmpdir(), "eval-index-"));
  const core = await openCore({ seedsDir: options.seedsDir, indexDir, embedder: options.embedder, modelsDir: options.modelsDir });
  try {
    const results: QuestionResult[] = [];
    for (const q of questions) {
      const t0 = performance.now();
      const reply = await core.assistant.ask(conversationOf(q), q.question);
      const ms = performance.now() - t0;
      const passage = expectedPassage(q);
      const rank = passage ? rankOf(reply.citations.map((c) => c.passage), passage) : null;
      const { kind: replyKind, abstained, text } = reply;
      results.push({ id: q.id, kind: q.kind, question: q.question, outcome: judge(q, reply), replyKind, abstained, text, passage, rank, ms: round(ms)! });
    }
    const baselines = await buildBaselines(core.passages, core.embedder, options.peers);
    return {
      meta: {
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        embedder: core.embedder.id,
        notice: core.notice,
        questions: options.questions ?? "test/fixtures/questions.json",
        count: questions.length,
        passages: core.passages.length,
      },
      overall: quality(results),
      byKind: Object.fromEntries(usedKinds(questions).map((k) => [k, quality(results, k)])),
      baselines: await Promise.all(baselines.map((b) => scoreBaseline(b, questions, core.passages.length))),
      results,
    };
  } finally {
    await core.close();
    await rm(indexDir, { recursive: true, force: true });
  }
}

const usedKinds = (qs: Question[]) => KINDS.filter((k) => qs.some((q) => q.kind === k));

function quality(results: QuestionResult[], kind?: string): QualityRow {
  const rs = results.filter((r) => !kind || r.kind === kind);
  const count = (o: Outcome) => rs.filter((r) => r.outcome === o).length;
  const scored = rs.filter((r) => r.passage !== null);
  const answered = rs.filter((r) => !r.abstained);
  const row = {
    total: rs.length,
    answeredCorrectly: count("answeredCorrectly"),
    declinedCorrectly: count("declinedCorrectly"),
    wronglyAnswered: count("wronglyAnswered"),
    wronglyDeclined: count("wronglyDeclined"),
    ...scoreRanks(scored.map((r) => r.rank)),
    medianAnswerChars: median(answered.map((r) => [...r.text].length)),
  };
  return roundRow({ ...row, correctShare: rs.length ? (row.answeredCorrectly + row.declinedCorrectly) / rs.length : 0 });
}

async function scoreBaseline(b: Baseline, questions: Question[], k: number): Promise<BaselineRow> {
  if (b.status !== "ok") return { name: b.name, status: "unavailable", reason: b.reason };
  const ranks = new Map<Question, number | null>();
  for (const q of questions) {
    const target = expectedPassage(q);
    if (target) ranks.set(q, rankOf(await b.retriever.search(q.question, k), target));
  }
  const score = (kind?: string) => roundRow(scoreRanks([...ranks].filter(([q]) => !kind || q.kind === kind).map(([, r]) => r)));
  return {
    name: b.retriever.name,
    status: "ok",
    buildMs: round(b.buildMs)!,
    overall: score(),
    byKind: Object.fromEntries(usedKinds(questions).filter((kd) => kd !== "unanswerable").map((kd) => [kd, score(kd)])),
  };
}

function roundRow<T extends object>(row: T): T {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "number" ? round(v) : v])) as T;
}
