/**
 * Child process that builds one real-text corpus's index as a first start does (the assistant builds it in
 * a process of its own and loads the saved files) and reports the build: its time, the index's size and the
 * memory after it. The questions are timed in a fresh process started on the built index (`real-child.ts`),
 * as a server runs after every restart.
 */
import { childArgs, sendResult } from "./child.js";
import { timedStart, type EmbedderChoice } from "./core.js";
import { dirBytes, memory } from "./latency.js";
import { round } from "./stats.js";

export interface RealBuildArgs {
  seedsDir: string;
  /** Empty folder: the index is built here. */
  indexDir: string;
  embedder: EmbedderChoice;
  /** The core's entry module (the compiled dist/src/index.js, as `npm start` runs); the sources when absent. */
  entry?: string;
}

export interface RealBuildResult {
  buildMs: number;
  indexBytes: number;
  memory: Record<"before" | "afterBuild", ReturnType<typeof memory>>;
}

const args = childArgs<RealBuildArgs>();
const before = memory();
const { core, ms: buildMs } = await timedStart(args);
const afterBuild = memory();
await core.close();
sendResult({ buildMs: round(buildMs, 1)!, indexBytes: await dirBytes(args.indexDir), memory: { before, afterBuild } } satisfies RealBuildResult);
