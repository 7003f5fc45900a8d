import type { Panel } from "./chart.js";
import type { RealBaseline } from "./real-child.js";
import type { RealReport, RealRow } from "./real-run.js";
import { pct, renderTable, type Cell } from "./table.js";

/** Issue 14's targets (offline embedder, 2 cores, real text). RSS: 1 GB read as 1 GiB. */
export const TARGETS = [
  { size: 10_000, startMs: 1_500, p50: 1.5, p99: 8, rssMiB: null },
  { size: 100_000, startMs: 5_000, p50: 5, p99: 15, rssMiB: 1_024 },
] as const;
const HIT_PEER = "MiniSearch + jieba";

/** One target checked against the report: what was measured, the limit, and whether it holds. */
export interface TargetCheck {
  what: string;
  measured: number | null;
  limit: string;
  met: boolean;
}

const okBaseline = (r: RealRow, name: string) => r.run.baselines.find((b): b is Extract<RealBaseline, { status: "ok" }> => b.name === name && b.status === "ok");
const rssMax = (r: RealRow) => Math.max(r.run.memory.afterBuild.rssMiB, r.run.memory.afterQueries.rssMiB);
const sec = (ms: number | null) => (ms === null ? null : ms / 1000);

/** Checks issue 14's targets for the sizes the report has. */
export function checkTargets(report: RealReport): TargetCheck[] {
  const out: TargetCheck[] = [];
  for (const t of TARGETS) {
    const r = report.rows.find((x) => x.size === t.size);
    if (!r) continue;
    const n = `${t.size / 1000}k`;
    const le = (what: string, measured: number | null, limit: number, unit: string) =>
      out.push({ what: `${n} ${what}`, measured, limit: `≤ ${limit} ${unit}`, met: measured !== null && measured <= limit });
    le("start with built index (ms)", r.cold?.wallMs ?? null, t.startMs, "ms");
    le("ask p50 (ms)", r.run.latency.p50, t.p50, "ms");
    le("ask p99 (ms)", r.run.latency.p99, t.p99, "ms");
    if (t.rssMiB !== null) out.push({ what: `${n} RSS, max after build / after questions (MiB)`, measured: rssMax(r), limit: `< ${t.rssMiB} MiB`, met: rssMax(r) < t.rssMiB });
  }
  for (const r of report.rows) {
    const peer = okBaseline(r, HIT_PEER);
    const ours = r.run.retrievalSample.hit1;
    out.push({
      what: `${r.size} passages hit@1 vs ${HIT_PEER} (${peer ? pct(peer.retrieval.hit1) : "unavailable"})`,
      measured: ours,
      limit: "ahead",
      met: !!peer && ours !== null && peer.retrieval.hit1 !== null && ours > peer.retrieval.hit1,
    });
  }
  return out;
}

/**
 * The real-text report as tables: for the terminal by default, or Markdown for README
 * (`formatReal(report, renderMarkdown)`).
 */
export function formatReal(report: RealReport, table: typeof renderTable = renderTable): string {
  const { meta, rows } = report;
  const names = [...new Set(rows.flatMap((r) => r.run.baselines.map((b) => b.name)))];
  const main = table(
    ["passages", "start s (built index)", "ask p50 ms", "p95", "p99", "RSS MiB after build", "after questions", "build s", "hit@1 ask", ...names.map((n) => `hit@1 ${n}`)],
    rows.map((r): Cell[] => [
      r.run.passages,
      sec(r.cold?.wallMs ?? null),
      r.run.latency.p50,
      r.run.latency.p95,
      r.run.latency.p99,
      r.run.memory.afterBuild.rssMiB,
      `${r.run.memory.afterQueries.rssMiB} (${r.run.latency.n} q)`,
      sec(r.run.buildMs),
      pct(r.run.retrievalSample.hit1),
      ...names.map((n) => {
        const b = r.run.baselines.find((x) => x.name === n);
        return b?.status === "ok" ? pct(b.retrieval.hit1) : "unavailable";
      }),
    ]),
    `Real text (CMRC 2018 + DRCD passages, copied and perturbed past 1,256): ${meta.cpus} × ${meta.cpuModel}, Node ${meta.node}, embedder ${meta.embedder}`,
  );
  const corpus = table(
    ["passages", "perturbed copies", "warm-up q", "timed q", "timed q naming a renamed entity or figure", "answered", "hit@1 all timed", "hit@3", "MRR", "index MiB"],
    rows.map((r): Cell[] => [
      r.run.passages, r.corpus.copies, r.run.warmup, r.run.latency.n, pct(r.corpus.distinctShare), pct(r.run.answeredShare),
      pct(r.run.retrieval.hit1), pct(r.run.retrieval.hit3), r.run.retrieval.mrr, r.run.indexBytes / 2 ** 20,
    ]),
    "Questions and retrieval of ask() (gold = the article the question was written for; hit@1 columns above use the first timed questions, the same for every system)",
  );
  type Mem = RealRow["run"]["memory"]["afterBuild"] & Partial<Record<"heapTotalMiB" | "arrayBuffersMiB" | "nativeMiB", number>>;
  const memRow = (r: RealRow, when: string, m: Mem): Cell[] => [r.run.passages, when, m.rssMiB, m.heapUsedMiB, m.heapTotalMiB ?? null, m.externalMiB, m.arrayBuffersMiB ?? null, m.nativeMiB ?? null];
  const memoryTable = table(
    ["passages", "when", "RSS MiB", "heap used", "heap reserved", "external (V8-known, off heap)", "of which ArrayBuffers", "native rest (HNSW graph, jieba, code)"],
    rows.flatMap((r) => [
      memRow(r, "after build (first start)", r.run.memory.afterBuild),
      memRow(r, "after a start on the built index", r.run.memory.afterStart),
      memRow(r, `after ${r.run.latency.n} questions`, r.run.memory.afterQueries),
    ]),
    "Memory of the answering process, broken down: after a first start's build (the assistant builds in a child process that has exited), then in a fresh process started on the built index, which times the questions",
  );
  const peers = table(
    ["passages", "system", "build s", "search p50 ms", "p95", "p99", "hit@1", "hit@3", "MRR", "questions"],
    rows.flatMap((r) =>
      r.run.baselines.map((b): Cell[] =>
        b.status === "ok"
          ? [r.run.passages, b.name, sec(b.buildMs), b.latency.p50, b.latency.p95, b.latency.p99, pct(b.retrieval.hit1), pct(b.retrieval.hit3), b.retrieval.mrr, b.retrieval.n]
          : [r.run.passages, `${b.name}: unavailable (${b.reason})`, null, null, null, null, null, null, null, null],
      ),
    ),
    "Baselines on the same passages and questions (search only; the assistant's figures are whole answers)",
  );
  const start = table(
    ["corpus", "runs", "spawn→first answer ms", "in-process ms", "modules ms", "ready ms", "RSS MiB"],
    [
      [`seed (${report.seed.passages} passages)`, report.seed.cold.builtIndex.runs, report.seed.cold.builtIndex.wallMs, report.seed.cold.builtIndex.inProcessMs, report.seed.cold.builtIndex.modulesMs, report.seed.cold.builtIndex.readyMs, null],
      ...rows.map((r): Cell[] => [`${r.run.passages} passages`, r.cold?.runs ?? null, r.cold?.wallMs ?? null, r.cold?.inProcessMs ?? null, r.cold?.modulesMs ?? null, r.cold?.readyMs ?? null, r.cold?.rssMiB ?? null]),
    ],
    "Start with the index already built (a fresh process each run, on the compiled code as `npm start` runs it; under tsx in the tests' small runs; medians)",
  );
  const pool = rows.some((r) => r.throughput.length)
    ? table(
        ["passages", "threads", "answers", "errors", "answers/s", "× one thread", "ready s (incl. warm-up)", "peak RSS MiB"],
        rows.flatMap((r) => {
          const one = r.throughput.find((t) => t.workers === 1)?.perSecond ?? null;
          return r.throughput.map((t): Cell[] => [
            r.run.passages, t.workers === 1 ? "1 (main thread)" : `${t.workers} (worker pool)`, t.answers, t.errors ?? 0, t.perSecond,
            one ? Number((t.perSecond / one).toFixed(2)) : null, sec(t.startMs), t.rssMiB,
          ]);
        }),
        `Throughput on ${meta.cpus} cores: one thread vs a pool of worker threads, each with its own assistant on the built index`,
      )
    : "";
  const live = table(
    ["passages", "new article cited after ms", "removed article gone after ms", "update() alone ms", "RSS MiB"],
    rows.map(({ run, live: l }): Cell[] =>
      !l
        ? [run.passages, "failed (see below)", null, null, null]
        : l.status === "ok"
          ? [run.passages, l.updateMs, l.removeMs, l.updateCallMs, l.rssMiB]
          : [run.passages, `not cited within ${l.waitedMs / 1000} s (no live update on this checkout)`, null, null, l.rssMiB],
    ),
    "Live update: one article copied into the folder of a running assistant (built index) watched as the front ends watch it, asked about every 50 ms",
  );
  const ing = report.ingest;
  const ingest = ing && table(
    ["files", "MiB", "formats", "articles", "passages", "skipped", "read files/s", "first start (read + index) s", "files/s", "peak RSS MiB"],
    [[
      ing.folder.files,
      ing.folder.bytes / 2 ** 20,
      Object.entries(ing.folder.byFormat).map(([f, n]) => `${f} ${n}`).join(", "),
      ing.result.documents,
      ing.result.passages,
      ing.folder.files - ing.result.documents,
      ing.readFilesPerSecond,
      sec(ing.result.buildMs),
      ing.buildFilesPerSecond,
      ing.peakRssMiB,
    ]],
    `Ingestion: a generated folder of mixed formats${ing.folder.unread.length ? ` (not read on this checkout, written as .txt instead: ${ing.folder.unread.join(", ")})` : ""}`,
  );
  const a = report.acceptance;
  const acceptance = a
    ? `Acceptance (issue 14): ${a.size}-passage start ${a.startMs} ms ÷ seed-only start ${a.seedStartMs} ms = ${a.ratio}× (limit ${a.limit}×): ${a.met ? "met" : "NOT met"}`
    : "";
  const targets = table(
    ["target (issue 14)", "measured", "limit", "met"],
    checkTargets(report).map((t): Cell[] => [t.what, t.measured, t.limit, t.met ? "yes" : "NO"]),
  );
  const failures = [
    ...rows.filter((r) => r.run.errors?.count).map((r) => `ERRORS at ${r.size} passages: ${r.run.errors.count} questions threw (scored as misses); first: ${r.run.errors.first}`),
    ...report.failures.map((f) => `FAILED ${f.stage}: ${f.error}`),
  ].join("\n");
  return [main, corpus, memoryTable, peers, start, pool, live, ingest, acceptance, targets, failures].filter(Boolean).join("\n\n");
}

/** Growth curves: latency, start-up, memory, build time and hit@1 against passages. */
export function realPanels(report: RealReport): Panel[] {
  const { rows } = report;
  const names = [...new Set(rows.flatMap((r) => r.run.baselines.map((b) => b.name)))];
  const peer = (n: string, f: (b: Extract<RealBaseline, { status: "ok" }>) => number | null) =>
    rows.map((r): [number, number | null] => {
      const b = okBaseline(r, n);
      return [r.run.passages, b ? f(b) : null];
    });
  const ours = (f: (r: RealRow) => number | null) => rows.map((r): [number, number | null] => [r.run.passages, f(r)]);
  // One name (so one colour) per system across panels; the panel title says what is drawn.
  const A = "assistant (whole answer)";
  return [
    {
      title: "Latency p50, new questions (ms; peers: search only)",
      xLabel: "passages",
      yLabel: "ms",
      series: [
        { name: A, points: ours((r) => r.run.latency.p50) },
        { name: "assistant p99", points: ours((r) => r.run.latency.p99) },
        ...names.map((n) => ({ name: n, points: peer(n, (b) => b.latency.p50) })),
      ],
    },
    { title: "Start with built index, to first answer (s)", xLabel: "passages", yLabel: "s", series: [{ name: A, points: ours((r) => sec(r.cold?.wallMs ?? null)) }] },
    {
      title: "RSS after the timed questions (MiB)",
      xLabel: "passages",
      yLabel: "MiB",
      series: [
        { name: A, points: ours((r) => r.run.memory.afterQueries.rssMiB) },
        { name: "assistant RSS after build", points: ours((r) => r.run.memory.afterBuild.rssMiB) },
      ],
    },
    {
      title: "Index build (s)",
      xLabel: "passages",
      yLabel: "s",
      series: [{ name: A, points: ours((r) => sec(r.run.buildMs)) }, ...names.map((n) => ({ name: n, points: peer(n, (b) => sec(b.buildMs)) }))],
    },
    {
      title: "hit@1 (gold article first)",
      xLabel: "passages",
      yLabel: "share",
      series: [{ name: A, points: ours((r) => r.run.retrievalSample.hit1) }, ...names.map((n) => ({ name: n, points: peer(n, (b) => b.retrieval.hit1) }))],
    },
  ];
}
