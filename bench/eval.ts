/**
 * `npm run eval` — answer quality of `assistant.ask` on the question set, and retrieval beside the
 * baselines (MiniSearch, LangChain HNSWLib) on the same passages and questions.
 *
 *   npm run eval -- [--embedder auto|hashed|transformers] [--questions file] [--seeds dir] [--out dir] [--no-install]
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatEval } from "./lib/eval-print.js";
import { runEval } from "./lib/eval-run.js";
import { embedderChoice, stamp } from "./lib/cli.js";

const { values: args } = parseArgs({
  options: {
    embedder: { type: "string", default: "auto" },
    questions: { type: "string" },
    seeds: { type: "string", default: "seeds" },
    models: { type: "string", default: "models" },
    out: { type: "string", default: "bench/results" },
    "no-install": { type: "boolean", default: false },
  },
});

const report = await runEval({
  seedsDir: resolve(args.seeds),
  questions: args.questions && resolve(args.questions),
  embedder: embedderChoice(args.embedder),
  modelsDir: resolve(args.models),
  peers: { install: !args["no-install"] },
});
console.log(formatEval(report));
await mkdir(args.out, { recursive: true });
const file = join(args.out, `eval-${stamp()}.json`);
await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nReport: ${file}`);
