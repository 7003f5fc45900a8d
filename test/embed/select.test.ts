import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTinyModel } from "../../scripts/make-tiny-model.js";
import { createAssistant } from "../../src/index.js";
import { selectEmbedder } from "../../src/embed/select.js";
import { SEEDS, tempDir } from "../helpers.js";

const MODEL = "test/tiny-embedder";
let models: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  models = await tempDir("qa-models-");
  await makeTinyModel(models.dir, MODEL);
});
afterAll(async () => models.cleanup());

describe("selectEmbedder", () => {
  it("falls back to the offline embedder without a model, and says how to get one", async () => {
    const empty = await tempDir();
    const { embedder, notice } = await selectEmbedder({ choice: "auto", modelsDir: empty.dir, modelId: "Xenova/multilingual-e5-small" });
    expect(embedder.id).toMatch(/^hashed-ngram/);
    expect(notice).toMatch(/npm run model:fetch/);
    expect(notice.split("\n")).toHaveLength(1);
    await empty.cleanup();
  });

  it("picks the model when it is in the models folder", async () => {
    const { embedder, notice } = await selectEmbedder({ choice: "auto", modelsDir: models.dir, modelId: MODEL });
    expect(embedder.id).toBe(`transformers:${MODEL}`);
    expect(notice).toContain(`transformers:${MODEL}`);
    await embedder.close?.();
  });

  it("honours an explicit choice of the offline embedder", async () => {
    const { embedder } = await selectEmbedder({ choice: "hashed", modelsDir: models.dir, modelId: MODEL });
    expect(embedder.id).toMatch(/^hashed-ngram/);
  });

  it("fails clearly when the model is required but missing", async () => {
    const empty = await tempDir();
    await expect(selectEmbedder({ choice: "transformers", modelsDir: empty.dir, modelId: MODEL })).rejects.toThrow(/model:fetch/);
    await empty.cleanup();
  });
});

describe("the assistant on a transformers.js model", () => {
  it("indexes with the model, records it in the manifest, and answers through it", async () => {
    const index = await tempDir();
    const assistant = await createAssistant({ seedsDir: SEEDS, indexDir: index.dir, modelsDir: models.dir, modelId: MODEL, embedder: "auto" });
    const manifest = JSON.parse(await readFile(join(index.dir, "manifest.json"), "utf8"));
    expect(manifest.embedder).toEqual({ id: `transformers:${MODEL}`, dimension: 16 });
    const reply = await assistant.ask("m", "崂山众创空间总面积将达到多少？");
    expect(reply.text).toContain("150万平方米");
    // A multilingual model takes English questions (answered or declined on its similarity, not refused).
    const english = await assistant.ask("m", "How large will the maker spaces be?");
    expect(["answer", "not-found"]).toContain(english.kind);
    expect(english.lang).toBe("en");
    await assistant.close();
    await index.cleanup();
  });
});
