/**
 * Child process for the ingestion bench: read a generated mixed-format folder (timed, memory), then
 * build the index over it as a first start does (timed, peak memory of the whole process).
 */
import { loadCorpus } from "../../src/index.js";
import { childArgs, sendResult } from "./child.js";
import { startAssistant, type EmbedderChoice } from "./core.js";
import { memory } from "./latency.js";
import { round } from "./stats.js";

export interface IngestArgs {
  seedsDir: string;
  indexDir: string;
  embedder: EmbedderChoice;
}

export interface IngestResult {
  documents: number;
  passages: number;
  /** Files that gave no article (skipped, with a warning each). */
  warnings: number;
  readMs: number;
  afterRead: ReturnType<typeof memory>;
  /** Read + parse + embed + index, as the first start on the folder does. */
  buildMs: number;
  afterBuild: ReturnType<typeof memory>;
}

const args = childArgs<IngestArgs>();
let warnings = 0;
const t0 = performance.now();
// Only the counts are kept: the corpus read here must not add to the build's memory below.
const { documents, passages } = await loadCorpus(args.seedsDir, () => warnings++).then((c) => ({ documents: c.documents.length, passages: c.passages.length }));
const readMs = performance.now() - t0;
const afterRead = memory();
const t1 = performance.now();
const core = await startAssistant({ seedsDir: args.seedsDir, indexDir: args.indexDir, embedder: args.embedder });
const buildMs = performance.now() - t1;
const afterBuild = memory();
await core.close();
sendResult({ documents, passages, warnings, readMs: round(readMs, 1)!, afterRead, buildMs: round(buildMs, 1)!, afterBuild } satisfies IngestResult);
