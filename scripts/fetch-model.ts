/**
 * Downloads the embedding model into the models folder by loading it once with downloads allowed,
 * so the files land exactly where offline loading looks: `${MODELS_DIR}/${modelId}/`.
 *
 * Usage: `npm run model:fetch [-- <modelId>]`
 * Settings: EMBEDDING_MODEL (model id, default Xenova/multilingual-e5-small) and MODELS_DIR (default `models`),
 * read from `.env` and the environment through the same validated settings the bots use.
 */
import { join, resolve } from "node:path";
import type { ProgressInfo } from "@huggingface/transformers";
import { createTransformersEmbedder } from "../src/embed/transformers.js";
import { loadSettings } from "../bots/boot.js";

const { config } = loadSettings();
const modelId = process.argv[2] || config.EMBEDDING_MODEL;
const modelsDir = resolve(config.MODELS_DIR);
const folder = join(modelsDir, modelId);

console.error(`Fetching ${modelId} into ${folder} …`);
try {
  const embedder = await createTransformersEmbedder({ modelId, modelsDir, allowRemote: true, onProgress: showProgress() });
  await embedder.close?.();
  console.log(`Model ready: ${folder} (${embedder.id}, ${embedder.dimension} dimensions).`);
  console.log("EMBEDDER=auto will now use it; rebuild the index with `npm run index`.");
} catch (error) {
  console.error(`model:fetch failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/** One stderr line per finished file, plus a live percentage on a terminal. */
function showProgress(): (info: ProgressInfo) => void {
  const tty = process.stderr.isTTY;
  return (info) => {
    if (info.status === "progress" && tty) {
      process.stderr.write(`\r  ${info.file} ${info.progress.toFixed(0)}%   `);
    } else if (info.status === "done") {
      process.stderr.write(`${tty ? "\r" : ""}  ${info.file} ✓${" ".repeat(8)}\n`);
    }
  };
}
