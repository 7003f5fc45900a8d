import type { BenchReport } from "./bench-run.js";
import type { Panel } from "./chart.js";
import type { BaselineLatency } from "./latency.js";
import { renderTable, type Cell } from "./table.js";

const mib = (b: number) => b / 2 ** 20;
const sec = (ms: number | null) => (ms === null ? null : ms / 1000);
/** "0.42 ms (3.1×)": a baseline's p50 with its ratio to the assistant's. */
const vs = (b: BaselineLatency | undefined): Cell =>
  !b ? null : b.status === "ok" ? `${b.latency.p50?.toFixed(3)} ms (${ratio(b.ratioP50)})` : "unavailable";
/** A ratio with two significant digits, so 0.00002 does not print as 0. */
const ratio = (x: number | null) => (x === null ? "–" : `${Number(x.toPrecision(2))}×`);

/** The bench report as terminal tables. */
export function formatBench(r: BenchReport): string {
  const w = r.warm;
  const warm = renderTable(
    ["warm, seed corpus", "value"],
    [
      ["passages", w.passages],
      ["asks timed", w.latency.n],
      ["p50 ms", w.latency.p50],
      ["p95 ms", w.latency.p95],
      ["p99 ms", w.latency.p99],
      ...w.throughput.map((t): Cell[] => [`answers/s at concurrency ${t.concurrency}`, t.perSecond]),
      ["peak RSS MiB", w.memory.peakRssMiB],
    ],
    `Machine: ${r.meta.cpus} × ${r.meta.cpuModel}, ${r.meta.memGiB} GiB, Node ${r.meta.node}; embedder ${r.meta.embedder}`,
  );
  const base = renderTable(
    ["system (seed corpus)", "p50 ms", "p95 ms", "p99 ms", "p50 ÷ ask p50", "build ms"],
    [
      ["assistant.ask (full answer)", w.latency.p50, w.latency.p95, w.latency.p99, "1×", null],
      ...w.baselines.map((b): Cell[] =>
        b.status === "ok"
          ? [`${b.name} (search only)`, b.latency.p50, b.latency.p95, b.latency.p99, ratio(b.ratioP50), b.buildMs]
          : [`${b.name}: unavailable (${b.reason})`, null, null, null, null, null],
      ),
    ],
  );
  const cold = renderTable(
    ["cold start to first answer", "runs", "wall ms (spawn→answer)", "in-process ms", "modules loaded ms", "core ready ms"],
    ([["with a built index", r.cold.builtIndex], ["with an index to build", r.cold.indexToBuild]] as const).map(([name, c]) => [
      name, c.runs, c.wallMs, c.inProcessMs, c.modulesMs, c.readyMs,
    ]),
  );
  const names = [...new Set(r.scale.flatMap((s) => s.baselines.map((b) => b.name)))];
  const scale = renderTable(
    ["passages", "build s", "index MiB", "RSS MiB", "heap MiB", "peak RSS MiB", "ask p50 ms", "p95", "p99", ...names.map((n) => `${n} p50`)],
    r.scale.map((s) => [
      s.passages, sec(s.buildMs), mib(s.indexBytes), s.memory.afterBuild.rssMiB, s.memory.afterBuild.heapUsedMiB, s.memory.afterQueries.peakRssMiB,
      s.latency.p50, s.latency.p95, s.latency.p99, ...names.map((n) => vs(s.baselines.find((b) => b.name === n))),
    ]),
    "Scale (synthetic corpora; baseline ratios are baseline p50 ÷ ask p50)",
  );
  const builds = renderTable(
    ["passages", "assistant build s", ...names.map((n) => `${n} build s`)],
    r.scale.map((s) => [s.passages, sec(s.buildMs), ...names.map((n) => {
      const b = s.baselines.find((x) => x.name === n);
      return b?.status === "ok" ? sec(b.buildMs) : null;
    })]),
  );
  return [warm, base, cold, scale, builds].join("\n\n");
}

/** Chart panels: query p50 and build time against corpus size, the assistant beside the baselines. */
export function benchPanels(r: BenchReport): Panel[] {
  const names = [...new Set(r.scale.flatMap((s) => s.baselines.map((b) => b.name)))];
  const pick = (n: string, f: (b: Extract<BaselineLatency, { status: "ok" }>) => number | null) =>
    r.scale.map((s): [number, number | null] => {
      const b = s.baselines.find((x) => x.name === n);
      return [s.passages, b?.status === "ok" ? f(b) : null];
    });
  return [
    {
      title: "Query latency p50 (ms)",
      xLabel: "passages",
      yLabel: "ms",
      series: [
        { name: "assistant.ask", points: r.scale.map((s) => [s.passages, s.latency.p50]) },
        ...names.map((n) => ({ name: n, points: pick(n, (b) => b.latency.p50) })),
      ],
    },
    {
      title: "Index build time (s)",
      xLabel: "passages",
      yLabel: "s",
      series: [
        { name: "assistant.ask", points: r.scale.map((s) => [s.passages, s.buildMs / 1000]) },
        ...names.map((n) => ({ name: n, points: pick(n, (b) => b.buildMs / 1000) })),
      ],
    },
  ];
}
