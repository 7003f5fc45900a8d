/**
 * `npm run bench` — warm latency and throughput through `assistant.ask`, cold start, and scale on
 * synthetic corpora, with MiniSearch and LangChain HNSWLib measured in the same run.
 * `npm run bench -- --real` — the same questions asked of real text instead: CMRC/DRCD passages
 * copied and perturbed to 1k/10k/100k, unseen questions, MiniSearch + jieba and Orama beside.
 *
 *   npm run bench -- [--small] [--full] [--sizes 1000,10000] [--iterations N] [--embedder auto|hashed|transformers] [--out dir]
 *   npm run bench -- --real [--small] [--sizes 1000,10000] [--questions N] [--pool N] [--hit-sample N] [--ingest-files N (0: none)] [--embedder …] [--out dir]
 *   npm run bench -- --from bench/results/bench-real-<time>/report.json   (re-render a saved --real report)
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseCommandLine } from "../bots/cli-args.js";
import { benchPanels, formatBench } from "./lib/bench-print.js";
import { DEFAULT_SIZES, FULL_SIZES, runBench } from "./lib/bench-run.js";
import { renderChart } from "./lib/chart.js";
import { embedderChoice, stamp } from "./lib/cli.js";
import { formatReal, realPanels } from "./lib/real-print.js";
import { renderMarkdown } from "./lib/table.js";
import { runRealBench, type RealReport } from "./lib/real-run.js";

const { values: args } = parseCommandLine({
  options: {
    small: { type: "boolean", default: false },
    real: { type: "boolean", default: false },
    from: { type: "string" },
    questions: { type: "string" },
    pool: { type: "string" },
    "ingest-files": { type: "string" },
    "hit-sample": { type: "string" },
    full: { type: "boolean", default: false },
    sizes: { type: "string" },
    iterations: { type: "string" },
    embedder: { type: "string" },
    seeds: { type: "string", default: "seeds" },
    out: { type: "string", default: "bench/results" },
    "no-install": { type: "boolean", default: false },
  },
}, "Usage: npm run bench -- [--small] [--full] [--sizes 1000,10000] [--iterations N] [--embedder auto|hashed|transformers] [--out dir]\n       npm run bench -- --real [--sizes 1000,10000,100000] [--ingest-files N] …  (see bench/README.md)");

const sizes = args.sizes?.split(",").map((s) => Number(s.trim()));
if (sizes?.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error(`--sizes takes passage counts separated by commas, e.g. --sizes 1000,10000 (got ${args.sizes})`);
  process.exit(2);
}
const iterations = args.iterations === undefined ? undefined : Number(args.iterations);
if (iterations !== undefined && !(Number.isInteger(iterations) && iterations > 0)) {
  console.error(`--iterations takes a positive whole number (got ${args.iterations})`);
  process.exit(2);
}

const count = (name: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (Number.isInteger(n) && n > 0) return n;
  console.error(`--${name} takes a positive whole number (got ${value})`);
  process.exit(2);
};

function realCaption(report: RealReport): string {
  return `${report.meta.date.slice(0, 10)} · ${report.meta.cpus} cores · embedder ${report.meta.embedder} · npm run bench -- --real`;
}

/** Prints the tables and saves report.json, report.txt, chart.svg (and report.md) under a new timestamped folder. */
async function save(prefix: string, report: object, text: string, svg: string, markdown?: string) {
  console.log(text);
  const dir = join(args.out, `${prefix}-${stamp()}`);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(dir, "report.txt"), `${text}\n`);
  await writeFile(join(dir, "chart.svg"), svg);
  if (markdown) await writeFile(join(dir, "report.md"), `${markdown}\n`);
  console.log(`\nResults: ${dir} (report.json, report.txt, chart.svg${markdown ? ", report.md" : ""})`);
}

if (args.from) {
  // Re-renders a saved --real report (tables, Markdown, chart) beside its report.json.
  const report = JSON.parse(await readFile(args.from, "utf8")) as RealReport;
  const dir = dirname(args.from);
  const text = formatReal(report);
  console.log(text);
  await writeFile(join(dir, "report.txt"), `${text}\n`);
  await writeFile(join(dir, "report.md"), `${formatReal(report, renderMarkdown)}\n`);
  await writeFile(join(dir, "chart.svg"), renderChart(realPanels(report), realCaption(report), 3));
} else if (args.real) {
  const partial = join(args.out, `bench-real-partial-${stamp()}.json`);
  const done: unknown[] = [];
  const report = await runRealBench({
    seedsDir: resolve(args.seeds),
    // The targets are set for the offline embedder: it is the default here.
    embedder: embedderChoice(args.embedder ?? "hashed"),
    small: args.small,
    sizes,
    timed: count("questions", args.questions),
    poolWorkers: count("pool", args.pool),
    hitSample: count("hit-sample", args["hit-sample"]),
    ingestFiles: args["ingest-files"] === "0" ? 0 : count("ingest-files", args["ingest-files"]),
    peers: { install: !args["no-install"] },
    log: (line) => console.error(`${new Date().toISOString().slice(11, 19)} ${line}`),
    onRow: async (row) => {
      done.push(row);
      await mkdir(args.out, { recursive: true });
      await writeFile(partial, `${JSON.stringify(done, null, 2)}\n`);
    },
  });
  await rm(partial, { force: true });
  await save("bench-real", report, formatReal(report), renderChart(realPanels(report), realCaption(report), 3), formatReal(report, renderMarkdown));
} else {
  const report = await runBench({
    seedsDir: resolve(args.seeds),
    embedder: embedderChoice(args.embedder ?? "auto"),
    small: args.small,
    sizes: sizes ?? (args.full ? FULL_SIZES : args.small ? undefined : DEFAULT_SIZES),
    iterations,
    peers: { install: !args["no-install"] },
    log: (line) => console.error(line),
  });
  const caption = `${report.meta.date.slice(0, 10)} · ${report.meta.cpus} cores · embedder ${report.meta.embedder} · npm run bench`;
  await save("bench", report, formatBench(report), renderChart(benchPanels(report), caption));
}
