import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { loadCorpus } from "../../src/corpus/load.js";
import type { Embedder } from "../../src/embed/embedder.js";
import { createHashedNgramEmbedder } from "../../src/embed/hashed-ngram.js";
import { createAssistant } from "../../src/index.js";
import { createKeywordIndex, type KeywordIndex } from "../../src/retrieval/keyword-index.js";
import { createRetriever } from "../../src/retrieval/retriever.js";
import { createHnswIndex } from "../../src/retrieval/vector-index.js";
import { createPhraseIndex } from "../../src/retrieval/phrase.js";
import { normalize } from "../../src/text/normalize.js";
import { containedBigrams, createTokenizer } from "../../src/text/tokenize.js";
import { DOC, SEEDS, tempDir } from "../helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe("createPhraseIndex", () => {
  it("agrees with a scan of the text for every phrase of the seed article and for phrases it lacks", async () => {
    const corpus = await loadCorpus(SEEDS);
    const tokenizer = createTokenizer();
    const keyword = createKeywordIndex();
    const sentences = new Map(corpus.passages.flatMap((p) => p.sentences.map((s) => [s.id, normalize(s.text)] as const)));
    for (const p of corpus.passages) keyword.add(p.sentences.map((s) => ({ id: s.id, terms: tokenizer.terms(s.text) })));
    const phrases = createPhraseIndex(keyword, tokenizer, (id, q) => sentences.get(id)?.includes(q) ?? false);
    const all = [...sentences.values()];
    // (A sentence holding 副+phrase is taken to hold no phrase of its own: the 副主任 is not the 主任.)
    const scan = (q: string) => all.some((s) => s.includes(q) && (q.startsWith("副") || !s.includes(`副${q}`)));
    const probes: string[] = [];
    for (const s of all) for (let i = 0; i + 6 <= s.length; i += 7) probes.push(s.slice(i, i + 2), s.slice(i, i + 3), s.slice(i, i + 6));
    probes.push("租金", "平均房价", "gdp", "深圳", "多少", "什么样", "是否有", "众创空间总面积", "创客空间总面积将达");
    // What callers ask about: content words and runs of them (focus words, noun runs), not question words
    // (怎样, 多少: cut out before bigrams, so the index cannot say) or stray punctuation.
    const wordLike = probes.filter((q) => /^[a-z]{2,}$/u.test(q) || (/^\p{Script=Han}{2,}$/u.test(q) && containedBigrams(q).length > 0));
    expect(wordLike.length).toBeGreaterThan(150);
    for (const q of wordLike) expect([q, phrases.contains(q)]).toEqual([q, scan(q)]);
  });

  it("does not hold a word the corpus writes only after 副 (the 副主任 is not the 主任)", () => {
    const tokenizer = createTokenizer();
    const index = (texts: string[]) => {
      const keyword = createKeywordIndex();
      const sentences = new Map(texts.map((t, i) => [`d#1.${i + 1}` as string, normalize(t)] as const));
      keyword.add([...sentences].map(([id, text]) => ({ id, terms: tokenizer.terms(text) })));
      return createPhraseIndex(keyword, tokenizer, (id, q) => sentences.get(id)?.includes(q) ?? false);
    };
    const deputyOnly = index(["高新区管委会副主任王立新在发布会上介绍。", "科创委挂牌成立。"]);
    expect(deputyOnly.contains("主任")).toBe(false);
    expect(deputyOnly.contains("副主任")).toBe(true);
    expect(deputyOnly.contains("科创委")).toBe(true);
    const both = index(["高新区管委会副主任王立新在发布会上介绍。", "园区经济发展委员会主任陈国华介绍。"]);
    expect(both.contains("主任")).toBe(true);
  });
});

describe("a question costs the same whatever the corpus size (issue 14)", () => {
  /** `copies` copies of the seed article under different names: the same text, more of it. */
  async function assistantOver(copies: number) {
    const seeds = await tempDir("qa-seeds-");
    const index = await tempDir("qa-index-");
    cleanups.push(seeds.cleanup, index.cleanup);
    const raw = await readFile(join(SEEDS, `${DOC}.txt`), "utf8");
    for (let i = 0; i < copies; i++) await writeFile(join(seeds.dir, `${String(i).padStart(4, "0")}.txt`), raw);
    return createAssistant({ seedsDir: seeds.dir, indexDir: index.dir, embedder: "hashed" });
  }

  it("reads no more text to decline a question about something the articles never mention", async () => {
    const calls: number[] = [];
    const unitCalls: number[] = [];
    for (const copies of [4, 64]) {
      const assistant = await assistantOver(copies);
      await assistant.ask("warm", "崂山众创空间总面积将达到多少？");
      // Text read: whole-string searches, and units read one by one (a phrase is matched unit by unit).
      const includes = vi.spyOn(String.prototype, "includes");
      const units = vi.spyOn(String.prototype, "charCodeAt");
      const reply = await assistant.ask("x", "青岛的平均租金是多少？");
      calls.push(includes.mock.calls.length);
      unitCalls.push(units.mock.calls.length);
      includes.mockRestore();
      units.mockRestore();
      expect(reply.abstained).toBe(true);
      await assistant.close();
    }
    // 16 times the passages (512): about the same work, give or take which tied passages are the
    // candidates; a scan of the text would read every passage for each phrase (> 512 calls).
    expect(calls[1]).toBeLessThan(calls[0]! * 2);
    expect(unitCalls[1]).toBeLessThan(unitCalls[0]! * 2);
  });
});

describe("sentences are scored inside the passages retrieval ranks (issue 14)", () => {
  it("never searches every sentence: sentence BM25 only for the passage and vector hits", async () => {
    const corpus = await loadCorpus(SEEDS);
    const tokenizer = createTokenizer();
    const embedder = createHashedNgramEmbedder();
    const built = createKeywordIndex();
    for (const p of corpus.passages) built.add(p.sentences.map((s) => ({ id: s.id, terms: tokenizer.terms(s.text) })));
    const vector = createHnswIndex(embedder.dimension, corpus.passages.length);
    vector.add(corpus.passages.map((p) => p.id), await embedder.embed(corpus.passages.map((p) => p.text), "passage"));
    const within: string[][] = [];
    const keyword: KeywordIndex = {
      ...built,
      search: () => expect.fail("a search of every sentence"),
      searchWithin: (terms, groups) => (within.push([...groups]), built.searchWithin(terms, groups)),
    };
    const retriever = createRetriever({ corpus, tokenizer, keyword, vector, embedder });
    const r = await retriever.retrieve("崂山众创空间总面积将达到多少？");
    expect(within).toEqual([[...new Set([...r.signals.passage, ...r.signals.vector])]]);
    const best = [...r.sentenceKeyword].sort((a, b) => b[1] - a[1])[0]!;
    expect(corpus.passages.flatMap((p) => p.sentences).find((s) => s.id === best[0])!.text).toContain("150万平方米");
  });
});

describe("sentence vectors are made once, at build", () => {
  it("a question embeds only itself", async () => {
    const { dir, cleanup } = await tempDir("qa-index-");
    cleanups.push(cleanup);
    const inner = createHashedNgramEmbedder();
    const kinds: string[] = [];
    const embedder: Embedder = { ...inner, embed: (texts, kind) => (kinds.push(...texts.map(() => kind)), inner.embed(texts, kind)) };
    const assistant = await createAssistant({ seedsDir: SEEDS, indexDir: dir, embedder });
    kinds.length = 0;
    const reply = await assistant.ask("x", "崂山众创空间总面积将达到多少？");
    expect(reply.text).toContain("150万平方米");
    expect(kinds).toEqual(["query"]);
    await assistant.close();
  });
});
