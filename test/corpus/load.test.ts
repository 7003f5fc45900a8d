import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleId, loadCorpus, readArticle } from "../../src/corpus/load.js";
import { DOC, tempDir } from "../helpers.js";

describe("readArticle", () => {
  let dir: string;
  let outside: string;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    const seeds = await tempDir("qa-seeds-");
    const other = await tempDir("qa-outside-");
    cleanups.push(seeds.cleanup, other.cleanup);
    [dir, outside] = [seeds.dir, other.dir];
    await writeFile(join(outside, "secret.txt"), "外部文件\n不应被读取的正文。");
    await writeFile(join(dir, "inside.txt"), "内部文件\n可以读取的正文。");
  });
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it("reads an article and reports its passages", async () => {
    const read = await readArticle(dir, "inside.txt");
    expect("document" in read && read.document.passages.map((p) => p.text)).toEqual(["可以读取的正文。"]);
  });

  it.each([
    ["unsupported type", "photo.jpg", async (p: string) => writeFile(p, randomBytes(100))],
    ["hidden file", ".DS_Store", async (p: string) => writeFile(p, "x")],
    ["empty", "empty.txt", async (p: string) => writeFile(p, "")],
    ["empty", "blank.md", async (p: string) => writeFile(p, "\n\n   \n")],
    ["empty", "heading-only.md", async (p: string) => writeFile(p, "# 只有标题\n")],
    ["not text", "noise.txt", async (p: string) => writeFile(p, randomBytes(200_000))],
    ["not a regular file", "folder.txt", async (p: string) => mkdir(p)],
    ["unreadable", "broken.pdf", async (p: string) => writeFile(p, "%PDF-1.7\nnot really")],
    ["unreadable", "broken.docx", async (p: string) => writeFile(p, "PK not a zip")],
  ])("skips with reason %s: %s", async (reason, name, make) => {
    await make(join(dir, name));
    expect(await readArticle(dir, name)).toMatchObject({ skipped: true, file: name, reason });
  });

  it("reads a file of one line, without a sentence end, as an article of that line", async () => {
    await writeFile(join(dir, "one-line.txt"), "青岛市今年新建人才公寓3000套");
    const read = await readArticle(dir, "one-line.txt");
    expect("document" in read && read.document.passages.map((p) => p.text)).toEqual(["青岛市今年新建人才公寓3000套"]);
    expect("document" in read && read.document.title).toBe("青岛市今年新建人才公寓3000套");
  });

  it("skips a FIFO without blocking on it", async () => {
    execFileSync("mkfifo", [join(dir, "pipe.txt")]);
    expect(await readArticle(dir, "pipe.txt")).toMatchObject({ reason: "not a regular file", detail: "a FIFO" });
  });

  it("skips a link leading outside the seeds folder, and follows one inside it", async () => {
    await symlink(join(outside, "secret.txt"), join(dir, "escape.txt"));
    await symlink(join(dir, "inside.txt"), join(dir, "alias.txt"));
    expect(await readArticle(dir, "escape.txt")).toMatchObject({ reason: "link outside the seeds folder" });
    expect(await readArticle(dir, "alias.txt")).toHaveProperty("document");
  });

  it("skips a file over the size limit", async () => {
    await writeFile(join(dir, "big.txt"), "标题\n" + "正文。".repeat(1000));
    expect(await readArticle(dir, "big.txt", { maxFileBytes: 1000 })).toMatchObject({ reason: "too large" });
  });
});

describe("articleId", () => {
  it("keeps the seed article's id and tells formats apart", () => {
    expect(articleId(`${DOC}.txt`)).toBe(DOC);
    expect(articleId("a.md")).toBe("a.md");
    expect(articleId("a.PDF")).toBe("a.PDF");
  });
});

describe("loadCorpus", () => {
  it("keeps a.txt and a.md as two articles with their own passages", async () => {
    const { dir, cleanup } = await tempDir();
    await writeFile(join(dir, "a.txt"), "文本文件\n文本里的句子。");
    await writeFile(join(dir, "a.md"), "# Markdown 文件\n\nMarkdown 里的句子。");
    // a.md.txt would take id "a.md" too: the later one gets its own.
    await writeFile(join(dir, "a.md.txt"), "第三个文件\n第三个文件的句子。");
    const corpus = await loadCorpus(dir);
    expect(corpus.documents.map((d) => [d.id, d.file])).toEqual([
      ["a.md", "a.md"],
      ["a.md~2", "a.md.txt"],
      ["a", "a.txt"],
    ]);
    expect(new Set(corpus.passages.map((p) => p.id)).size).toBe(corpus.passages.length);
    expect(corpus.passages.find((p) => p.id === "a#1")?.text).toBe("文本里的句子。");
    expect(corpus.passages.find((p) => p.id === "a.md#1")?.text).toBe("Markdown 里的句子。");
    expect(corpus.passages.find((p) => p.id === "a.md~2#1")?.sentences[0]?.id).toBe("a.md~2#1.1");
    await cleanup();
  });

  it("logs every file: read with its passage count and encoding, or skipped with its reason", async () => {
    const { dir, cleanup } = await tempDir();
    await writeFile(join(dir, "a.txt"), "标题\n正文。");
    await writeFile(join(dir, "b.txt"), Buffer.from([0xff, 0xfe, ...Buffer.from("标题\n正文一。\n正文二。", "utf16le")]));
    await writeFile(join(dir, "c.exe"), randomBytes(10));
    const lines: string[] = [];
    const progress: unknown[] = [];
    const corpus = await loadCorpus(dir, { log: (level, msg) => lines.push(`${level} ${msg}`), onProgress: (p) => progress.push(p) });
    expect(lines).toEqual([
      `info ${join(dir, "a.txt")}: 1 passages`,
      `info ${join(dir, "b.txt")}: 2 passages, read as UTF-16LE`,
      `warn ${join(dir, "c.exe")} skipped: unsupported type (.exe)`,
    ]);
    expect(corpus.skipped).toEqual([{ skipped: true, file: "c.exe", reason: "unsupported type", detail: ".exe" }]);
    expect(progress).toEqual([
      { stage: "read", done: 1, total: 3, file: "a.txt", passages: 1 },
      { stage: "read", done: 2, total: 3, file: "b.txt", passages: 2, encoding: "UTF-16LE" },
      { stage: "read", done: 3, total: 3, file: "c.exe", skipped: corpus.skipped![0] },
    ]);
    await cleanup();
  });
});
