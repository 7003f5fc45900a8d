/** Child process of `childBuilder`: builds and saves the index, reports, exits (its memory goes with it). */
import { readFile } from "node:fs/promises";
import { loadCorpus } from "../corpus/load.js";
import { decodeReads } from "../corpus/saved-reads.js";
import { selectEmbedder } from "../embed/select.js";
import { corpusTerms, createTokenizer } from "../text/tokenize.js";
import type { BuildChildArgs, BuildChildMessage } from "./build-process.js";
import { buildAndSave } from "./index-store.js";

const send = (m: BuildChildMessage) => new Promise<void>((resolve) => (process.send ? process.send(m, () => resolve()) : resolve()));
try {
  const args = JSON.parse(process.argv[2] ?? "{}") as BuildChildArgs;
  // The parent has read every file just now: its reads are taken as they are (their files' stats match).
  const { reads } = decodeReads(await readFile(args.readsFile));
  const corpus = await loadCorpus(args.seedsDir, { known: reads, maxFileBytes: args.maxFileBytes });
  const { embedder } = await selectEmbedder({ choice: args.embedder, modelsDir: args.modelsDir, modelId: args.modelId });
  const terms = { termsOf: (c: typeof corpus) => corpusTerms(c.passages.map((p) => p.text)), fromTerms: createTokenizer };
  const store = await buildAndSave(corpus, embedder, terms, {
    dir: args.indexDir,
    log: (level, msg) => void send({ log: [level, msg] }),
    onProgress: (progress) => void send({ progress }),
  });
  store.close();
  await embedder.close?.();
  await send({ done: true });
} catch (err) {
  await send({ failed: (err as Error).message });
}
process.exit(0);
