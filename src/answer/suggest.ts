import type { Passage } from "../corpus/corpus.js";
import { fnv1a } from "../text/hash.js";
import { splitClauses } from "./extract.js";

/** A question the corpus can answer, made from one of its own figures. */
export interface Suggestion {
  passage: string;
  question: string;
}

const FIGURE_IN_CLAUSE = /\d+(?:\.\d+)?(?=\s*(?:万|亿)?\s*(?:平方米|亿元|万元|元|家|个|户|人|项|场|名|%))/u;
const LEAD = /^(?:目前|同时|其中|此外|而且|并且|据统计|但|而|并|且|也|还|又)\s*/u;

/**
 * Questions made from the corpus's own figures: a clause such as 「崂山众创空间总面积将达150万平方米」
 * becomes 「崂山众创空间总面积将达多少万平方米？」. They are what a reader could ask next,
 * and each has its answer in the passage it came from.
 */
export function suggestQuestions(passages: Passage[]): Suggestion[] {
  const out: Suggestion[] = [];
  for (const p of passages) {
    for (const s of p.sentences) {
      for (const c of splitClauses(s.text).flatMap((c) => c.text.split("、"))) {
        const text = c.replace(LEAD, "").replace(/[。！？”“"]/gu, "");
        const m = FIGURE_IN_CLAUSE.exec(text);
        // A clause that leans on the sentence before it (这里…, 其…) makes a question without a subject.
        if (!m || text.length > 28 || m.index < 6 || /^(这|那|其|该|此|它)/u.test(text)) continue;
        const unit = /^\s*(?:万|亿)?\s*(?:平方米|亿元|万元|元|家|个|户|人|项|场|名|%)/u.exec(text.slice(m.index + m[0].length))![0];
        out.push({ passage: p.id, question: `${text.slice(0, m.index)}多少${unit.trim()}？` });
      }
    }
  }
  return out;
}

/**
 * A suggestion's self-contained id: its passage and a hash of its wording (`000_4f5b4b3408eff9cd#3~1k2j3h4`).
 *
 * @example
 * suggestionId({ passage: "doc#3", question: "总面积将达多少万平方米？" }); // "doc#3~…"
 */
export function suggestionId(s: Suggestion): string {
  return `${s.passage}~${fnv1a(s.question).toString(36)}`;
}

/** Reads a suggestion id back: the passage and the hash. */
export function parseSuggestionId(id: string): { passage: string; hash: string } | undefined {
  const cut = id.lastIndexOf("~");
  return cut > 0 && /^[0-9a-z]{1,7}$/.test(id.slice(cut + 1)) ? { passage: id.slice(0, cut), hash: id.slice(cut + 1) } : undefined;
}

/** `n` example questions from evenly spaced passages that have one, e.g. for /help. */
export function exampleQuestions(suggestions: Suggestion[], n: number): string[] {
  const byPassage = [...new Map(suggestions.map((s) => [s.passage, s.question])).values()];
  if (byPassage.length <= n) return byPassage;
  return Array.from({ length: n }, (_, i) => byPassage[Math.floor((i * byPassage.length) / n)]!);
}
