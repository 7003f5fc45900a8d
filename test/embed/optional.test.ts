import { describe, expect, it } from "vitest";
import { loadTransformers, TransformersMissingError } from "../../src/embed/transformers.js";

describe("transformers.js, left out of a production install", () => {
  it("loads when installed (as in development and CI)", async () => {
    const transformers = await loadTransformers();
    expect(typeof transformers.pipeline).toBe("function");
  });

  it("when left out, fails with one line naming the package and how to install it", async () => {
    const missing = loadTransformers("@huggingface/transformers-not-installed");
    await expect(missing).rejects.toBeInstanceOf(TransformersMissingError);
    await expect(missing).rejects.toThrow(/npm install --omit=dev --save-prod @huggingface\/transformers-not-installed.*EMBEDDER=hashed/);
  });
});
