import { describe, expect, it } from "vitest";
import { formatEval } from "../../bench/lib/eval-print.js";
import { runEval } from "../../bench/lib/eval-run.js";
import { KINDS, loadQuestions } from "../../bench/lib/questions.js";
import { isBaselineRow, nonFinite, testPeers } from "./report-shape.js";

const OUTCOMES = ["answeredCorrectly", "declinedCorrectly", "wronglyAnswered", "wronglyDeclined"] as const;
const ROW_KEYS = ["total", ...OUTCOMES, "correctShare", "n", "hit1", "hit3", "mrr", "medianAnswerChars"];

describe("npm run eval", () => {
  it("produces a complete, well-formed report with the offline embedder", async () => {
    const questions = await loadQuestions();
    const report = await runEval({ seedsDir: "seeds", embedder: "hashed", peers: testPeers });

    expect(report.meta.count).toBe(questions.length);
    expect(report.results).toHaveLength(questions.length);
    expect(Object.keys(report.byKind).sort()).toEqual([...new Set(questions.map((q) => q.kind))].sort());
    for (const row of [report.overall, ...Object.values(report.byKind)]) {
      for (const key of ROW_KEYS) expect(row).toHaveProperty(key);
      expect(OUTCOMES.reduce((s, o) => s + row[o], 0)).toBe(row.total);
    }
    expect(report.overall.n).toBe(questions.filter((q) => q.expect.paragraph).length);
    expect(report.baselines.map((b) => b.name)).toEqual(["MiniSearch (defaults)", "MiniSearch + jieba", "LangChain HNSWLib"]);
    for (const b of report.baselines) expect(isBaselineRow(b, "overall"), JSON.stringify(b)).toBe(true);
    expect(nonFinite(report)).toEqual([]);

    const text = formatEval(report);
    expect(text).toContain("overall");
    for (const b of report.baselines) expect(text).toContain(b.name);
  });

  it("keeps the question set answerable from the paragraphs it names", async () => {
    const questions = await loadQuestions();
    const { readFile } = await import("node:fs/promises");
    const raw = await readFile("seeds/000_4f5b4b3408eff9cd.txt", "utf8");
    const paragraphs = raw.split("\n").map((l) => l.trim()).filter(Boolean).slice(2, 10);
    expect(questions.length).toBeGreaterThanOrEqual(60);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    for (const kind of KINDS) expect(questions.some((q) => q.kind === kind), kind).toBe(true);
    for (let p = 1; p <= 8; p++) expect(questions.some((q) => q.expect.paragraph === p), `paragraph ${p}`).toBe(true);
    for (const q of questions.filter((x) => x.expect.paragraph)) {
      const text = paragraphs[q.expect.paragraph! - 1]!;
      for (const s of q.expect.answer ?? []) expect(text, `${q.id} expects ${s}`).toContain(s);
      if (q.expect.anyOf) expect(q.expect.anyOf.some((s) => text.includes(s)), `${q.id} anyOf`).toBe(true);
    }
  });
});
