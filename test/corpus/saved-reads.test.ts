import { cp, rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { changedFiles, loadCorpus } from "../../src/corpus/load.js";
import { splitSentences } from "../../src/corpus/parse.js";
import { sentenceCount, sentenceTextAt, type Passage } from "../../src/corpus/corpus.js";
import type { ArticleFound } from "../../src/corpus/load.js";
import { decodeReads, encodeReads, SAVED_READS_VERSION } from "../../src/corpus/saved-reads.js";
import { SEEDS, tempDir } from "../helpers.js";

/** A read with its passages as plain objects (a decoded passage makes its sentences on first use). */
const plain = (read: ArticleFound | undefined) =>
  read && { ...read, document: { ...read.document, passages: read.document.passages.map(({ id, doc, paragraph, text, start, sentences }: Passage) => ({ id, doc, paragraph, text, start, sentences })) } };

/** `count` passages of two sentences each, as read and as saved and read back (sentences made on first use). */
function manyPassages(count: number) {
  const texts = Array.from({ length: count }, (_, i) => `第${i}句。又一句。`);
  const passages = texts.map((text, i) => ({ id: `a#${i + 1}`, doc: "a", paragraph: i + 1, text, start: 0, sentences: splitSentences(`a#${i + 1}`, text) }));
  const read = { document: { id: "a", file: "a.txt", title: "a", date: "", passages, hash: "h" }, hash: "h", dropped: [], stat: { size: 9, mtimeMs: 1.5 } };
  return { passages, back: decodeReads(encodeReads(new Map([["a.txt", read]]), [])).reads.get("a.txt")!.document.passages };
}

describe("saved reads (the index's copy of the articles)", () => {
  it("decode to the articles as read: passages, sentences with offsets, hashes and the terms", async () => {
    const corpus = await loadCorpus(SEEDS);
    const { terms, reads } = decodeReads(encodeReads(corpus.reads!, ["众创空间", "侨商创客谷"]));
    expect(terms).toEqual(["众创空间", "侨商创客谷"]);
    expect([...reads.keys()]).toEqual([...corpus.reads!.keys()]);
    for (const [name, read] of corpus.reads!) expect(plain(reads.get(name))).toEqual(read);
  });

  it("make no sentence until one is asked for, and count them without making them", async () => {
    const corpus = await loadCorpus(SEEDS);
    const passage = [...decodeReads(encodeReads(corpus.reads!, [])).reads.values()][0]!.document.passages[0]!;
    expect(passage).toMatchObject({ sentenceCount: corpus.passages[0]!.sentences.length });
    expect(Object.values(passage).some(Array.isArray)).toBe(false);
    expect(passage.sentences).toEqual(corpus.passages[0]!.sentences);
    expect(passage.sentences).toBe(passage.sentences);
  });

  it("give a sentence's text without making sentences, so a phrase search over many passages keeps the cache", () => {
    const { passages, back } = manyPassages(5_001);
    const first = back[0]!.sentences;
    const read2 = back.slice(1).map((p) => Array.from({ length: sentenceCount(p) }, (_, i) => sentenceTextAt(p, i)));
    expect(read2).toEqual(passages.slice(1).map((p) => p.sentences.map((x) => x.text)));
    expect(sentenceTextAt(back[1]!, 2)).toBeUndefined();
    // 5,000 passages read since, none of them made: the first one's sentences are still the same objects.
    expect(back[0]!.sentences).toBe(first);
  });

  it("keep the sentences of the most recently used passages only, the same objects while kept", () => {
    const { passages, back } = manyPassages(5_001);
    const first = back[0]!.sentences;
    expect(back[0]!.sentences).toBe(first);
    for (const p of back.slice(1, 5_000)) void p.sentences;
    // Used again before 5,000 others: still the same objects.
    expect(back[0]!.sentences).toBe(first);
    for (const p of back.slice(1)) void p.sentences;
    // 5,000 others used since: made again, the same sentences.
    expect(back[0]!.sentences).not.toBe(first);
    expect(back[0]!.sentences).toEqual(passages[0]!.sentences);
  });

  it("keep a sentence that is not a slice of its passage as its own text", () => {
    const passage = { id: "a#1", doc: "a", paragraph: 1, text: "一句。二句。", start: 0, sentences: [{ id: "a#1.1", text: "另一句", start: 0, end: 3 }] };
    const read = { document: { id: "a", file: "a.txt", title: "a", date: "", passages: [passage], hash: "h" }, hash: "h", dropped: [], stat: { size: 9, mtimeMs: 1.5 } };
    expect(plain(decodeReads(encodeReads(new Map([["a.txt", read]]), [])).reads.get("a.txt"))).toEqual(read);
  });

  it("pass the saved registry through as it was given", async () => {
    const corpus = await loadCorpus(SEEDS);
    expect(decodeReads(encodeReads(corpus.reads!, [], { version: 1, policies: [["a", [], "b#1", "c", [], []]] })).policies).toEqual({ version: 1, policies: [["a", [], "b#1", "c", [], []]] });
  });

  it("refuse a file of another layout, or whose parts do not add up", async () => {
    const good = encodeReads((await loadCorpus(SEEDS)).reads!, []);
    const edited = (at: number, value: number) => {
      const b = Buffer.from(good);
      b.writeUInt32LE(value, at);
      return b;
    };
    expect(() => decodeReads(Buffer.from('{"version":2,"terms":[],"files":[]}', "utf16le"))).toThrow(/not a file of saved reads/);
    expect(() => decodeReads(edited(4, SAVED_READS_VERSION - 1))).toThrow(/layout/);
    // Bytes of the passages' texts (header field 4): more than there are, or fewer than the passages hold.
    expect(() => decodeReads(edited(16, good.readUInt32LE(16) + 4))).toThrow(/do not add up/);
    expect(() => decodeReads(edited(16, good.readUInt32LE(16) - 2))).toThrow(/outside the file|more text/);
    expect(() => decodeReads(good.subarray(0, good.length - 4))).toThrow(/do not add up/);
    // Columns of different lengths: two names, one of everything else.
    const figures = Buffer.from(JSON.stringify({ size: [1], mtimeMs: [1], hash: ["h"], passages: [0], runs: [] }), "latin1");
    const words = Buffer.from(JSON.stringify({ terms: [], name: ["a.txt", "b.txt"], id: ["a"], title: ["a"], date: [""], encoding: [""], dropped: [], unsliced: [] }), "utf16le");
    const at = 24 + ((figures.length + 3) & ~3);
    const shaped = Buffer.alloc(at + ((words.length + 3) & ~3));
    [0x44524e50, SAVED_READS_VERSION, figures.length, words.length, 0, 0].forEach((v, i) => shaped.writeUInt32LE(v, 4 * i));
    figures.copy(shaped, 24);
    words.copy(shaped, at);
    expect(() => decodeReads(shaped)).toThrow(/shape/);
  });
});

describe("loadCorpus with known reads", () => {
  it("reads only the files whose size or modification time changed", async () => {
    const { dir, cleanup } = await tempDir();
    await cp(SEEDS, dir, { recursive: true });
    await writeFile(join(dir, "b.txt"), "标题\n正文一。");
    await writeFile(join(dir, "c.txt"), "标题\n正文二。");
    await utimes(join(dir, "c.txt"), 1_700_000_000, 1_700_000_000);
    const first = await loadCorpus(dir);
    const known = decodeReads(encodeReads(first.reads!, [])).reads;
    // Same size, new time: read again; same size and time: taken as saved, even though the bytes differ.
    await writeFile(join(dir, "b.txt"), "标题\n正文三。");
    await writeFile(join(dir, "c.txt"), "标题\n正文四。");
    await utimes(join(dir, "c.txt"), 1_700_000_000, 1_700_000_000);
    const again = await loadCorpus(dir, { known });
    const text = (file: string) => again.documents.find((d) => d.file === file)!.passages[0]!.text;
    expect(text("b.txt")).toBe("正文三。");
    expect(text("c.txt")).toBe("正文二。");
    for (const d of first.documents.filter((d) => d.file !== "b.txt")) expect(plain({ ...again.reads!.get(d.file)!, document: again.documents.find((x) => x.file === d.file)! })!.document).toEqual(d);
    expect(again.documents.find((d) => d.file === "b.txt")!.hash).not.toBe(first.documents.find((d) => d.file === "b.txt")!.hash);
    await cleanup();
  });

  it("given the files, takes each known one as saved without looking; changedFiles then names those changed, new or gone", async () => {
    const { dir, cleanup } = await tempDir();
    for (const [name, text] of [["a.txt", "标题\n正文一。"], ["b.txt", "标题\n正文二。"], ["c.txt", "标题\n正文三。"]]) await writeFile(join(dir, name!), text!);
    const first = await loadCorpus(dir);
    const known = decodeReads(encodeReads(first.reads!, [])).reads;
    expect(await changedFiles(dir, known)).toEqual([]);
    // Same size: its time tells (set, as two writes within a clock tick can share one).
    await writeFile(join(dir, "a.txt"), "标题\n正文四。");
    await utimes(join(dir, "a.txt"), 1_700_000_000, 1_700_000_000);
    await rm(join(dir, "b.txt"));
    await writeFile(join(dir, "d.txt"), "标题\n正文五。");
    const taken = await loadCorpus(dir, { known, files: ["c.txt", "a.txt", "b.txt"] });
    expect(taken.documents.map((d) => `${d.file} ${d.passages[0]!.text}`)).toEqual(["a.txt 正文一。", "b.txt 正文二。", "c.txt 正文三。"]);
    expect(taken.hash).toBe(first.hash);
    expect(await changedFiles(dir, taken.reads!)).toEqual(["a.txt", "b.txt", "d.txt"]);
    // A file given but not known is read.
    const read = await loadCorpus(dir, { known, files: ["d.txt"] });
    expect(read.documents.map((d) => d.passages[0]!.text)).toEqual(["正文五。"]);
    expect(await changedFiles(dir, known, () => true)).toEqual([]);
    await cleanup();
  });
});
