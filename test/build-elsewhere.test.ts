import { afterEach, expect, it, vi } from "vitest";
import type { Corpus } from "../src/corpus/corpus.js";
import { loadCorpus } from "../src/corpus/load.js";
import { createHashedNgramEmbedder } from "../src/embed/hashed-ngram.js";
import { buildAndSave } from "../src/retrieval/index-store.js";
import { corpusTerms, createTokenizer } from "../src/text/tokenize.js";
import { SEEDS, tempDir } from "./helpers.js";

// The child process stood in for by a build in this process that records what it was handed
// (vitest's transform does not carry over to a forked child).
const handed: (Corpus | undefined)[] = [];
vi.mock("../src/retrieval/build-process.js", () => ({
  childBuilder: ({ seedsDir, indexDir }: { seedsDir: string; indexDir: string }) =>
    async (corpus?: Corpus) => {
      handed.push(corpus);
      const terms = { termsOf: (c: Corpus) => corpusTerms(c.passages.map((p) => p.text)), fromTerms: createTokenizer };
      const store = await buildAndSave(corpus ?? (await loadCorpus(seedsDir)), createHashedNgramEmbedder(), terms, { dir: indexDir });
      store.close();
    },
}));
const { createAssistant } = await import("../src/assistant.js");

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  handed.length = 0;
});

it("with no saved index, leaves the reading to the build elsewhere and starts on what it saved", async () => {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const logs: string[] = [];
  const assistant = await createAssistant({ seedsDir: SEEDS, indexDir: dir, embedder: "hashed", log: (_, msg) => logs.push(msg) });
  // Handed no corpus: this process read no article before the build (none logged as read here either).
  expect(handed).toEqual([undefined]);
  expect(logs.filter((l) => /: \d+ passages/.test(l))).toEqual([]);
  expect(logs).toContainEqual(expect.stringMatching(/index built in a child process/));
  expect((await assistant.ask("c", "崂山众创空间总面积将达到多少？")).text).toContain("150万平方米");
  await assistant.close();

  // The next start takes the saved index: no build.
  const again = await createAssistant({ seedsDir: SEEDS, indexDir: dir, embedder: "hashed", log: () => {} });
  expect(handed).toHaveLength(1);
  await again.close();
});
