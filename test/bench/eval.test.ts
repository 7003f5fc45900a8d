import { describe, expect, it } from "vitest";
import { formatEval } from "../../bench/lib/eval-print.js";
import { runEval } from "../../bench/lib/eval-run.js";
import { prepareSet, SEED_QUESTION_FILES } from "../../bench/lib/eval-sets.js";
import { KINDS, loadQuestions } from "../../bench/lib/questions.js";
import { tempDir } from "../helpers.js";
import { isBaselineRow, nonFinite, testPeers } from "./report-shape.js";

const OUTCOMES = ["answeredCorrectly", "declinedCorrectly", "wronglyAnswered", "wronglyDeclined"] as const;
const ROW_KEYS = ["total", ...OUTCOMES, "correctShare", "n", "hit1", "hit3", "mrr", "em", "f1", "contains", "declined", "medianAnswerChars", "medianShortChars"];

describe("npm run eval", () => {
  it("produces a complete, well-formed report on the seed set with the offline embedder", async () => {
    const questions = (await Promise.all(SEED_QUESTION_FILES.map((f) => loadQuestions(f)))).flat();
    const report = await runEval({ set: "seed", embedder: "hashed", peers: testPeers });

    expect(report.meta.count).toBe(questions.length);
    expect(report.results).toHaveLength(questions.length);
    expect(Object.keys(report.byKind).sort()).toEqual([...new Set(questions.map((q) => q.kind))].sort());
    for (const row of [report.overall, ...Object.values(report.byKind)]) {
      for (const key of ROW_KEYS) expect(row).toHaveProperty(key);
      expect(OUTCOMES.reduce((s, o) => s + row[o], 0)).toBe(row.total);
    }
    expect(report.overall.n).toBe(questions.filter((q) => q.expect.paragraph).length);
    expect(report.baselines.map((b) => b.name)).toEqual(["MiniSearch (defaults)", "MiniSearch + jieba", "LangChain HNSWLib", "Orama (Mandarin tokenizer)"]);
    for (const b of report.baselines) expect(isBaselineRow(b, "overall"), JSON.stringify(b)).toBe(true);
    expect(nonFinite(report)).toEqual([]);
    // EM/F1 are on the short answer: it is shorter than the answer text.
    expect(report.overall.medianShortChars!).toBeLessThan(report.overall.medianAnswerChars!);

    const text = formatEval(report);
    expect(text).toContain("overall");
    for (const b of report.baselines) expect(text).toContain(b.name);
  });

  it("keeps every seed-set question answerable from the paragraph it names", async () => {
    const { dir, cleanup } = await tempDir("eval-seeds-");
    try {
      const items = await prepareSet("seed", dir);
      const { loadCorpus } = await import("../../src/index.js");
      const corpus = await loadCorpus(dir);
      const questions = (await Promise.all(SEED_QUESTION_FILES.map((f) => loadQuestions(f)))).flat();
      expect(questions.length).toBeGreaterThanOrEqual(100);
      expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
      for (const kind of KINDS) expect(questions.some((q) => q.kind === kind), kind).toBe(true);
      // More than one article carries questions, and each has unanswerable ones about other places too.
      expect(new Set(items.filter((i) => i.target).map((i) => i.target!.split("#")[0])).size).toBeGreaterThanOrEqual(3);
      for (const item of items.filter((i) => i.target)) {
        const passage = corpus.passages.find((p) => p.id === item.target);
        expect(passage, `${item.id} names ${item.target}`).toBeDefined();
        const text = passage!.text;
        for (const s of item.required) expect(text, `${item.id} expects ${s}`).toContain(s);
        if (item.anyOf.length) expect(item.anyOf.some((s) => text.includes(s)), `${item.id} anyOf`).toBe(true);
      }
    } finally {
      await cleanup();
    }
  });
});
