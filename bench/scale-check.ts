/**
 * One real-text size without the peers (their 100k builds take longer than the assistant's), for the
 * figures of issue 14 at 100k passages:
 *
 *   npx tsx bench/scale-check.ts --size 100000 [--dir /tmp/scale-100000] [--questions 2000] [--starts 1]
 *
 * Writes the corpus into the folder (kept with its index, so a second run builds nothing), builds the index in
 * a child process when it is not built yet (time, memory after the build), then in a fresh child started on the
 * built index asks warm-up and unseen timed questions, with memory and its breakdown after the start and after
 * the questions; then starts on the built index in fresh processes (spawn to first answer). Prints JSON.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseCommandLine } from "../bots/cli-args.js";
import { ANSWERING, runChild, startChild } from "./lib/child.js";
import type { RealArgs } from "./lib/real-child.js";
import { runReal } from "./lib/real-run.js";
import { writeRealCorpus } from "./lib/real-corpus.js";

const { values } = parseCommandLine({ options: { size: { type: "string" }, dir: { type: "string" }, questions: { type: "string" }, starts: { type: "string" } } }, "Usage: npx tsx bench/scale-check.ts --size 100000 [--dir /tmp/scale-100000] [--questions 2000] [--starts 1]");
const size = Number(values.size ?? 100_000);
const dir = values.dir ?? `/tmp/scale-${size}`;
const questions = Number(values.questions ?? 2_000);
const seedsDir = join(dir, "seeds");
const indexDir = join(dir, "index");
const planFile = join(dir, "plan.json");
const log = (line: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${line}`);

if (!existsSync(planFile)) {
  log(`writing ${size} passages into ${seedsDir}…`);
  await mkdir(dir, { recursive: true });
  await writeFile(planFile, JSON.stringify(await writeRealCorpus(seedsDir, size, { warmup: 200, timed: questions })));
}
const built = existsSync(join(indexDir, "manifest.json"));
log(`${built ? "loading" : "building"} the index, then ${questions} timed questions…`);
const start = await startChild(true); // compiled, as npm start runs
const args: RealArgs = { seedsDir, indexDir, embedder: "hashed", planFile, hitSample: 1_000, baselines: [], peers: { install: false }, entry: start.extra.entry };
const { build, answer } = await runReal(args, { build: !built, timeoutMs: 3 * 60 * 60_000 });
const starts = [];
for (let i = 0; i < Number(values.starts ?? 1); i++) {
  log("start on the built index…");
  const question = "崂山众创空间总面积将达到多少？";
  const { wallMs, result } = await runChild<{ modulesMs: number; readyMs: number; firstAnswerMs: number; rssMiB: number }>(start.script, { seedsDir, indexDir, embedder: "hashed", question, ...start.extra }, { tsx: start.tsx, ...ANSWERING });
  starts.push({ wallMs: Math.round(wallMs), ...result });
}
const { baselines: _, ...rest } = answer;
console.log(JSON.stringify({ date: new Date().toISOString(), size, build, run: rest, starts }, null, 1));
