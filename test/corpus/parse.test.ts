import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load.js";
import { parseDocument, splitSentences } from "../../src/corpus/parse.js";
import { DOC, SEEDS, tempDir } from "../helpers.js";

describe("parseDocument", () => {
  it("reads title, date and the eight body paragraphs of the seed article", async () => {
    const raw = await readFile(join(SEEDS, `${DOC}.txt`), "utf8");
    const doc = parseDocument(DOC, `${DOC}.txt`, raw);
    expect(doc.title).toBe("打造国际创客社区 激发创新创业活力 崂山区倾力为创客“筑巢”");
    expect(doc.date).toBe("2016-05-11");
    expect(doc.passages.map((p) => p.id)).toEqual(Array.from({ length: 8 }, (_, i) => `${DOC}#${i + 1}`));
  });

  it("drops the scraped page's trailing headlines, which are not part of the article", async () => {
    const raw = await readFile(join(SEEDS, `${DOC}.txt`), "utf8");
    const text = parseDocument(DOC, "x.txt", raw).passages.map((p) => p.text).join("\n");
    expect(text).not.toContain("烟台市委统战部");
    expect(text).not.toContain("省委常委会");
    expect(text).toContain("保持了较高的增长势头。");
  });

  it("keeps offsets that point back into the original text", async () => {
    const raw = await readFile(join(SEEDS, `${DOC}.txt`), "utf8");
    for (const p of parseDocument(DOC, "x.txt", raw).passages) {
      expect(raw.slice(p.start, p.start + p.text.length)).toBe(p.text);
      for (const s of p.sentences) expect(p.text.slice(s.start, s.end)).toBe(s.text);
    }
  });

  it("accepts a file without a date line, and ISO dates", () => {
    expect(parseDocument("a", "a.md", "# 标题\n\n正文第一段。\n").date).toBe("");
    expect(parseDocument("a", "a.md", "标题\n2020-01-02\n正文。").date).toBe("2020-01-02");
    expect(parseDocument("a", "a.md", "# 标题\n\n正文第一段。\n").title).toBe("标题");
  });
});

describe("splitSentences", () => {
  it("keeps a closing quote with its sentence and numbers sentences from 1", () => {
    const s = splitSentences("d#1", "“政策利好不断释放。”臧先生说。好！");
    expect(s.map((x) => x.text)).toEqual(["“政策利好不断释放。”", "臧先生说。", "好！"]);
    expect(s[2]!.id).toBe("d#1.3");
  });

  it("never ends a sentence inside a 《title》 or a quotation, unless the quotation ends there", () => {
    const text = "他主演了《你好！李焕英》和《我不是药神？》。他说“好！我们走”，就走了。「真的？」她问。只有《开头！";
    expect(splitSentences("d#1", text).map((x) => x.text)).toEqual([
      "他主演了《你好！李焕英》和《我不是药神？》。",
      "他说“好！我们走”，就走了。",
      "「真的？」",
      "她问。",
      "只有《开头！",
    ]);
    for (const s of splitSentences("d#1", text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe("loadCorpus", () => {
  it("treats a missing folder as an empty corpus and says so", async () => {
    const warnings: string[] = [];
    const corpus = await loadCorpus("/nonexistent/seeds", (w) => warnings.push(w));
    expect(corpus.passages).toEqual([]);
    expect(warnings[0]).toMatch(/missing/);
  });

  it("changes its hash when an article changes", async () => {
    const { dir, cleanup } = await tempDir();
    const { writeFile } = await import("node:fs/promises");
    await writeFile(join(dir, "a.txt"), "标题\n正文。");
    const first = await loadCorpus(dir);
    await writeFile(join(dir, "a.txt"), "标题\n正文改了。");
    expect((await loadCorpus(dir)).hash).not.toBe(first.hash);
    await cleanup();
  });
});

describe("parseDocument keeps the article's own text", () => {
  it("keeps a one-line article that ends without a sentence end", () => {
    const doc = parseDocument("a", "a.txt", "标题\n长江是中国第一长河，全长约6300公里");
    expect(doc.passages.map((p) => p.text)).toEqual(["长江是中国第一长河，全长约6300公里"]);
  });

  it("keeps a last paragraph that lacks a sentence end, and reports each dropped trailer line", () => {
    const long = "第二段没有句号但是很长，".repeat(5);
    expect(parseDocument("a", "a.txt", `标题\n第一段。\n${long}`).passages).toHaveLength(2);
    const dropped: number[] = [];
    const doc = parseDocument("a", "a.txt", "标题\n第一段。\n\n更多新闻标题\n另一条标题", (d) => dropped.push(d.line));
    expect(doc.passages).toHaveLength(1);
    expect(dropped).toEqual([4, 5]);
  });
});
