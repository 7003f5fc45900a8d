/**
 * `npm run eval` — answer quality of `assistant.ask`, open-domain, on one of three sets, and retrieval
 * beside the baselines (MiniSearch, MiniSearch + jieba, LangChain HNSWLib, Orama) on the same passages
 * and questions.
 *
 *   npm run eval -- [--set seed|fresh|cmrc|drcd] [--split train|heldout|all] [--limit N] [--fold k/K]
 *                   [--embedder auto|hashed|transformers] [--out dir] [--no-install] [--no-baselines]
 *   npm run eval -- --signals [--set cmrc|drcd] [--split train (default)|heldout] [--limit N] [--real 1000]
 *                   each retrieval signal alone and fused (offline embedder), beside MiniSearch + jieba and Orama;
 *                   --real N: on a bench corpus of N passages (CMRC + DRCD copied and perturbed, of --split)
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseCommandLine } from "../bots/cli-args.js";
import { embedderChoice, stamp } from "./lib/cli.js";
import { SPLITS, type Split } from "./lib/datasets.js";
import { formatEval } from "./lib/eval-print.js";
import { runEval } from "./lib/eval-run.js";
import { EVAL_SETS, ownSet, parseFold, type EvalSet } from "./lib/eval-sets.js";

const { values: args } = parseCommandLine({
  options: {
    set: { type: "string", default: "seed" },
    split: { type: "string" },
    limit: { type: "string" },
    /** k/K: only the questions of fold k of the articles (train split: the dev fold of `npm run train -- --dev k/K`). */
    fold: { type: "string" },
    embedder: { type: "string", default: "auto" },
    models: { type: "string", default: "models" },
    out: { type: "string", default: "bench/results" },
    "no-install": { type: "boolean", default: false },
    "no-baselines": { type: "boolean", default: false },
    signals: { type: "boolean", default: false },
    real: { type: "string" },
  },
}, "Usage: npm run eval -- [--set seed|fresh|cmrc|drcd] [--split train|heldout|all] [--limit N] [--fold k/K] [--embedder auto|hashed|transformers] [--out dir] [--no-install] [--no-baselines]\n       npm run eval -- --signals [--set cmrc|drcd] [--split train|heldout] [--limit N] [--real N]");

const oneOf = <T extends string>(name: string, value: string, allowed: readonly T[]): T => {
  if (allowed.includes(value as T)) return value as T;
  console.error(`--${name} must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
  process.exit(2);
};
const set = oneOf<EvalSet>("set", args.set!, EVAL_SETS);
// --signals compares rankings while choosing them: the train split unless told otherwise.
const split = oneOf<Split>("split", args.split ?? (ownSet(set) ? "all" : args.signals ? "train" : "heldout"), SPLITS);
const limit = args.limit === undefined ? undefined : Number(args.limit);
if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) oneOf("limit", args.limit!, ["a positive integer"]);

if (args.signals) {
  const { formatSignals, runSignalsCli } = await import("./lib/signals-print.js");
  const real = args.real === undefined ? undefined : Number(args.real);
  if (real !== undefined && !(Number.isInteger(real) && real > 0)) oneOf("real", args.real!, ["a positive whole number of passages"]);
  if (ownSet(set) && real === undefined) oneOf("set", set, ["cmrc", "drcd"]);
  const out = await runSignalsCli({ set: set as "cmrc" | "drcd", split, limit, real, peers: { install: !args["no-install"] }, baselines: !args["no-baselines"] });
  console.log(formatSignals(out));
  process.exit(0);
}

const report = await runEval({
  set,
  split,
  limit,
  fold: args.fold === undefined ? undefined : parseFold(args.fold, "in"),
  embedder: embedderChoice(args.embedder),
  modelsDir: resolve(args.models),
  peers: { install: !args["no-install"] },
  baselines: !args["no-baselines"],
});
console.log(formatEval(report));
await mkdir(args.out!, { recursive: true });
const file = join(args.out!, `eval-${set}-${split}-${stamp()}.json`);
await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nReport: ${file}`);
