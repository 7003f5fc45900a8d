import { describe, expect, it } from "vitest";
import { benchPanels, formatBench } from "../../bench/lib/bench-print.js";
import { runBench } from "../../bench/lib/bench-run.js";
import { renderChart } from "../../bench/lib/chart.js";
import { isBaselineRow, nonFinite, testPeers } from "./report-shape.js";

describe("npm run bench --small", () => {
  it("produces a complete, well-formed report, table and chart", async () => {
    const report = await runBench({ seedsDir: "seeds", embedder: "hashed", small: true, peers: testPeers });

    const { warm, cold, scale } = report;
    expect(warm.latency.n).toBeGreaterThan(0);
    for (const key of ["p50", "p95", "p99"] as const) expect(warm.latency[key]).toEqual(expect.any(Number));
    expect(warm.throughput.map((t) => t.concurrency)).toEqual([1, 8, 64]);
    expect(warm.memory.peakRssMiB).toBeGreaterThan(0);
    for (const c of [cold.builtIndex, cold.indexToBuild]) {
      expect(c.runs).toBe(1);
      for (const key of ["wallMs", "inProcessMs", "modulesMs", "readyMs"] as const) expect(c[key]).toEqual(expect.any(Number));
    }
    expect(scale.length).toBeGreaterThanOrEqual(2);
    for (const row of scale) {
      expect(row.passages).toBe(row.size);
      expect(row.buildMs).toEqual(expect.any(Number));
      expect(row.indexBytes).toBeGreaterThan(0);
      expect(row.latency.p50).toEqual(expect.any(Number));
      expect(row.memory.afterBuild.rssMiB).toBeGreaterThan(0);
      expect(row.baselines).toHaveLength(3);
      for (const b of row.baselines) expect(isBaselineRow(b, "latency"), JSON.stringify(b)).toBe(true);
    }
    for (const b of warm.baselines) expect(isBaselineRow(b, "latency"), JSON.stringify(b)).toBe(true);
    expect(nonFinite(report)).toEqual([]);

    expect(formatBench(report)).toContain("answers/s at concurrency 64");
    const svg = renderChart(benchPanels(report));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
  });
});
