import { afterEach, expect, it } from "vitest";
import { createAssistant } from "../src/assistant.js";
import type { Corpus } from "../src/corpus/corpus.js";
import { loadCorpus } from "../src/corpus/load.js";
import { createHashedNgramEmbedder } from "../src/embed/hashed-ngram.js";
import { buildAndSave } from "../src/retrieval/index-store.js";
import { corpusTerms, createTokenizer } from "../src/text/tokenize.js";
import { SEEDS, tempDir } from "./helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

it("with no saved index, leaves the reading to the build elsewhere and starts on what it saved", async () => {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  // The child process stood in for by a build in this process that records what it was handed.
  const handed: (Corpus | undefined)[] = [];
  const buildElsewhere = async (corpus?: Corpus) => {
    handed.push(corpus);
    const terms = { termsOf: (c: Corpus) => corpusTerms(c.passages.map((p) => p.text)), fromTerms: createTokenizer };
    (await buildAndSave(corpus ?? (await loadCorpus(SEEDS)), createHashedNgramEmbedder(), terms, { dir })).close();
  };
  const logs: string[] = [];
  const assistant = await createAssistant({ seedsDir: SEEDS, indexDir: dir, embedder: "hashed", buildElsewhere, log: (_, msg) => logs.push(msg) });
  // Handed no corpus: this process read no article before the build (none logged as read here either).
  expect(handed).toEqual([undefined]);
  expect(logs.filter((l) => /: \d+ passages/.test(l))).toEqual([]);
  expect(logs).toContainEqual(expect.stringMatching(/index built in a child process/));
  expect((await assistant.ask("c", "崂山众创空间总面积将达到多少？")).text).toContain("150万平方米");
  await assistant.close();

  // The next start takes the saved index: no build.
  const again = await createAssistant({ seedsDir: SEEDS, indexDir: dir, embedder: "hashed", buildElsewhere, log: () => {} });
  expect(handed).toHaveLength(1);
  await again.close();
});
