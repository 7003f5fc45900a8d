import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load.js";
import { createHashedNgramEmbedder } from "../../src/embed/hashed-ngram.js";
import { INDEX_FORMAT_VERSION, openIndex } from "../../src/retrieval/index-store.js";
import { SEEDS, tempDir } from "../helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup() {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const corpus = await loadCorpus(SEEDS);
  const logs: string[] = [];
  return { dir, corpus, logs, log: (level: string, msg: string) => logs.push(`${level} ${msg}`) };
}

describe("openIndex", () => {
  it("builds, saves a versioned manifest, then loads it without rebuilding", async () => {
    const { dir, corpus, log } = await setup();
    const embedder = createHashedNgramEmbedder();
    const first = await openIndex(corpus, embedder, { dir, log });
    expect(first.rebuilt).toBe(true);
    const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ formatVersion: INDEX_FORMAT_VERSION, embedder: { id: embedder.id, dimension: embedder.dimension }, corpusHash: corpus.hash });
    const second = await openIndex(corpus, embedder, { dir, log });
    expect(second.rebuilt).toBe(false);
    const [v] = await embedder.embed([corpus.passages[2]!.text], "query");
    expect(second.index.search(v!, 1)[0]!.id).toBe(corpus.passages[2]!.id);
  });

  it("rebuilds when the embedder or its dimension changes", async () => {
    const { dir, corpus, log, logs } = await setup();
    await openIndex(corpus, createHashedNgramEmbedder(), { dir, log });
    const other = await openIndex(corpus, createHashedNgramEmbedder({ dimension: 128 }), { dir, log });
    expect(other.rebuilt).toBe(true);
    expect(other.index.dimension).toBe(128);
    expect(logs.some((l) => /out of date \(embedder/.test(l))).toBe(true);
  });

  it("rebuilds when the articles change", async () => {
    const { dir, corpus, log } = await setup();
    const embedder = createHashedNgramEmbedder();
    await openIndex(corpus, embedder, { dir, log });
    const changed = { ...corpus, hash: "different" };
    expect((await openIndex(changed, embedder, { dir, log })).rebuilt).toBe(true);
  });

  it("rebuilds with a warning when the saved vectors are corrupt", async () => {
    const { dir, corpus, log, logs } = await setup();
    const embedder = createHashedNgramEmbedder();
    await openIndex(corpus, embedder, { dir, log });
    await writeFile(join(dir, "vectors.hnsw"), "garbage");
    const again = await openIndex(corpus, embedder, { dir, log });
    expect(again.rebuilt).toBe(true);
    expect(logs.some((l) => l.startsWith("warn") && /unreadable/.test(l))).toBe(true);
  });

  it("rebuilds with a warning when the manifest is not valid JSON", async () => {
    const { dir, corpus, log, logs } = await setup();
    const embedder = createHashedNgramEmbedder();
    await openIndex(corpus, embedder, { dir, log });
    await writeFile(join(dir, "manifest.json"), "{ not json");
    expect((await openIndex(corpus, embedder, { dir, log })).rebuilt).toBe(true);
    expect(logs.some((l) => l.startsWith("warn") && /manifest/.test(l))).toBe(true);
  });
});
