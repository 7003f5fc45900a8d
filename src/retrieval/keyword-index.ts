import MiniSearch from "minisearch";
import type { Hit } from "./vector-index.js";

/** Full-text search over pre-tokenised units (here: sentences). */
export interface KeywordIndex {
  readonly size: number;
  /** Adds units with their terms. */
  add(units: { id: string; terms: string[] }[]): void;
  /** Best `k` units for the query terms, BM25-scored (unbounded, higher is better). */
  search(terms: string[], k: number): Hit[];
  /** In how many units `term` occurs. */
  documentFrequency(term: string): number;
}

/**
 * MiniSearch (BM25+) over terms the caller has already cut with jieba, so its
 * space-and-punctuation tokenizer never sees raw Chinese.
 *
 * @example
 * const index = createKeywordIndex();
 * index.add([{ id: "doc#1.1", terms: ["众创空间", "面积"] }]);
 * index.search(["面积"], 5);
 */
export function createKeywordIndex(): KeywordIndex {
  const df = new Map<string, number>();
  const search = new MiniSearch<{ id: string; terms: string[] }>({
    fields: ["terms"],
    extractField: (doc, field) => (field === "id" ? doc.id : doc.terms.join("\u0001")),
    tokenize: (text) => text.split("\u0001"),
    processTerm: (term) => term || null,
    searchOptions: { combineWith: "OR", prefix: false, fuzzy: false },
  });
  return {
    get size() {
      return search.documentCount;
    },
    add(units) {
      for (const u of units) for (const t of new Set(u.terms)) df.set(t, (df.get(t) ?? 0) + 1);
      search.addAll(units);
    },
    search(terms, k) {
      if (terms.length === 0 || search.documentCount === 0) return [];
      const results = search.search({ combineWith: "OR", queries: [...new Set(terms)] });
      return results.slice(0, k).map((r) => ({ id: String(r.id), score: r.score }));
    },
    documentFrequency: (term) => df.get(term) ?? 0,
  };
}
