import { describe, expect, it } from "vitest";
import type { Corpus, Passage } from "../../src/corpus/corpus.js";
import { createHashedNgramEmbedder } from "../../src/embed/hashed-ngram.js";
import { HAND_FUSION } from "../../src/retrieval/fusion.js";
import { createKeywordIndex } from "../../src/retrieval/keyword-index.js";
import { createRetriever } from "../../src/retrieval/retriever.js";
import type { VectorIndex } from "../../src/retrieval/vector-index.js";
import type { Tokenizer } from "../../src/text/tokenize.js";

/** Passages `d#1`… of sentences whose terms are their space-separated words. */
function retrieverOver(paragraphs: string[][]) {
  const passages: Passage[] = paragraphs.map((sentences, i) => ({
    id: `d#${i + 1}`,
    doc: "d",
    paragraph: i + 1,
    text: sentences.join(" "),
    start: 0,
    sentences: sentences.map((text, j) => ({ id: `d#${i + 1}.${j + 1}`, text, start: 0, end: text.length })),
  }));
  const corpus: Corpus = { documents: [], passages, hash: "" };
  const tokenizer = { terms: (text: string) => text.split(" ").filter(Boolean) } as Tokenizer;
  const keyword = createKeywordIndex();
  for (const p of passages) keyword.add(p.sentences.map((s) => ({ id: s.id, terms: tokenizer.terms(s.text) })));
  const noVectors: VectorIndex = { dimension: 256, size: 0, add() {}, search: () => [], save: async () => {} };
  const retriever = createRetriever({ corpus, tokenizer, keyword, vector: noVectors, embedder: createHashedNgramEmbedder(), fusion: HAND_FUSION });
  return { retriever, keyword };
}

describe("retrieve: keyword signals", () => {
  const paragraphs = [["apple pear", "plum"], ["pear fig", "fig fig"], ["plum kiwi"], ["kiwi"]];

  it("scales each sentence's BM25 by the best one's, the conversation's words added at 0.4 of their weight", async () => {
    const { retriever, keyword } = retrieverOver(paragraphs);
    const r = await retriever.retrieve("pear", { contextTerms: ["fig", "kiwi"], focus: ["d#4"] });
    // Sentences are scored inside the passages the passage search found (the conversation's words too) and the focus.
    expect(r.signals.passage).toEqual(["d#2", "d#1", "d#4", "d#3"]);
    const candidates = new Set([...r.signals.passage, "d#4"]);
    const expected = new Map<string, number>();
    for (const h of keyword.searchWithin(["pear"], candidates)) expected.set(h.id, h.score);
    for (const h of keyword.searchWithin(["fig", "kiwi"], candidates)) expected.set(h.id, (expected.get(h.id) ?? 0) + 0.4 * h.score);
    const top = Math.max(...expected.values());
    expect([...r.sentenceKeyword]).toEqual([...expected].map(([id, s]) => [id, s / top]));
    // A passage's best sentence, and its sentences summed: d#2 holds "pear" and twice "fig".
    expect(r.signals.bestSentence[0]).toBe("d#2");
    expect(r.signals.passageSum[0]).toBe("d#2");
    expect(new Set(r.signals.bestSentence)).toEqual(new Set(["d#1", "d#2", "d#3", "d#4"]));
  });

  it("returns the k best passages, best first, the best scored 1", async () => {
    const { retriever } = retrieverOver(paragraphs);
    const r = await retriever.retrieve("plum kiwi", { k: 2 });
    expect(r.passages.map((p) => p.passage.id)).toEqual(["d#3", r.passages[1]!.passage.id]);
    expect(r.passages[0]!.score).toBe(1);
    expect(r.passages[1]!.score).toBeLessThan(1);
    expect((await retriever.retrieve("plum kiwi", { k: 0 })).passages).toEqual([]);
  });
});
