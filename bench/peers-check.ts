/**
 * The peers alone on one real-text size, for the 100k row of issue 14 (their 100k builds and searches take
 * longer than the assistant's whole run, so `bench/scale-check.ts` leaves them out):
 *
 *   npx tsx bench/peers-check.ts --size 100000 [--dir /tmp/scale-100000] [--sample 1000] [--peers "MiniSearch + jieba"]
 *
 * Uses (or writes) the same corpus and questions as `scale-check.ts` with that folder: `writeRealCorpus` is
 * deterministic, so the first `--sample` timed questions are the ones the assistant's hit@1 is compared on.
 * Builds each peer over the passages and asks it those questions in this process. Prints JSON.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseCommandLine } from "../bots/cli-args.js";
import { defaultAssistantOptions, loadCorpus, selectEmbedder } from "../src/index.js";
import type { BaselineName } from "./lib/baselines.js";
import { memory } from "./lib/latency.js";
import { askBaselines } from "./lib/peer-run.js";
import { writeRealCorpus, type RealCorpusPlan } from "./lib/real-corpus.js";
import { REAL_BASELINES } from "./lib/real-run.js";

const { values } = parseCommandLine({ options: { size: { type: "string" }, dir: { type: "string" }, sample: { type: "string" }, peers: { type: "string", multiple: true } } }, "Usage: npx tsx bench/peers-check.ts --size 100000 [--dir /tmp/scale-100000] [--sample 1000] [--peers \"MiniSearch + jieba\"]");
const size = Number(values.size ?? 100_000);
const dir = values.dir ?? `/tmp/scale-${size}`;
const sample = Number(values.sample ?? 1_000);
const names = (values.peers ?? REAL_BASELINES) as BaselineName[];
const seedsDir = join(dir, "seeds");
const planFile = join(dir, "plan.json");
const log = (line: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${line}`);

if (!existsSync(planFile)) {
  log(`writing ${size} passages into ${seedsDir}…`);
  await mkdir(dir, { recursive: true });
  await writeFile(planFile, JSON.stringify(await writeRealCorpus(seedsDir, size, { warmup: 200, timed: Math.max(sample, 2_000) })));
}
const plan = JSON.parse(await readFile(planFile, "utf8")) as RealCorpusPlan;
log("reading the passages…");
const { passages } = await loadCorpus(seedsDir);
const questions = plan.timed.slice(0, sample);
const baselines = await askBaselines(passages, (await selectEmbedder({ ...defaultAssistantOptions, choice: "hashed" })).embedder, {}, names, questions, log);
console.log(JSON.stringify({ date: new Date().toISOString(), size, passages: passages.length, questions: questions.length, baselines, memory: memory() }, null, 1));
