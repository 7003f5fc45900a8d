/**
 * `npm run bench` — warm latency and throughput through `assistant.ask`, cold start, and scale on
 * synthetic corpora, with MiniSearch and LangChain HNSWLib measured in the same run.
 *
 *   npm run bench -- [--small] [--full] [--sizes 1000,10000] [--iterations N] [--embedder auto|hashed|transformers] [--out dir]
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { benchPanels, formatBench } from "./lib/bench-print.js";
import { DEFAULT_SIZES, FULL_SIZES, runBench } from "./lib/bench-run.js";
import { renderChart } from "./lib/chart.js";
import { embedderChoice, stamp } from "./lib/cli.js";

const { values: args } = parseArgs({
  options: {
    small: { type: "boolean", default: false },
    full: { type: "boolean", default: false },
    sizes: { type: "string" },
    iterations: { type: "string" },
    embedder: { type: "string", default: "auto" },
    seeds: { type: "string", default: "seeds" },
    out: { type: "string", default: "bench/results" },
    "no-install": { type: "boolean", default: false },
  },
});

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

const report = await runBench({
  seedsDir: resolve(args.seeds),
  embedder: embedderChoice(args.embedder),
  small: args.small,
  sizes: sizes ?? (args.full ? FULL_SIZES : args.small ? undefined : DEFAULT_SIZES),
  iterations,
  peers: { install: !args["no-install"] },
  log: (line) => console.error(line),
});
const text = formatBench(report);
console.log(text);
const dir = join(args.out, `bench-${stamp()}`);
await mkdir(dir, { recursive: true });
await writeFile(join(dir, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
await writeFile(join(dir, "report.txt"), `${text}\n`);
const caption = `${report.meta.date.slice(0, 10)} · ${report.meta.cpus} cores · embedder ${report.meta.embedder} · npm run bench`;
await writeFile(join(dir, "chart.svg"), renderChart(benchPanels(report), caption));
console.log(`\nResults: ${dir} (report.json, report.txt, chart.svg)`);
