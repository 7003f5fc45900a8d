import { DATE, FIGURE_WITH_UNIT, FILLER_END, FILLER_START, TAGS, type AnswerKind } from "../lang/zh/index.js";
import { normalize } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenize.js";
import type { Query } from "./query.js";

/** What a candidate span is. */
export const SPAN_CLASSES = ["figure", "date", "person", "place", "org", "proper", "noun", "title", "list", "clause"] as const;
export type SpanClass = (typeof SPAN_CLASSES)[number];
export const ANSWER_KINDS: readonly AnswerKind[] = ["figure", "date", "person", "place", "org", "list", "thing", "reason", "manner", "yesno", "general"];

/** A span of a sentence that may answer, with offsets into the sentence text. */
export interface Span {
  start: number;
  end: number;
  text: string;
  cls: SpanClass;
  /** The dense features (`SPAN_FEATURES` up to the kind×class crosses). */
  features: number[];
  /** Index in `SPAN_FEATURES` of the one kind×class cross that is 1. */
  cross: number;
}

/** Dense features before the kind×class crosses. */
export const DENSE_SPAN_FEATURES = 16;
const SHORT_KINDS: ReadonlySet<AnswerKind> = new Set(["figure", "date", "person", "place", "org"]);
const LONG_KINDS: ReadonlySet<AnswerKind> = new Set(["reason", "manner", "general", "yesno"]);

/** A span's full feature vector, in `SPAN_FEATURES` order (for training). */
export function spanVector(s: Span): number[] {
  const v = [...s.features, ...new Array<number>(SPAN_FEATURES.length - s.features.length).fill(0)];
  v[s.cross] = 1;
  return v;
}

/**
 * Named features of a span, in the order of `Span.features` (after the kind×class crosses). A weights
 * file names them, so a renamed or reordered feature is caught when the weights are loaded.
 */
export const SPAN_FEATURES = [
  "bias",
  "inQuestion", // share of the span's characters that the question already holds (an answer is new)
  "leftMatch", // characters before the span that equal those before the question word
  "rightMatch", // characters after the span that equal those after the question word
  "nearWord", // the question's words right next to its question word stand right next to the span
  "near", // closeness to the nearest question word in the sentence
  "window", // share of the question's weighted words within a window around the span
  "clause", // share of the question's weighted words in the span's clause
  "logLength",
  "unit", // holds the unit the question asks a figure in
  "given", // holds a number the question itself states
  "wholeClause",
  "clauseStart", // starts where a clause starts
  "clauseEnd", // ends where a clause ends
  "lengthShortKind", // log length when a figure, date or name is asked (short answers)
  "lengthLongKind", // log length when a reason, manner or description is asked (long answers)
  ...ANSWER_KINDS.flatMap((k) => SPAN_CLASSES.map((c) => `${k}×${c}`)),
] as const;

const PUNCT = /^[\p{P}\p{S}\s]+$/u;
const CLAUSE_END = /[,，;；:：。！？!?]/u;
/** Tags of words that do not start or end a noun phrase. */
const LINK = /^(uj|ul|uz|ud|ug|uv|p|c|d|r|y|e|o|u|zg)$/u;

interface Token {
  word: string;
  tag: string;
  start: number;
  end: number;
}

function tokens(norm: string, tokenizer: Tokenizer): Token[] {
  const out: Token[] = [];
  let at = 0;
  for (const { word, tag } of tokenizer.tag(norm)) {
    const i = norm.indexOf(word, at);
    if (i < 0) continue;
    out.push({ word, tag, start: i, end: i + word.length });
    at = i + word.length;
  }
  return out;
}

/** Clause boundaries around [start, end) in the normalised sentence. */
function clauseOf(norm: string, start: number, end: number): [number, number] {
  let a = start;
  while (a > 0 && !CLAUSE_END.test(norm[a - 1]!)) a--;
  let b = end;
  while (b < norm.length && !CLAUSE_END.test(norm[b]!)) b++;
  return [a, b];
}

/**
 * Candidate answer spans of one sentence: figures with units, dates, runs of nouns and names (and their
 * tails), 《titles》 and quoted terms, enumerations joined by 、/和, and whole clauses — each with the
 * features `SPAN_FEATURES` names.
 */
export function spanCandidates(sentence: string, query: Query, tokenizer: Tokenizer): Span[] {
  const norm = query.fold(normalize(sentence));
  const toks = tokens(norm, tokenizer);
  const seen = new Map<string, Span>();
  const add = (start: number, end: number, cls: SpanClass) => {
    while (start < end && /\s/u.test(norm[start]!)) start++;
    while (end > start && /[\s,，、。;；:：]/u.test(norm[end - 1]!)) end--;
    if (end - start < 1 || end - start > 80) return;
    const key = `${start}:${end}`;
    if (!seen.has(key) || rankOfClass(cls) < rankOfClass(seen.get(key)!.cls))
      seen.set(key, { start, end, text: sentence.slice(start, end), cls, features: [], cross: 0 });
  };
  for (const m of norm.matchAll(new RegExp(FIGURE_WITH_UNIT.source, "gu"))) add(m.index!, m.index! + m[0].length, "figure");
  for (const m of norm.matchAll(new RegExp(`(?:${DATE.source})+`, "gu"))) add(m.index!, m.index! + m[0].length, "date");
  for (const m of norm.matchAll(/《[^《》]{1,40}》|"[^"]{1,30}"/gu)) {
    add(m.index!, m.index! + m[0].length, "title");
    add(m.index! + 1, m.index! + m[0].length - 1, "title");
  }
  // Runs of content words: every sub-run of up to five words that does not start or end on a link word.
  let run: Token[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i++) {
      if (LINK.test(run[i]!.tag)) continue;
      for (let j = i; j < Math.min(run.length, i + 5); j++) {
        if (LINK.test(run[j]!.tag)) continue;
        const part = run.slice(i, j + 1);
        add(part[0]!.start, part.at(-1)!.end, classOf(part));
      }
    }
    run = [];
  };
  for (const t of toks) {
    if (PUNCT.test(t.word) || /^(v|vd|p|c|y|e|o|zg|uj|ul|uz|ud|ug|uv)$/u.test(t.tag)) flush();
    else run.push(t);
  }
  flush();
  // Enumerations: items joined by 、 (and a last 和/及/与), as one span.
  for (const m of norm.matchAll(/[^,，。;；:：、]{1,20}(?:、[^,，。;；:：、]{1,20})+/gu)) add(m.index!, m.index! + m[0].length, "list");
  // Whole clauses and runs of up to three (what 为什么 and 怎么 ask for), and each clause's part after
  // or before the question's words (「…树高可达55米」).
  const bounds: [number, number][] = [];
  let from = 0;
  for (let i = 0; i <= norm.length; i++) {
    if (i === norm.length || /[,，;；。！？!?]/u.test(norm[i]!)) {
      if (i > from) bounds.push([from, i]);
      from = i + 1;
    }
  }
  bounds.forEach(([a], i) => {
    for (let j = i; j < Math.min(bounds.length, i + 3); j++) add(a, bounds[j]![1], "clause");
  });
  for (const [a, b] of bounds) {
    const part = norm.slice(a, b);
    let first = part.length;
    let last = 0;
    for (const w of query.words) {
      const i = part.indexOf(w);
      if (i >= 0) (first = Math.min(first, i), (last = Math.max(last, part.lastIndexOf(w) + w.length)));
    }
    if (last > 0 && last < part.length) add(a + last, b, "clause");
    if (first > 0 && first < part.length) add(a, a + first, "clause");
  }
  const spans = [...seen.values()];
  // Where the question's words stand in the sentence, and each clause's coverage: found once.
  const at: [number, number][] = [];
  for (const w of query.words) for (let i = norm.indexOf(w); i >= 0; i = norm.indexOf(w, i + 1)) at.push([i, i + w.length]);
  const clauses = new Map<number, number>();
  const kind = ANSWER_KINDS.indexOf(query.kind);
  for (const s of spans) {
    s.features = spanFeatures(s, norm, query, at, clauses);
    s.cross = DENSE_SPAN_FEATURES + kind * SPAN_CLASSES.length + SPAN_CLASSES.indexOf(s.cls);
  }
  return spans;
}

function rankOfClass(c: SpanClass): number {
  return SPAN_CLASSES.indexOf(c);
}

function classOf(part: Token[]): SpanClass {
  const tags = part.map((t) => t.tag);
  if (tags.every((t) => TAGS.time.test(t))) return "date";
  if (tags.some((t) => TAGS.numeral.test(t)) && tags.some((t) => TAGS.quantifier.test(t))) return "figure";
  if (part.length <= 2 && tags.every((t) => TAGS.person.test(t))) return "person";
  if (TAGS.place.test(tags.at(-1)!)) return "place";
  if (TAGS.org.test(tags.at(-1)!)) return "org";
  if (tags.some((t) => TAGS.proper.test(t))) return "proper";
  return "noun";
}

/** Length of the common suffix of a and b (from their ends), at most `max`. */
function commonSuffix(a: string, b: string, max = 8): number {
  let n = 0;
  while (n < max && n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
function commonPrefix(a: string, b: string, max = 8): number {
  let n = 0;
  while (n < max && n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}


function spanFeatures(s: Span, norm: string, q: Query, at: [number, number][], clauses: Map<number, number>): number[] {
  const text = norm.slice(s.start, s.end);
  const chars = [...text].filter((c) => /[\p{L}\p{N}]/u.test(c));
  const inQuestion = chars.length ? chars.filter((c) => q.chars.has(c)).length / chars.length : 0;
  const before = norm.slice(0, s.start).replace(FILLER_END, "");
  const after = norm.slice(s.end).replace(FILLER_START, "");
  const leftMatch = commonSuffix(before, q.before.replace(FILLER_END, "")) / 4;
  const rightMatch = commonPrefix(after, q.after.replace(FILLER_START, "")) / 4;
  const nearWord =
    (q.wordBefore && norm.slice(Math.max(0, s.start - q.wordBefore.length - 6), s.start).includes(q.wordBefore) ? 1 : 0) +
    (q.wordAfter && norm.slice(s.end, s.end + q.wordAfter.length + 6).includes(q.wordAfter) ? 1 : 0);
  let nearest = Infinity;
  for (const [a, b] of at) {
    const d = a >= s.end ? a - s.end : s.start >= b ? s.start - b : 0;
    if (d < nearest) nearest = d;
  }
  const near = nearest === Infinity ? 0 : 1 / (1 + nearest / 4);
  const window = q.coverage(norm.slice(Math.max(0, s.start - 12), Math.min(norm.length, s.end + 12)));
  const [ca, cb] = clauseOf(norm, s.start, s.end);
  let clause = clauses.get(ca);
  if (clause === undefined) clauses.set(ca, (clause = q.coverage(norm.slice(ca, cb))));
  const unit = q.unit && text.includes(q.unit) ? 1 : 0;
  const given = q.given.some((n) => text.includes(n)) ? 1 : 0;
  const logLength = Math.log(1 + chars.length);
  return [
    1, inQuestion, leftMatch, rightMatch, nearWord, near, window, clause, logLength, unit, given, ca === s.start && cb === s.end ? 1 : 0,
    ca === s.start ? 1 : 0, cb === s.end ? 1 : 0, SHORT_KINDS.has(q.kind) ? logLength : 0, LONG_KINDS.has(q.kind) ? logLength : 0,
  ];
}
