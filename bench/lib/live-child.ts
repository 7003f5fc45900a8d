/**
 * Child process for one live update on a built index: start the assistant on the folder (as a
 * long-running front end does), copy one new article in, and ask about it until an answer cites it.
 * The time from the file written to the first answer citing it is the update's time as a user sees it.
 */
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createAssistant, type AssistantOptions } from "../../src/index.js";
import { childArgs, sendResult } from "./child.js";
import type { EmbedderChoice } from "./core.js";
import { memory } from "./latency.js";
import { round } from "./stats.js";

export interface LiveArgs {
  seedsDir: string;
  indexDir: string;
  embedder: EmbedderChoice;
  /** Give up after this long (the update is then reported as not seen). */
  timeoutMs: number;
}

export type LiveResult =
  | { status: "ok"; passages: number; updateMs: number; removeMs: number | null; rssMiB: number }
  | { status: "not-seen"; passages: number; waitedMs: number; rssMiB: number };

const args = childArgs<LiveArgs>();
// `watch` asks for the live corpus where the core has it; a core without it ignores the field.
const options = { seedsDir: args.seedsDir, indexDir: args.indexDir, embedder: args.embedder, log: () => {}, watch: true } as AssistantOptions;
const assistant = await createAssistant(options);
const doc = `live_${process.pid}`;
const article = `鹭屿翠岭科技园获批新建研发中心\n\n2031-03-18\n\n鹭屿翠岭科技园管理委员会宣布，园区研发中心获得专项资金7531万元，计划于2032年建成投用。\n`;
const question = "鹭屿翠岭科技园的研发中心获得了多少专项资金？";
const cites = async () => (await assistant.ask(`live:${Date.now()}`, question)).citations.some((c) => c.doc === doc);
const waitFor = async (want: boolean) => {
  const t0 = performance.now();
  while (performance.now() - t0 < args.timeoutMs) {
    if ((await cites()) === want) return performance.now() - t0;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
};
const file = join(args.seedsDir, `${doc}.txt`);
await writeFile(file, article);
const updateMs = await waitFor(true);
let removeMs: number | null = null;
if (updateMs !== null) {
  await rm(file);
  removeMs = await waitFor(false);
} else await rm(file, { force: true });
const passages = assistant.passages("", Number.MAX_SAFE_INTEGER).length;
sendResult(
  (updateMs === null
    ? { status: "not-seen", passages, waitedMs: args.timeoutMs, rssMiB: memory().rssMiB }
    : { status: "ok", passages, updateMs: round(updateMs, 1)!, removeMs: round(removeMs, 1), rssMiB: memory().rssMiB }) satisfies LiveResult,
);
await assistant.close();
