import { describe, expect, it } from "vitest";
import { normalize } from "../../src/text/normalize.js";
import { readFile } from "node:fs/promises";
import { corpusTerms, createTokenizer, quotedTerms } from "../../src/text/tokenize.js";
import { SEEDS } from "../helpers.js";

describe("normalize", () => {
  it("maps full-width forms and every quote mark one for one, so offsets survive", () => {
    const raw = "“５亿元”，３１．５％";
    const n = normalize(raw);
    expect(n).toBe('"5亿元",31.5%');
    expect(n.length).toBe(raw.length);
  });
});

describe("tokenizer", () => {
  const t = createTokenizer(["侨商创客谷"]);

  it("keeps whole the phrases a corpus repeats, from the corpus itself", async () => {
    const article = await readFile(`${SEEDS}/000_4f5b4b3408eff9cd.txt`, "utf8");
    const terms = corpusTerms(article.split("\n"));
    expect(terms).toContain("众创空间");
    expect(terms).toContain("侨商创客谷");
    expect(terms).toContain("青岛创客"); // a 《》 title
    // Fragments of longer repeated phrases are not terms: 相关负责人 does not yield 关负责.
    expect(terms).not.toContain("关负责");
    expect(terms).not.toContain("众创空");
    expect(createTokenizer(terms).words("崂山区的众创空间有多少？")).toContain("众创空间");
  });

  it("takes no repeated phrase whose edge falls inside a dictionary word (口头传 of 口头传说, 口头传统)", () => {
    const texts = ["韩国文学源于民间口头传说。", "这是一种口头传统。", "歌谣靠口头传播。", "民间口头传说很多。", "口头传承至今。", "又是口头传统。"];
    const terms = corpusTerms(texts);
    expect(terms).not.toContain("口头传");
    expect(createTokenizer(terms).words("民间口头传说")).toContain("传说");
  });

  it("keeps 崂山区 whole, and drops question words", () => {
    const words = t.words("崂山区的众创空间有多少？");
    expect(words).toContain("崂山区");
    expect(words).not.toContain("多少");
  });

  it("adds character bigrams and figures with their units to the index terms", () => {
    const terms = t.terms("每年设立5亿元的资金池，增长31.5%");
    expect(terms).toContain("资金");
    expect(terms).toContain("5亿元");
    expect(terms).toContain("31.5%");
  });

  it("learns names the corpus puts in quotes", () => {
    expect(quotedTerms("由政府发起的“侨商创客谷”已完成")).toEqual(["侨商创客谷"]);
    expect(t.words("侨商创客谷在哪里")).toContain("侨商创客谷");
  });
});

describe("each corpus's words stay its own", () => {
  it("a tokenizer never sees words another tokenizer was made with", () => {
    const text = "侨商创客谷年底前计划入驻多少家企业";
    const plain = createTokenizer().words(text);
    expect(plain).not.toContain("侨商创客谷");
    expect(createTokenizer(["侨商创客谷"]).words(text)).toContain("侨商创客谷");
    expect(createTokenizer().words(text)).toEqual(plain);
  });
});
