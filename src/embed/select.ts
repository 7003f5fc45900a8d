import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Embedder } from "./embedder.js";
import { createHashedNgramEmbedder } from "./hashed-ngram.js";

/** `auto` takes the model when it is in the models folder, the offline embedder otherwise. */
export type EmbedderChoice = "auto" | "transformers" | "hashed";

export interface SelectEmbedderOptions {
  choice: EmbedderChoice;
  modelsDir: string;
  modelId: string;
}

/**
 * Picks the embedder and says so in one line (`notice`), with how to get the model
 * when the offline one is active. transformers.js is only loaded when the model is used.
 *
 * @example const { embedder, notice } = await selectEmbedder({ choice: "auto", modelsDir: "models", modelId: "Xenova/multilingual-e5-small" });
 */
export async function selectEmbedder({ choice, modelsDir, modelId }: SelectEmbedderOptions): Promise<{ embedder: Embedder; notice: string }> {
  if (choice !== "hashed" && (choice === "transformers" || existsSync(join(modelsDir, modelId)))) {
    const { createTransformersEmbedder, modelAvailable, TransformersMissingError } = await import("./transformers.js");
    if (choice === "transformers" || modelAvailable(modelsDir, modelId)) {
      try {
        const embedder = await createTransformersEmbedder({ modelId, modelsDir });
        return { embedder, notice: `Embedder: ${embedder.id} (${embedder.dimension} dimensions, from ${join(modelsDir, modelId)}).` };
      } catch (error) {
        // `auto` with the model on disk but the optional package left out: say so, and answer offline.
        if (choice === "transformers" || !(error instanceof TransformersMissingError)) throw error;
        const embedder = createHashedNgramEmbedder();
        return { embedder, notice: `Embedder: ${embedder.id} (offline). ${error.message}` };
      }
    }
  }
  const embedder = createHashedNgramEmbedder();
  return {
    embedder,
    notice:
      `Embedder: ${embedder.id} (offline; English questions read through a dictionary). For paraphrases and better English ` +
      `run \`npm run model:fetch\` once online (saves ${modelId} to ${modelsDir}/), then restart.`,
  };
}
