/** Child process of `childBuilder`: builds and saves the index, reports, exits (its memory goes with it). */
import { readFile } from "node:fs/promises";
import { loadCorpus } from "../corpus/load.js";
import { decodeReads } from "../corpus/saved-reads.js";
import { selectEmbedder } from "../embed/select.js";
import type { Progress } from "../progress.js";
import { corpusTerms, createTokenizer } from "../text/tokenize.js";
import type { BuildChildArgs, BuildChildMessage } from "./build-process.js";
import { buildAndSave } from "./index-store.js";

const send = (m: BuildChildMessage) => new Promise<void>((resolve) => (process.send ? process.send(m, () => resolve()) : resolve()));
try {
  const args = JSON.parse(process.argv[2] ?? "{}") as BuildChildArgs;
  const log = (level: "info" | "warn", msg: string) => void send({ log: [level, msg] });
  const onProgress = (progress: Progress) => void send({ progress });
  // The parent has read every file just now: its reads are taken as they are (their files' stats match), and
  // it has logged them. Without them this process reads the folder, and the parent hears of each file from it.
  const corpus = args.readsFile
    ? await loadCorpus(args.seedsDir, { known: decodeReads(await readFile(args.readsFile)).reads, maxFileBytes: args.maxFileBytes })
    : await loadCorpus(args.seedsDir, { maxFileBytes: args.maxFileBytes, log, onProgress });
  const { embedder } = await selectEmbedder({ choice: args.embedder, modelsDir: args.modelsDir, modelId: args.modelId });
  const terms = { termsOf: (c: typeof corpus) => corpusTerms(c.passages.map((p) => p.text)), fromTerms: createTokenizer };
  const store = await buildAndSave(corpus, embedder, terms, { dir: args.indexDir, log, onProgress });
  store.close();
  await embedder.close?.();
  await send({ done: true });
} catch (err) {
  await send({ failed: (err as Error).message });
}
process.exit(0);
