/**
 * One real-text size without the peers (their 100k builds take longer than the assistant's), for the
 * figures of issue 14 at 100k passages:
 *
 *   npx tsx bench/scale-check.ts --size 100000 [--dir /tmp/scale-100000] [--questions 2000] [--starts 1]
 *
 * Writes the corpus into the folder (kept with its index, so a second run measures a start only), then in
 * a child process builds (or loads) the index and asks warm-up and unseen timed questions, with memory and
 * its breakdown after the build and after the questions; then starts on the built index in fresh processes
 * (spawn to first answer). Prints JSON.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseCommandLine } from "../bots/cli-args.js";
import { ANSWERING, runChild, startChild } from "./lib/child.js";
import type { RealArgs, RealChildResult } from "./lib/real-child.js";
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
const { result: run } = await runChild<RealChildResult>("real-child.ts", args, { nodeArgs: ["--max-old-space-size=16384", ...ANSWERING.nodeArgs], env: ANSWERING.env, timeoutMs: 3 * 60 * 60_000 });
const starts = [];
for (let i = 0; i < Number(values.starts ?? 1); i++) {
  log("start on the built index…");
  const question = "崂山众创空间总面积将达到多少？";
  const { wallMs, result } = await runChild<{ modulesMs: number; readyMs: number; firstAnswerMs: number; rssMiB: number }>(start.script, { seedsDir, indexDir, embedder: "hashed", question, ...start.extra }, { tsx: start.tsx, ...ANSWERING });
  starts.push({ wallMs: Math.round(wallMs), ...result });
}
const { baselines: _, ...rest } = run;
console.log(JSON.stringify({ date: new Date().toISOString(), size, [built ? "loadMs" : "buildMs"]: run.buildMs, run: rest, starts }, null, 1));
