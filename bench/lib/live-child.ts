/**
 * Child process for one live update on a built index: start the assistant on the folder with the
 * watcher the front ends run (`bots/watch.ts`, where this checkout has it), copy one new article in,
 * and ask about it until an answer cites it: the time a user waits. Then the article is removed and
 * asked about until no answer cites it. Last, `assistant.update([file])` is timed alone on another new
 * article (the index work without the watcher's quiet time and the polling).
 */
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createAssistant, type Assistant } from "../../src/index.js";
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
  | { status: "ok"; passages: number; updateMs: number; removeMs: number | null; updateCallMs: number | null; rssMiB: number }
  | { status: "not-seen"; passages: number; waitedMs: number; rssMiB: number };

type Updatable = Assistant & { update?: (files?: string[]) => Promise<unknown> };
type WatchSeeds = (dir: string, assistant: Updatable, log: Record<"debug" | "info" | "warn" | "error", (msg: string) => void>) => { close(): void };

const args = childArgs<LiveArgs>();
const assistant: Updatable = await createAssistant({ seedsDir: args.seedsDir, indexDir: args.indexDir, embedder: args.embedder, log: () => {} });
// The front ends' watcher, by URL so a checkout without it still runs (and reports "not seen").
const watchSeeds = await import(new URL("../../bots/watch.ts", import.meta.url).href).then(
  (m: { watchSeeds?: WatchSeeds }) => m.watchSeeds,
  () => undefined,
);
const quiet = () => {};
const watcher = assistant.update && watchSeeds?.(args.seedsDir, assistant, { debug: quiet, info: quiet, warn: quiet, error: quiet });

const article = (name: string) => `${name}科技园获批新建研发中心\n\n2031-03-18\n\n${name}科技园管理委员会宣布，园区研发中心获得专项资金7531万元，计划于2032年建成投用。\n`;
const question = (name: string) => `${name}科技园的研发中心获得了多少专项资金？`;
const cites = async (name: string, doc: string) => (await assistant.ask(`live:${Date.now()}`, question(name))).citations.some((c) => c.doc === doc);
const waitFor = async (name: string, doc: string, want: boolean) => {
  const t0 = performance.now();
  while (performance.now() - t0 < args.timeoutMs) {
    if ((await cites(name, doc)) === want) return performance.now() - t0;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
};

// Names of characters the generated corpora never use, so only the new article can answer.
const doc = `live_${process.pid}`;
const file = join(args.seedsDir, `${doc}.txt`);
await writeFile(file, article("鹭屿翠岭"));
const updateMs = await waitFor("鹭屿翠岭", doc, true);
let removeMs: number | null = null;
if (updateMs !== null) {
  await rm(file);
  removeMs = await waitFor("鹭屿翠岭", doc, false);
} else await rm(file, { force: true });
watcher?.close();

let updateCallMs: number | null = null;
if (updateMs !== null && assistant.update) {
  const doc2 = `${doc}_b`;
  await writeFile(join(args.seedsDir, `${doc2}.txt`), article("鸥汀篁岗"));
  const t0 = performance.now();
  await assistant.update([`${doc2}.txt`]);
  updateCallMs = performance.now() - t0;
  await rm(join(args.seedsDir, `${doc2}.txt`));
  await assistant.update([`${doc2}.txt`]);
}
const passages = assistant.passages("", Number.MAX_SAFE_INTEGER).length;
sendResult(
  (updateMs === null
    ? { status: "not-seen", passages, waitedMs: args.timeoutMs, rssMiB: memory().rssMiB }
    : { status: "ok", passages, updateMs: round(updateMs, 1)!, removeMs: round(removeMs, 1), updateCallMs: round(updateCallMs, 1), rssMiB: memory().rssMiB }) satisfies LiveResult,
);
await assistant.close();
