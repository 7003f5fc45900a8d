import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderChart } from "../../bench/lib/chart.js";
import { datasetsAvailable } from "../../bench/lib/datasets.js";
import { writeRealCorpus } from "../../bench/lib/real-corpus.js";
import { checkTargets, formatReal, realPanels } from "../../bench/lib/real-print.js";
import { runRealBench } from "../../bench/lib/real-run.js";
import { renderMarkdown } from "../../bench/lib/table.js";
import { isBaselineRow, nonFinite, testPeers } from "./report-shape.js";

// The shared CMRC/DRCD sets live outside the repository (../shared/datasets or SHARED_DATASETS).
describe.skipIf(!datasetsAvailable())("npm run bench -- --real", () => {
  it("copies past the sets' passages are perturbed, and each question the same way as its passage", async () => {
    const dir = await mkdtemp(join(tmpdir(), "real-corpus-"));
    try {
      // 1,256 passages in the sets: 1,300 needs 44 copies.
      const plan = await writeRealCorpus(dir, 1_300, { warmup: 20, timed: 400 });
      const files = await readdir(dir);
      expect(files).toHaveLength(1_300);
      expect(plan.copies).toBe(44);
      const texts = new Set<string>();
      for (const f of files) texts.add((await readFile(join(dir, f), "utf8")).split("\n").slice(2).join("\n"));
      expect(texts.size).toBe(1_300); // no copy is a duplicate of its original

      const asked = [...plan.warmup, ...plan.timed].map((q) => q.question);
      expect(new Set(asked).size).toBe(asked.length); // warm-up and timed questions never repeat a text
      const copies = plan.timed.filter((q) => !q.id.endsWith("@0"));
      expect(copies.length).toBeGreaterThan(0);
      // Renaming and digit swaps are applied alike, so the gold answer is still in its (perturbed)
      // passage; only where a name overlaps the answer's edge can the two be rewritten differently.
      let found = 0;
      for (const q of copies) {
        const text = await readFile(join(dir, `${q.doc}.txt`), "utf8");
        if (q.answers.some((a) => text.includes(a))) found++;
      }
      expect(found / copies.length).toBeGreaterThan(0.9);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("at a tiny size, reports start-up, latency, memory, hit@1 beside the peers, throughput and the start ratio", async () => {
    const report = await runRealBench({ seedsDir: "seeds", small: true, sizes: [40], timed: 8, peers: testPeers });

    expect(report.failures).toEqual([]);
    expect(report.seed.passages).toBeGreaterThan(0);
    expect(report.seed.cold.builtIndex.wallMs).toEqual(expect.any(Number));
    expect(report.rows).toHaveLength(1);
    const [row] = report.rows;
    expect(row!.run.passages).toBe(40);
    expect(row!.corpus).toMatchObject({ passages: 40, copies: 0, timed: 8 });
    expect(row!.run.latency.n).toBe(8);
    expect(row!.run.errors).toEqual({ count: 0, first: null });
    for (const key of ["p50", "p95", "p99"] as const) expect(row!.run.latency[key]).toEqual(expect.any(Number));
    expect(row!.run.memory.afterBuild.rssMiB).toBeGreaterThan(0);
    expect(row!.run.memory.afterStart.rssMiB).toBeGreaterThan(0);
    expect(row!.run.buildMs).toBeGreaterThan(0);
    expect(row!.run.startMs).toBeGreaterThan(0);
    expect(row!.run.memory.afterQueries.rssMiB).toBeGreaterThan(0);
    expect(row!.run.retrievalSample.n).toBe(8);
    expect(row!.run.retrievalSample.hit1).toEqual(expect.any(Number));
    expect(row!.cold?.wallMs).toEqual(expect.any(Number));
    expect(row!.cold?.rssMiB).toBeGreaterThan(0);
    expect(row!.throughput.map((t) => t.workers)).toEqual([1, 2]);
    for (const t of row!.throughput) expect(t.answers).toBe(8);
    expect(row!.run.baselines.map((b) => b.name)).toEqual(["MiniSearch + jieba", "Orama (Mandarin tokenizer)"]);
    for (const b of row!.run.baselines) expect(isBaselineRow(b, "retrieval"), JSON.stringify(b)).toBe(true);
    expect(["ok", "not-seen"]).toContain(row!.live?.status);
    expect(report.ingest?.folder.files).toBe(30);
    expect(report.ingest?.result.documents).toBe(30); // every generated file is read
    expect(report.ingest?.buildFilesPerSecond).toBeGreaterThan(0);
    expect(report.ingest?.peakRssMiB).toBeGreaterThan(0);
    expect(report.acceptance).toMatchObject({ size: 40, limit: 3, ratio: expect.any(Number) });
    expect(nonFinite(report)).toEqual([]);

    const text = formatReal(report);
    expect(text).toContain("Acceptance (issue 14)");
    expect(text).toContain("hit@1 MiniSearch + jieba");
    const markdown = formatReal(report, renderMarkdown);
    expect(markdown).toContain("| passages | start s (built index) |");
    expect(markdown).toMatch(/^\| 40 \|/mu);
    expect(checkTargets(report).map((t) => t.what)).toEqual([expect.stringContaining("40 passages hit@1")]);
    const svg = renderChart(realPanels(report), "", 3);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
  }, 240_000);
});
