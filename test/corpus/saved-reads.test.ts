import { cp, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load.js";
import { decodeReads, encodeReads } from "../../src/corpus/saved-reads.js";
import { SEEDS, tempDir } from "../helpers.js";

describe("saved reads (the index's copy of the articles)", () => {
  it("decode to the articles as read: passages, sentences with offsets, hashes and the terms", async () => {
    const corpus = await loadCorpus(SEEDS);
    const { terms, reads } = decodeReads(encodeReads(corpus.reads!, ["众创空间", "侨商创客谷"]));
    expect(terms).toEqual(["众创空间", "侨商创客谷"]);
    expect([...reads.keys()]).toEqual([...corpus.reads!.keys()]);
    for (const [name, read] of corpus.reads!) expect(reads.get(name)).toEqual(read);
  });

  it("keep a sentence that is not a slice of its passage as its own text", () => {
    const passage = { id: "a#1", doc: "a", paragraph: 1, text: "一句。二句。", start: 0, sentences: [{ id: "a#1.1", text: "另一句", start: 0, end: 3 }] };
    const read = { document: { id: "a", file: "a.txt", title: "a", date: "", passages: [passage], hash: "h" }, hash: "h", dropped: [], stat: { size: 9, mtimeMs: 1.5 } };
    expect(decodeReads(encodeReads(new Map([["a.txt", read]]), [])).reads.get("a.txt")).toEqual(read);
  });

  it("refuse a file of another layout", () => {
    const json = (text: string) => Buffer.from(text, "utf16le");
    expect(() => decodeReads(json('{"version":0}'))).toThrow(/layout/);
    expect(() => decodeReads(json('{"version":2,"terms":[],"files":[]}'))).toThrow(/layout 2 ≠ 3/);
    expect(() => decodeReads(json('{"version":3,"terms":[],"files":[["a.txt"]]}'))).toThrow(/shape/);
    expect(() => decodeReads(Buffer.from('{"version":3,"terms":[],"files":[]}'))).toThrow();
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
    for (const d of first.documents.filter((d) => d.file !== "b.txt")) expect(again.documents.find((x) => x.file === d.file)).toEqual(d);
    expect(again.documents.find((d) => d.file === "b.txt")!.hash).not.toBe(first.documents.find((d) => d.file === "b.txt")!.hash);
    await cleanup();
  });
});
