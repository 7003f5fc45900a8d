import { createHash } from "node:crypto";
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadCorpus } from "../../src/corpus/load.js";
import { SavedPassage } from "../../src/corpus/saved-reads.js";
import { createHashedNgramEmbedder } from "../../src/embed/hashed-ngram.js";
import { buildPolicyRegistry, type Policy } from "../../src/policies/registry.js";
import { buildAndSave, INDEX_FORMAT_VERSION, openIndex, readSavedIndex } from "../../src/retrieval/index-store.js";
import { checkHnswFile } from "../../src/retrieval/vector-index.js";
import { createTokenizer, quotedTerms, TOKENIZER_VERSION } from "../../src/text/tokenize.js";
import { SEEDS, tempDir } from "../helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup() {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const corpus = await loadCorpus(SEEDS);
  const tokenizer = createTokenizer(corpus.passages.flatMap((p) => quotedTerms(p.text)));
  const embedder = createHashedNgramEmbedder();
  const logs: string[] = [];
  const log = (level: string, msg: string) => logs.push(`${level} ${msg}`);
  const open = (c = corpus, e = embedder) => openIndex(c, e, tokenizer, { dir, log });
  await open();
  logs.length = 0;
  return { dir, corpus, embedder, tokenizer, logs, open };
}

const sha256 = (buf: Buffer) => createHash("sha256").update(buf).digest("hex");

/** Rewrites a saved file and, with `resign`, the manifest's checksum of it (a damaged file that claims to be whole). */
async function damage(dir: string, name: string, edit: (buf: Buffer) => Buffer, resign: boolean | "and its time" = false) {
  const file = join(dir, name);
  const buf = edit(await readFile(file));
  await writeFile(file, buf);
  if (!resign) return;
  const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
  // "and its time": the file's new modification time recorded too, so it is trusted without hashing it.
  manifest.files[name] = { sha256: sha256(buf), bytes: buf.length, ...(resign === "and its time" && { mtimeMs: (await stat(file)).mtimeMs }) };
  await writeFile(join(dir, "manifest.json"), JSON.stringify(manifest));
}

describe("openIndex", () => {
  it("saves both indexes with a manifest of versions, ids and checksums, then loads them without rebuilding", async () => {
    const { dir, corpus, embedder, tokenizer, open } = await setup();
    const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({
      formatVersion: INDEX_FORMAT_VERSION,
      tokenizerVersion: TOKENIZER_VERSION,
      embedder: { id: embedder.id, dimension: embedder.dimension },
      corpusHash: corpus.hash,
      count: corpus.passages.length,
      ids: corpus.passages.map((p) => p.id),
      sentences: corpus.passages.reduce((n, p) => n + p.sentences.length, 0),
    });
    for (const name of ["vectors.hnsw", "keyword.bin", "sentences.bin"]) {
      const buf = await readFile(join(dir, name));
      expect(manifest.files[name]).toMatchObject({ sha256: sha256(buf), bytes: buf.length });
    }
    const again = await open();
    expect(again.rebuilt).toBe(false);
    const [v] = await embedder.embed([corpus.passages[2]!.text], "query");
    expect(again.state.vector.search(v!, 1)[0]!.id).toBe(corpus.passages[2]!.id);
    const sentence = corpus.passages[2]!.sentences[0]!;
    expect(again.state.keyword.search(tokenizer.terms(sentence.text), 1)[0]!.id).toBe(sentence.id);
    expect(again.state.keyword.size).toBe(manifest.sentences);
    // Sentence vectors as the embedder makes them, within the 8-bit codes' error.
    const all = corpus.passages.flatMap((p) => p.sentences);
    const fresh = await embedder.embed(all.map((s) => s.text), "passage");
    const cos = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
    all.forEach((s, i) => expect(Math.abs(again.state.sentenceSimilarity([s], fresh[i]!)[0]! - 1)).toBeLessThan(0.02));
    const next = (i: number) => fresh[(i + 1) % all.length]!;
    all.forEach((s, i) => expect(Math.abs(again.state.sentenceSimilarity([s], next(i))[0]! - cos(fresh[i]!, next(i)))).toBeLessThan(0.02));
    // A passage's sentences at once, in any order, some of them, or with unknown ones: each as on its own.
    const query = fresh[0]!;
    const one = (s: { id: string }) => again.state.sentenceSimilarity([s], query)[0];
    const mixed = [...all.slice(0, 7).reverse(), { id: "nowhere#1.1" }, all[0]!, { id: `${all[0]!.id}9` }, ...all.slice(3, 5)];
    expect(again.state.sentenceSimilarity(mixed, query)).toEqual(mixed.map(one));
    expect(one({ id: "nowhere#1.1" })).toBeUndefined();
    again.close();
  });

  it("starts from a matching index without making any sentence, the policy registry included", async () => {
    const { dir, corpus, embedder, tokenizer } = await setup();
    const made = vi.spyOn(SavedPassage.prototype, "sentences", "get");
    try {
      const saved = await readSavedIndex(dir);
      const known = "reads" in saved ? saved.reads : undefined;
      const again = await loadCorpus(SEEDS, { known });
      const store = await openIndex(again, embedder, tokenizer, { dir, saved });
      expect(store.rebuilt).toBe(false);
      const asData = (policies: Policy[]) => policies.map((p) => [p.title, p.aliases, p.passage.id, p.mentions.map((m) => [m.passage.id, m.sentence]), Object.entries(p.facts).map(([k, f]) => [k, f.value, f.passage.id])]);
      expect(asData(store.state.policies())).toEqual(asData(buildPolicyRegistry(corpus.documents)));
      expect(store.state.policies().length).toBeGreaterThan(0);
      expect(made).not.toHaveBeenCalled();
      store.close();
    } finally {
      made.mockRestore();
    }
  });

  it("after a build elsewhere, holds the articles as saved, not the sentences of this process's reads", async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const corpus = await loadCorpus(SEEDS);
    const embedder = createHashedNgramEmbedder();
    const tokenizer = { termsOf: () => ["众创空间"], fromTerms: (terms: string[]) => createTokenizer(terms) };
    const buildElsewhere = async (c = corpus) => buildAndSave(c, embedder, tokenizer, { dir }).then((s) => s.close());
    const store = await openIndex(corpus, embedder, tokenizer, { dir, buildElsewhere });
    expect(store.rebuilt).toBe(true);
    const passages = store.state.corpus.passages;
    expect(passages.map((p) => p.id)).toEqual(corpus.passages.map((p) => p.id));
    expect(passages.every((p) => p instanceof SavedPassage)).toBe(true);
    expect(passages.map((p) => p.sentences)).toEqual(corpus.passages.map((p) => p.sentences));
    store.close();
  });

  it("rebuilds when the embedder or its dimension changes", async () => {
    const { open, logs } = await setup();
    const other = await open(undefined, createHashedNgramEmbedder({ dimension: 128 }));
    expect(other.rebuilt).toBe(true);
    expect(other.state.vector.dimension).toBe(128);
    expect(logs.some((l) => /out of date \(embedder/.test(l))).toBe(true);
  });

  it("applies a changed article in place, and rebuilds when the tokenizer changes", async () => {
    const { dir, corpus, embedder, open, logs } = await setup();
    const sentences = corpus.passages.flatMap((p) => p.sentences);
    const [query] = await embedder.embed([corpus.passages[0]!.text], "query");
    const before = (await open()).state.sentenceSimilarity(sentences, query!);
    const changed = await open({ ...corpus, documents: corpus.documents.map((d) => ({ ...d, hash: "edited" })) });
    expect(changed.rebuilt).toBe(false);
    expect(JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")).delta).toEqual([expect.objectContaining({ hash: "edited" })]);
    // The changed article's sentence vectors come from the delta: the same as the base file held.
    expect(changed.state.sentenceSimilarity(sentences, query!)).toEqual(before);
    expect(before.every((x) => x !== undefined)).toBe(true);
    const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
    await writeFile(join(dir, "manifest.json"), JSON.stringify({ ...manifest, tokenizerVersion: TOKENIZER_VERSION - 1 }));
    expect((await open()).rebuilt).toBe(true);
    expect(logs.some((l) => /out of date \(tokenizer/.test(l))).toBe(true);
  });
});

describe("a damaged index is refused with one warning naming the file, then rebuilt", () => {
  const entryPoint = (buf: Buffer) => (buf.writeUInt32LE(0x000186a0, 52), buf);
  const variants: [string, string, (buf: Buffer) => Buffer, boolean | "and its time", RegExp][] = [
    ["the HNSW entry point overwritten", "vectors.hnsw", entryPoint, false, /vectors\.hnsw does not match its checksum/],
    ["the HNSW entry point overwritten, checksum forged", "vectors.hnsw", entryPoint, true, /vectors\.hnsw is damaged \(entry point 100000/],
    ["a neighbour id out of range, checksum forged", "vectors.hnsw", (b) => (b.writeUInt32LE(0x7fffffff, 96 + 4), b.writeUInt16LE(Math.max(1, b.readUInt16LE(96)), 96), b), true, /vectors\.hnsw is damaged \(element 0 has a neighbour out of range/],
    ["a neighbour id out of range, checksum and time forged", "vectors.hnsw", (b) => (b.writeUInt32LE(0x7fffffff, 96 + 4), b.writeUInt16LE(Math.max(1, b.readUInt16LE(96)), 96), b), "and its time", /vectors\.hnsw is damaged \(element 0 has a neighbour out of range/],
    ["vectors truncated", "vectors.hnsw", (b) => b.subarray(0, b.length >> 1), false, /vectors\.hnsw has \d+ bytes/],
    ["vectors truncated, checksum forged", "vectors.hnsw", (b) => b.subarray(0, b.length - 10), true, /vectors\.hnsw is damaged/],
    ["vectors replaced by garbage of the same size", "vectors.hnsw", (b) => Buffer.alloc(b.length, 0xab), true, /vectors\.hnsw is damaged/],
    ["sentence vectors truncated, checksum forged", "sentences.bin", (b) => b.subarray(0, b.length - 1), true, /sentences\.bin does not hold \d+ vectors of 256/],
    ["keyword index truncated", "keyword.bin", (b) => b.subarray(0, 100), false, /keyword\.bin has 100 bytes/],
    ["keyword index garbage, checksum forged", "keyword.bin", (b) => Buffer.alloc(b.length, 7), true, /keyword\.bin is damaged \(not a keyword index/],
    ["keyword postings out of range, checksum forged", "keyword.bin", (b) => (b.writeInt32LE(1 << 30, unitsAt(b)), b), true, /keyword\.bin is damaged/],
    ["the saved articles truncated", "corpus.bin", (b) => b.subarray(0, b.length >> 1), false, /corpus\.bin has \d+ bytes/],
    ["the saved articles edited in place", "corpus.bin", (b) => (b.write("X", b.length >> 1), b), false, /corpus\.bin does not match its checksum/],
    ["the saved articles garbage, checksum forged", "corpus.bin", (b) => Buffer.alloc(b.length, 0x20), true, /corpus\.bin is damaged \(not a file of saved reads/],
    ["a saved sentence past its passage's end, checksum forged", "corpus.bin", (b) => (b.writeInt32LE(1 << 20, b.length - 4), b), true, /corpus\.bin is damaged \(a sentence of .* outside it/],
    ["sentence vectors edited in place", "sentences.bin", (b) => (b.writeUInt8(b.readUInt8(b.length >> 1) ^ 0xff, b.length >> 1), b), false, /sentences\.bin does not match its checksum/],
  ];
  for (const [what, file, edit, resign, message] of variants) {
    it(what, async () => {
      const { dir, corpus, embedder, open, logs } = await setup();
      await damage(dir, file, edit, resign);
      const again = await open();
      expect(again.rebuilt).toBe(true);
      expect(logs.filter((l) => l.startsWith("warn"))).toHaveLength(1);
      expect(logs.find((l) => l.startsWith("warn"))).toMatch(message);
      const [v] = await embedder.embed([corpus.passages[3]!.text], "query");
      expect(again.state.vector.search(v!, 1)[0]!.id).toBe(corpus.passages[3]!.id);
      expect((await open()).rebuilt).toBe(false);
    });
  }

  it("a manifest whose ids were changed", async () => {
    const { dir, open, logs } = await setup();
    const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
    manifest.ids[1] = "someone-else#1";
    await writeFile(join(dir, "manifest.json"), JSON.stringify(manifest));
    expect((await open()).rebuilt).toBe(true);
    expect(logs.filter((l) => l.startsWith("warn"))).toEqual([expect.stringMatching(/^warn .*manifest\.json lists passage ids that are not the articles'/)]);
  });

  it("a manifest whose article list or passage ids are of the wrong shape", async () => {
    const { dir, open, logs } = await setup();
    const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
    await writeFile(join(dir, "manifest.json"), JSON.stringify({ ...manifest, base: [{ ...manifest.base[0], passages: -1 }, ...manifest.base.slice(1)] }));
    expect((await open()).rebuilt).toBe(true);
    await writeFile(join(dir, "manifest.json"), JSON.stringify({ ...manifest, ids: [...manifest.ids.slice(1), 7] }));
    expect((await open()).rebuilt).toBe(true);
    expect(logs.filter((l) => l.startsWith("warn"))).toEqual([
      expect.stringMatching(/manifest\.json is unreadable \(articles of the wrong shape\)/),
      expect.stringMatching(/manifest\.json is unreadable \(passage ids of the wrong shape\)/),
    ]);
  });

  it("a manifest that is not JSON, or lacks a file", async () => {
    const { dir, open, logs } = await setup();
    await writeFile(join(dir, "manifest.json"), "{ not json");
    expect((await open()).rebuilt).toBe(true);
    await rm(join(dir, "keyword.bin"));
    expect((await open()).rebuilt).toBe(true);
    expect(logs.filter((l) => l.startsWith("warn"))).toEqual([
      expect.stringMatching(/manifest\.json is unreadable/),
      expect.stringMatching(/keyword\.bin is unreadable \(ENOENT\)/),
    ]);
  });
});

/** Where the postings' unit numbers start in a keyword.bin, from its header (see encodeSegment). */
function unitsAt(buf: Buffer): number {
  const [units, terms, , idBytes, termBytes, slots] = [8, 12, 16, 20, 24, 28].map((at) => buf.readUInt32LE(at));
  const sizes = [2 * units!, 4 * (units! + 1), idBytes!, 4 * (terms! + 1), termBytes!, 4 * slots!, 4 * (terms! + 1)];
  return sizes.reduce((at, size) => align(align(at) + size), 48);
}
const align = (n: number) => (n + 7) & ~7;

describe("checkHnswFile read a window at a time", () => {
  it("finds what the whole file shows, with windows smaller than the graph's records", async () => {
    const { dir, corpus, embedder } = await setup();
    const file = join(dir, "vectors.hnsw");
    const buf = await readFile(file);
    const count = corpus.passages.length;
    expect(checkHnswFile(file, embedder.dimension, count, 1500)).toBeUndefined();
    // The last link list's last neighbour, out of range: found only by reading to the end.
    const damaged = Buffer.from(buf);
    damaged.writeUInt32LE(0x7fffffff, buf.length - 4);
    await writeFile(file, damaged);
    const whole = checkHnswFile(damaged, embedder.dimension, count);
    expect(whole).toMatch(/neighbour out of range|bad link list|neighbours on level/);
    expect(checkHnswFile(file, embedder.dimension, count, 1500)).toBe(whole);
    await writeFile(file, buf.subarray(0, buf.length - 3));
    expect(checkHnswFile(file, embedder.dimension, count, 1500)).toBe(checkHnswFile(buf.subarray(0, buf.length - 3), embedder.dimension, count));
  });
});
