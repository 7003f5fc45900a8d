import {
  DATE,
  DATE_SUFFIX,
  FIGURE_QUALIFIER,
  FIGURE_WITH_UNIT,
  FILLER_END,
  FILLER_START,
  GLOSSED_YEAR,
  LEADING_CONNECTIVE,
  NAME_JOINER,
  OFFICE,
  ORGANISATION_WORD,
  RANGE_LINK,
  sameUnits,
  TAGS,
  TRAILING_POSTPOSITION,
  WRITTEN_DAY,
  WRITTEN_YEAR,
  type AnswerKind,
} from "../lang/zh/index.js";
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

const SHORT_KINDS: ReadonlySet<AnswerKind> = new Set(["figure", "date", "person", "place", "org"]);
const LONG_KINDS: ReadonlySet<AnswerKind> = new Set(["reason", "manner", "general", "yesno"]);

/** The characters of a span whose `SpanShapes` are learned: its last and its first. */
export const SHAPE_SIDES = ["end", "start"] as const;
export type ShapeSide = (typeof SHAPE_SIDES)[number];

/** What the span model's trees ask about: the dense features, then the answer kind's and the span class's index. */
export function spanTreeVector(s: Span): number[] {
  return writeTreeVector(s, new Array<number>(SPAN_TREE_DIM));
}

/** `spanTreeVector` written into `out` from index `at` (scoring writes every candidate's into one array). */
export function writeTreeVector<V extends { [i: number]: number }>(s: Span, out: V, at = 0): V {
  const c = s.cross - DENSE_SPAN_FEATURES;
  for (let i = 0; i < s.features.length; i++) out[at + i] = s.features[i]!;
  out[at + s.features.length] = Math.floor(c / SPAN_CLASSES.length);
  out[at + s.features.length + 1] = c % SPAN_CLASSES.length;
  return out;
}

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
  "unit", // holds the unit the question asks a figure in (or one of the asked noun's: 面积 → 平方米, 亩…)
  "given", // holds a number the question itself states
  "wholeClause",
  "clauseStart", // starts where a clause starts
  "clauseEnd", // ends where a clause ends
  "lengthShortKind", // log length when a figure, date or name is asked (short answers)
  "lengthLongKind", // log length when a reason, manner or description is asked (long answers)
  "orderBefore", // share of the question's words before its question word that stand before the span
  "orderAfter", // share of the question's words after its question word that stand after the span
  "gap", // overlap (F1 of characters) with the stretch between the matched text before and after the question word
  "askedHead", // ends like the noun the question word asks for (哪所小学 → …小学, 哪一国家 → …国)
  "verbs", // share of the span's words that are verbs (a name or figure has none)
  "startsSentence", // starts the sentence (its subject)
  "covered", // share of the span's characters inside occurrences of the question's words (an answer is new)
  "oneChar", // a single character that is not a digit (rarely a whole answer)
  "afterLink", // follows a word that introduces what is stated (是, 为, 在, 于, 由, 到, 至, 达, 以, 叫, 称)
  "beforeStop", // is followed by punctuation or the sentence end
  "beforeDe", // is followed by 的 (it modifies what comes next)
  "lengthByQuestion", // log length × log length of the question (long restating questions ask for short answers)
  "lengthWhInside", // log length when the question word stands inside the question, not at its end
  "leftNear", // closeness to the nearest word, on its left, of those the question has before its question word
  "rightNear", // closeness to the nearest word, on its right, of those the question has after its question word
  "startsInWord", // starts inside a word of the sentence (民間口頭|傳 → 傳說 cut)
  "endsInWord", // ends inside a word of the sentence
  "nounBefore", // the word right before is a noun, name or number (the phrase may go on leftwards)
  "nounAfter", // the word right after is a noun, name, number or unit (the phrase may go on rightwards)
  "figureGoesOn", // a digit, unit or date word follows right after (1961年|10月, 1960年|代)
  "leftGrams", // share of the character pairs of the question's text just before its question word found just before the span
  "rightGrams", // share of the character pairs of the question's text just after its question word found just after the span
  "connective", // opens with a word that links its clause to what went before (但, 由于, 随着)
  "postposition", // closes with a word placing it in time or space (…时, …之后, …以上)
  "wordBeforeClose", // closeness of the span's start to the end of the question's word right before its question word
  "wordAfterClose", // closeness of the span's end to the start of the question's word right after its question word
  "sentenceShare", // share of the sentence's letters the span holds
  "wholeSentence", // the whole sentence
  "listSibling", // an item of an enumeration (、, 和, 及…) whose neighbouring item the question names (A、B以及哪种 → C)
  "otherUnit", // a figure in a unit other than the one asked (交易额的10% when the question asks the 交易额)
  "grain", // holds the part of a date asked: a year (哪一年 → 2024年), a day (哪天 → 4月1日)
  // How much likelier than the kind's other candidates a span is the answer, learned (`SpanShapes`), by the character
  // it ends with (…席 rarely names a person) and the one it starts with (a surname, 《, a digit).
  ...SHAPE_SIDES.map((side) => `${side}Shape` as const),
  ...ANSWER_KINDS.map((k) => `${k}×logLength`),
  ...ANSWER_KINDS.flatMap((k) => SPAN_CLASSES.map((c) => `${k}×${c}`)),
] as const;

/** Dense features before the kind×class crosses (counted from the list: a feature added or dropped moves it). */
export const DENSE_SPAN_FEATURES = SPAN_FEATURES.length - ANSWER_KINDS.length * SPAN_CLASSES.length;
/** Length of `spanTreeVector`. */
export const SPAN_TREE_DIM = DENSE_SPAN_FEATURES + 2;

const PUNCT = /^[\p{P}\p{S}\s]+$/u;
/** A figure that is a year (2024年, 公元前221年), not a count of years (3年). */
const A_YEAR = new RegExp(`^(?:${WRITTEN_YEAR.source})$`, "u");
const FIGURE = new RegExp(FIGURE_WITH_UNIT.source, "gu");
const DATES = new RegExp(`(?:${DATE.source})+`, "gu");
const FIGURE_RANGE = new RegExp(`(?:\\d+(?:[.,]\\d+)*|${FIGURE_WITH_UNIT.source})\\s*${RANGE_LINK.source}\\s*(?:${FIGURE_WITH_UNIT.source})`, "gu");
const QUALIFIED_FIGURE = new RegExp(`${FIGURE_QUALIFIER.source}(?:${FIGURE_WITH_UNIT.source})`, "gu");
const GLOSSED_YEARS = new RegExp(GLOSSED_YEAR.source, "gu");
const DATE_RANGE = new RegExp(`(?:${DATE.source})+(?:\\s*${RANGE_LINK.source}\\s*(?:${DATE.source})+|${DATE_SUFFIX.source})`, "gu");
/** Groups: 1 the text before the first joiner, 2 the text after the last. */
const JOINED_NAME = new RegExp(`([\\p{L}]{1,12})(?:${NAME_JOINER.source}[\\p{L}]{1,12})*${NAME_JOINER.source}([\\p{L}]{1,12})`, "gu");
/** What ends a clause (each one UTF-16 unit), and what ends a clause a candidate spans (not colons). */
const CLAUSE_END_UNITS = unitsOf(",，;；:：。！？!?");
const CLAUSE_BREAK_UNITS = unitsOf(",，;；。！？!?");
/** A digit's UTF-16 unit (0–9). */
const isDigitUnit = (u: number) => u >= 0x30 && u <= 0x39;
/** The separator at `i` of a written number (6,476 or 3.5, between two digits): no clause ends there. */
const inNumber = (norm: string, i: number) => {
  const u = norm.charCodeAt(i);
  return (u === 0x2c || u === 0x2e) && isDigitUnit(norm.charCodeAt(i - 1)) && isDigitUnit(norm.charCodeAt(i + 1));
};
/** Whether the character at `i` ends a clause (one of `units`, not a thousands separator). */
const endsClause = (norm: string, i: number, units: ReadonlySet<number>) => units.has(norm.charCodeAt(i)) && !inNumber(norm, i);
/** What a written number goes on with after its digits: a magnitude (5000|万). */
const MAGNITUDE_UNITS = unitsOf("万亿千百");
/**
 * Whether a span [start, end) cuts a written number: starts or ends between two of its digits (6,4|76, 5000|万加元)
 * or right after one or its magnitude (6,476|名, 5000万|加元). No answer starts inside a figure.
 */
function cutsNumber(norm: string, start: number, end: number): boolean {
  if (start > 0 && isDigitUnit(norm.charCodeAt(start - 1)) && !isPunctUnit(norm.charCodeAt(start))) {
    // (Digits that end a model's name do not: POWER6|处理器.)
    let i = start - 1;
    while (i > 0 && isDigitUnit(norm.charCodeAt(i - 1))) i--;
    if (!/[A-Za-z]/u.test(norm[i - 1] ?? "")) return true;
  }
  if (start > 1 && (inNumber(norm, start - 1) || (MAGNITUDE_UNITS.has(norm.charCodeAt(start - 1)) && isDigitUnit(norm.charCodeAt(start - 2))))) return true;
  const last = norm.charCodeAt(end - 1);
  const next = norm.charCodeAt(end);
  if (end < norm.length && isDigitUnit(last) && (isDigitUnit(next) || MAGNITUDE_UNITS.has(next) || inNumber(norm, end))) return true;
  return false;
}
/** A character counted in a span's length (a letter or digit); a span without one answers nothing. */
const LETTER = /[\p{L}\p{N}]/u;
/**
 * `pattern.test` of the one-unit string of a UTF-16 unit (a surrogate alone matches no class of characters),
 * remembered in a table filled as units are asked: sentences are read unit by unit, and a one-character string
 * matched against a pattern cost more. On text without surrogates, a unit is a character.
 */
function unitTest(pattern: RegExp): (unit: number) => boolean {
  const known = new Uint8Array(0x10000); // 0 not yet asked, 1 matches, 2 does not
  return (unit) => {
    let v = known[unit]!;
    if (v === 0) known[unit] = v = pattern.test(String.fromCharCode(unit)) ? 1 : 2;
    return v === 1;
  };
}
const isLetterUnit = unitTest(LETTER);
const isPunctUnit = unitTest(/[\p{P}\s]/u);
const isSpaceUnit = unitTest(/\s/u);
/** What a span does not end with. */
const isTrimmedUnit = unitTest(/[\s,，、。;；:：]/u);
/** Holds the text without characters outside the BMP (no surrogates: a UTF-16 unit is a character)? */
const bmpOnly = (text: string) => !/[^\u0000-\uD7FF\uE000-\uFFFF]/u.test(text);

/** Words a span may follow that introduce what is stated (`afterLink`), one UTF-16 unit each. */
const LINK_UNITS = unitsOf("是为在于由到至达以叫称");
/**
 * How many of a span's last UTF-16 units `TRAILING_POSTPOSITION` needs: its longest word, when its source is
 * a list of words that end the text (else the whole span). A pattern ending in `$` is tried from every
 * character of a text, and spans are many.
 */
const POSTPOSITION_TAIL = /^\(\?:[\p{L}|]+\)\$$/u.test(TRAILING_POSTPOSITION.source)
  ? Math.max(...TRAILING_POSTPOSITION.source.slice(3, -2).split("|").map((w) => w.length))
  : Infinity;
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

/** The UTF-16 units of `chars` (characters of one unit each). */
function unitsOf(chars: string): Set<number> {
  return new Set(Array.from(chars, (c) => c.charCodeAt(0)));
}

/** Clause boundaries around [start, end) in the normalised sentence. */
function clauseOf(norm: string, start: number, end: number): [number, number] {
  let a = start;
  while (a > 0 && !endsClause(norm, a - 1, CLAUSE_END_UNITS)) a--;
  let b = end;
  while (b < norm.length && !endsClause(norm, b, CLAUSE_END_UNITS)) b++;
  return [a, b];
}

/**
 * What the answers of each kind look like at their edges, learned from the training sets' gold spans
 * (scripts/fit-shapes.ts): for a side, a kind and a character there (`shapeKeys`), the log of how much likelier than
 * the kind's other candidates such a span is the gold one, shrunk towards 0 for characters seen rarely (absent: 0).
 * A person asked: …统 (总统) or …席 (主席) rarely ends one; a place asked: …国, …市 often do.
 */
export type SpanShapes = Partial<Record<ShapeSide, Partial<Record<AnswerKind, Record<string, number>>>>>;

/** A character as `SpanShapes` count it: any digit is 0, any Latin letter a. */
function shapeKey(ch: string | undefined): string {
  if (ch === undefined) return "";
  if (ch >= "0" && ch <= "9") return "0";
  return /^[a-z]$/iu.test(ch) ? "a" : ch;
}

/** The offset a side's key is read by: a span's end for its last character, its start for its first. */
const shapeOffset = (side: number, start: number, end: number) => (SHAPE_SIDES[side] === "end" ? end : start);

/** The key of a side of a span, by its offset (`shapeOffset`) in `norm`. */
const shapeKeyAt = (norm: string, side: number, offset: number) => shapeKey(SHAPE_SIDES[side] === "end" ? norm[offset - 1] : norm[offset]);

/** The keys of the span [start, end) of `norm` (the sentence as read), in `SHAPE_SIDES` order. */
export function shapeKeys(norm: string, start: number, end: number): string[] {
  return SHAPE_SIDES.map((_, side) => shapeKeyAt(norm, side, shapeOffset(side, start, end)));
}

/**
 * Candidate answer spans of one sentence: figures with units, dates, runs of nouns and names (and their
 * tails), 《titles》 and quoted terms, enumerations joined by 、/和, and whole clauses — each with the
 * features `SPAN_FEATURES` names (the shape features read from `shapes`: 0 without them). `norm` is the sentence as
 * read (`query.fold(normalize(sentence))`), passed when the caller has made it already.
 */
export function spanCandidates(sentence: string, query: Query, tokenizer: Tokenizer, shapes?: SpanShapes, norm = query.fold(normalize(sentence))): Span[] {
  const toks = tokens(norm, tokenizer);
  const bmp = bmpOnly(norm);
  /** Spans by their bounds (`start × (length + 1) + end`: a number, quicker to look up than a string). */
  const seen = new Map<number, Span>();
  const marks = pairedMarks(norm);
  const add = (start: number, end: number, cls: SpanClass) => {
    while (start < end && isSpaceUnit(norm.charCodeAt(start))) start++;
    while (end > start && isTrimmedUnit(norm.charCodeAt(end - 1))) end--;
    if (end - start < 1 || end - start > 80 || cutsNumber(norm, start, end) || (marks && !marks(start, end))) return;
    // A span of marks alone (“) answers nothing.
    if (!(bmp ? holdsLetter(norm, start, end) : LETTER.test(norm.slice(start, end)))) return;
    const key = start * (norm.length + 1) + end;
    const had = seen.get(key);
    if (!had || rankOfClass(cls) < rankOfClass(had.cls)) seen.set(key, { start, end, text: sentence.slice(start, end), cls, features: [], cross: 0 });
  };
  let figures = 0;
  let dates = 0;
  for (const m of norm.matchAll(FIGURE)) {
    // A year (2024年) is a date, not a count of years (3年).
    add(m.index!, m.index! + m[0].length, A_YEAR.test(m[0]) ? "date" : "figure");
    figures++;
  }
  for (const m of norm.matchAll(DATES)) {
    add(m.index!, m.index! + m[0].length, "date");
    dates++;
  }
  // Ranges of figures and dates (400米至1,700米, 3-4厘米), figures with their qualifier (超过1800个), dates with
  // what places them within (14世纪末). Each holds a figure or a date: a sentence without one has none.
  for (const m of figures ? norm.matchAll(FIGURE_RANGE) : []) add(m.index!, m.index! + m[0].length, "figure");
  for (const m of figures ? norm.matchAll(QUALIFIED_FIGURE) : []) add(m.index!, m.index! + m[0].length, "figure");
  for (const m of dates ? norm.matchAll(DATE_RANGE) : []) add(m.index!, m.index! + m[0].length, "date");
  // A year of an era with the common era's in brackets after it (正德五年（1510年）): one date.
  for (const m of dates && norm.includes("(") ? norm.matchAll(GLOSSED_YEARS) : []) add(m.index!, m.index! + m[0].length, "date");
  // Transcribed names whose parts a joiner links (亨利·迪克特·怀特): the word before the first joiner to the
  // first or second word after the last one. (Most sentences have no joiner: the costly search is skipped.)
  for (const m of NAME_JOINER.test(norm) ? norm.matchAll(JOINED_NAME) : []) {
    const first = toks.find((t) => t.end === m.index! + m[1]!.length);
    const lastAt = m.index! + m[0].length - m[2]!.length;
    const after = toks.filter((t) => t.start >= lastAt && !PUNCT.test(t.word) && t.end <= m.index! + m[0].length);
    if (!first || !/^[\p{L}]+$/u.test(first.word)) continue;
    const from = first.start;
    for (const t of after.slice(0, 2)) add(from, t.end, "person");
  }
  // A name right after an office (副局长|周晓梅, 会长|杨红): news names officials so, and jieba knows few of their names.
  // (jieba may cut the surname off: 韩|卫东, 王|立新.)
  for (let i = 1; i < toks.length; i++) {
    const t = toks[i]!;
    if (!OFFICE.test(toks[i - 1]!.word) || t.start !== toks[i - 1]!.end) continue;
    if (/^\p{Script=Han}{2,3}$/u.test(t.word) && (t.tag === "x" || TAGS.person.test(t.tag))) add(t.start, t.end, "person");
    const rest = toks[i + 1];
    if (/^\p{Script=Han}$/u.test(t.word) && /^(?:x|nr|j|n)$/u.test(t.tag) && rest && /^\p{Script=Han}{1,2}$/u.test(rest.word) && !/^(?:v|vd|p|u|uj|ul|uz|ud|ug|uv|c|m|q|f|y)$/u.test(rest.tag))
      add(t.start, rest.end, "person");
  }
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
        add(run[i]!.start, run[j]!.end, classOf(run, i, j));
      }
    }
    run = [];
  };
  for (const t of toks) {
    if (PUNCT.test(t.word) || /^(v|vd|p|c|y|e|o|zg|uj|ul|uz|ud|ug|uv)$/u.test(t.tag)) flush();
    else run.push(t);
  }
  flush();
  // An organisation's name with 和 or 与 inside (住房和城乡建设局, 发展和改革委员会): the words on either side, up to
  // the word that ends it as an organisation's name.
  for (let i = 1; i < toks.length - 1; i++) {
    if (!/^(?:和|与)$/u.test(toks[i]!.word)) continue;
    let end = -1;
    for (let j = i + 1; j < Math.min(toks.length, i + 4) && end < 0; j++) {
      if (PUNCT.test(toks[j]!.word) || /^v/u.test(toks[j]!.tag)) break;
      end = organisationEnd(toks[j]!);
    }
    if (end < 0) continue;
    // (The word right before 和 may be tagged a verb: 发展|和|改革委员会.)
    for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
      if (PUNCT.test(toks[j]!.word) || (j < i - 1 && /^v/u.test(toks[j]!.tag))) break;
      add(toks[j]!.start, end, "org");
    }
  }
  // Enumerations: items joined by 、 (and a last 和/及/与), as one span.
  for (const m of norm.includes("、") ? norm.matchAll(/[^,，。;；:：、]{1,20}(?:、[^,，。;；:：、]{1,20})+/gu) : []) add(m.index!, m.index! + m[0].length, "list");
  // Whole clauses and runs of up to three (what 为什么 and 怎么 ask for), and each clause's part after
  // or before the question's words (「…树高可达55米」).
  const bounds: [number, number][] = [];
  let from = 0;
  for (let i = 0; i <= norm.length; i++) {
    if (i === norm.length || endsClause(norm, i, CLAUSE_BREAK_UNITS)) {
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
  // Clauses without the connective that opens them (但|晋廷因为…).
  for (const s of [...seen.values()]) {
    if (s.cls !== "clause") continue;
    const m = LEADING_CONNECTIVE.exec(norm.slice(s.start, s.end));
    if (m && m[0].length < s.end - s.start) add(s.start + m[0].length, s.end, "clause");
  }
  // The stretch between the question's text matched before and after its question word (its restatement).
  const gap = gapOf(norm, query);
  if (gap) add(gap[0], gap[1], "clause");
  const spans = [...seen.values()];
  const kind = ANSWER_KINDS.indexOf(query.kind);
  const context = sentenceContext(norm, query, toks, gap, bmp);
  context.shapes = SHAPE_SIDES.map((side) => shapes?.[side]?.[query.kind]);
  if (context.shapes.some(Boolean)) context.shapeAt = SHAPE_SIDES.map(() => perOffset(norm.length));
  for (const s of spans) {
    s.features = spanFeatures(s, norm, query, context);
    s.cross = DENSE_SPAN_FEATURES + kind * SPAN_CLASSES.length + SPAN_CLASSES.indexOf(s.cls);
  }
  return spans;
}

/**
 * Where an organisation's name ends in a word: after it when the word ends like one (旅游局, 局), after its first
 * character when jieba glued the office on (局|局长 cut as 局局长); -1 when neither.
 */
function organisationEnd(t: Token): number {
  if (ORGANISATION_WORD.test(t.word)) return t.end;
  return t.word.length > 2 && ORGANISATION_WORD.test(t.word[0]!) && OFFICE.exec(t.word.slice(1).replace(/^副/u, ""))?.index === 0 ? t.start + 1 : -1;
}

/** Marks that open and close what they enclose ("…" is one mark, normalised), by type: a span holds both or neither. */
const PAIRED = ["(", ")", "《", "》", "「", "」", "『", "』", '"', '"'];
const PAIRED_UNITS = new Set(PAIRED.map((m) => m.charCodeAt(0)));

/**
 * Whether a span [start, end) of `norm` holds the marks it encloses paired (《若干措施》, not 雙方簽署《) — counted for each
 * type of mark the sentence itself holds paired; undefined when the sentence has none (every span does).
 */
function pairedMarks(norm: string): ((start: number, end: number) => boolean) | undefined {
  let any = false;
  for (let i = 0; i < norm.length && !any; i++) any = PAIRED_UNITS.has(norm.charCodeAt(i));
  if (!any) return undefined;
  const types: { open: number; close: number; before: Int32Array }[] = [];
  for (let t = 0; t < PAIRED.length; t += 2) {
    const open = PAIRED[t]!.charCodeAt(0);
    const close = PAIRED[t + 1]!.charCodeAt(0);
    // Opened less closed before each offset (a "…" quote: how many marks, its parity).
    const before = new Int32Array(norm.length + 1);
    for (let i = 0; i < norm.length; i++) {
      const u = norm.charCodeAt(i);
      before[i + 1] = before[i]! + (open === close ? (u === open ? 1 : 0) : u === open ? 1 : u === close ? -1 : 0);
    }
    const whole = before[norm.length]!;
    if (open === close ? whole % 2 === 0 && whole > 0 : whole === 0 && norm.includes(PAIRED[t]!)) types.push({ open, close, before });
  }
  if (types.length === 0) return undefined;
  return (start, end) => types.every(({ open, close, before }) => (open === close ? (before[end]! - before[start]!) % 2 === 0 : before[end] === before[start]));
}

/** Has `norm` (without surrogates) a letter or digit in [start, end)? */
function holdsLetter(norm: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isLetterUnit(norm.charCodeAt(i))) return true;
  return false;
}

function rankOfClass(c: SpanClass): number {
  return SPAN_CLASSES.indexOf(c);
}

/** The class of the run of words `run[from…to]` (read in place: a sentence has many such runs). */
function classOf(run: readonly Token[], from: number, to: number): SpanClass {
  const every = (tag: RegExp) => {
    for (let i = from; i <= to; i++) if (!tag.test(run[i]!.tag)) return false;
    return true;
  };
  const some = (tag: RegExp) => {
    for (let i = from; i <= to; i++) if (tag.test(run[i]!.tag)) return true;
    return false;
  };
  if (every(TAGS.time)) return "date";
  if (some(TAGS.numeral) && some(TAGS.quantifier)) return "figure";
  if (to - from < 2 && every(TAGS.person)) return "person";
  if (TAGS.place.test(run[to]!.tag)) return "place";
  if (TAGS.org.test(run[to]!.tag)) return "org";
  if (some(TAGS.proper)) return "proper";
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


/**
 * What every span of one sentence is measured against, found once per sentence: what depends only on the
 * question or the sentence, and (filled as spans ask) what depends only on where a span starts or ends.
 */
interface SentenceContext {
  /** Where the question's words stand in the sentence (every occurrence). */
  at: [number, number][];
  /** The question's share of words in the clause that starts at an offset (NaN until a span asks, as every `Float64Array` here). */
  clauses: Float64Array;
  /** The question's share of words in a window around a span, by its bounds (short sentences clip many alike). */
  windows: Map<number, number>;
  /** The clause around an offset: where it starts (`clauseFrom[i]`) and ends (`clauseTo[i]`), as `clauseOf`. */
  clauseFrom: Int32Array;
  clauseTo: Int32Array;
  /**
   * Letters and digits before each offset, and those of them the question's words hold (prefix counts,
   * counted as `spanFeatures` counts a span's characters); undefined when the sentence has characters
   * outside the BMP (a span could cut a surrogate pair).
   */
  letters?: Int32Array;
  asked?: Int32Array;
  /** The question's text before / after its question word, fillers off. */
  before: string;
  after: string;
  /** Per start offset: leftMatch, leftGrams; per end offset: rightMatch, rightGrams (as spans ask). */
  leftMatch: Float64Array;
  leftGramShare: Float64Array;
  rightMatch: Float64Array;
  rightGramShare: Float64Array;
  shortKind: boolean;
  longKind: boolean;
  /** log(1 + the question's length). */
  logQuestion: number;
  /** Where the question's word right before / after its question word ends / starts in the sentence (every occurrence). */
  wordBeforeEnds: number[];
  wordAfterStarts: number[];
  /** Letters of the whole sentence. */
  allLetters: number;
  /** 、 and commas before each offset (prefix counts): a span holding one is no single item of an enumeration. */
  commas: Int32Array;
  /** listSibling's halves, per start / end offset (as spans ask). */
  siblingBefore: Float64Array;
  siblingAfter: Float64Array;
  /** The question word stands inside the question (two or more characters follow it). */
  whInside: boolean;
  /** Where the question's words before / after its question word stand in the sentence (first occurrence). */
  left: { at: number; end: number }[];
  right: { at: number; end: number }[];
  gap?: [number, number];
  /** The noun the question word asks for (哪所小学 → 小学), if one follows it. */
  head?: string;
  /**
   * Words (not punctuation) and verbs of the sentence wholly inside a span, as two prefix counts each: those
   * ending by an offset, and those starting before it (`within`).
   */
  wordsEndingBy: Int32Array;
  wordsStartingBefore: Int32Array;
  verbsEndingBy: Int32Array;
  verbsStartingBefore: Int32Array;
  /** 1 at offsets where a word of the sentence starts / ends. */
  starts: Uint8Array;
  ends: Uint8Array;
  /** 1 at offsets where the word starting / ending there is `nounish`. */
  nounStarts: Uint8Array;
  nounEnds: Uint8Array;
  /**
   * The sentence without punctuation and spaces, and how many of its units stand before each offset: a
   * stretch's `gramShare` text without a pattern replace. Undefined when `letters` is, or no pairs are sought.
   */
  bare?: string;
  kept?: Int32Array;
  /** Character pairs of the question's text just before / after its question word. */
  leftGrams: Set<string>;
  rightGrams: Set<string>;
  /** The part of a date the question asks, as a span writes it: a year (…年) or a day (…日, …号). */
  grain?: RegExp;
  /** The asked kind's `SpanShapes` tables, in `SHAPE_SIDES` order (undefined: not learned). */
  shapes?: (Record<string, number> | undefined)[];
  /** Their values by the offset a side's character is read at (a span's end for `end`, its start for `start`). */
  shapeAt?: Float64Array[];
}

/** How far around the question word (in the question) and the span (in the sentence) character pairs are compared. */
const GRAM_WINDOW = 8;

function grams(text: string): Set<string> {
  const out = new Set<string>();
  const t = text.replace(/[\p{P}\s]/gu, "");
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

/**
 * Share of `want`'s character pairs found in `norm`'s stretch [from, to) (0 when there are none to find), its
 * text without punctuation read from `c.bare` when there.
 */
function gramShare(want: Set<string>, norm: string, from: number, to: number, c: SentenceContext): number {
  if (want.size === 0) return 0;
  // A pair is one of `grams(text)` exactly when the text without punctuation holds it.
  const t = c.bare !== undefined && c.kept ? c.bare.slice(c.kept[from]!, c.kept[to]!) : norm.slice(from, to).replace(/[\p{P}\s]/gu, "");
  let n = 0;
  for (const g of want) if (t.includes(g)) n++;
  return n / want.size;
}

/**
 * Buffers the typed arrays of a sentence's context are cut from (two dozen a sentence, each a view into one),
 * kept from sentence to sentence: a typed array with a buffer of its own each cost more than filling them.
 * A sentence's arrays hold until the next sentence's context is made (`sentenceContext` starts them over).
 */
const buffers = { int32: new Int32Array(4096), float64: new Float64Array(1024), uint8: new Uint8Array(1024), int32At: 0, float64At: 0, uint8At: 0 };

/** `n` + 1 zeros (one per offset of a sentence `n` long) cut from `buffers`. */
function int32s(n: number): Int32Array {
  if (buffers.int32At + n + 1 > buffers.int32.length) (buffers.int32 = new Int32Array(2 * (buffers.int32.length + n + 1))), (buffers.int32At = 0);
  return buffers.int32.subarray(buffers.int32At, (buffers.int32At += n + 1)).fill(0);
}
function uint8s(n: number): Uint8Array {
  if (buffers.uint8At + n + 1 > buffers.uint8.length) (buffers.uint8 = new Uint8Array(2 * (buffers.uint8.length + n + 1))), (buffers.uint8At = 0);
  return buffers.uint8.subarray(buffers.uint8At, (buffers.uint8At += n + 1)).fill(0);
}

/** Per-offset values of a sentence `n` long, NaN until a span asks (read far quicker than a map), cut from `buffers`. */
function perOffset(n: number): Float64Array {
  if (buffers.float64At + n + 1 > buffers.float64.length) (buffers.float64 = new Float64Array(2 * (buffers.float64.length + n + 1))), (buffers.float64At = 0);
  return buffers.float64.subarray(buffers.float64At, (buffers.float64At += n + 1)).fill(NaN);
}

/** The context of one sentence's spans; `gap` is `gapOf(norm, q)` and `bmp` `bmpOnly(norm)`, which `spanCandidates` has found already. */
function sentenceContext(norm: string, q: Query, toks: Token[], gap: [number, number] | undefined, bmp: boolean): SentenceContext {
  const at: [number, number][] = [];
  for (const w of q.words) for (let i = norm.indexOf(w); i >= 0; i = norm.indexOf(w, i + 1)) at.push([i, i + w.length]);
  const n = norm.length;
  buffers.int32At = buffers.float64At = buffers.uint8At = 0;
  const commas = int32s(n);
  for (let i = 0; i < n; i++) {
    const u = norm.charCodeAt(i);
    commas[i + 1] = commas[i]! + (u === 0x3001 || u === 0x2c || u === 0xff0c ? 1 : 0); // 、 , ，
  }
  const clauseFrom = int32s(n);
  // (Looked up by UTF-16 unit: a one-character string per character, matched against a pattern, cost more.)
  for (let i = 1; i <= n; i++) clauseFrom[i] = endsClause(norm, i - 1, CLAUSE_END_UNITS) ? i : clauseFrom[i - 1]!;
  const clauseTo = int32s(n).fill(n);
  for (let i = n - 1; i >= 0; i--) clauseTo[i] = endsClause(norm, i, CLAUSE_END_UNITS) ? i : clauseTo[i + 1]!;
  let letters: Int32Array | undefined;
  let asked: Int32Array | undefined;
  let bare: string | undefined;
  let kept: Int32Array | undefined;
  if (bmp) {
    // No surrogates: a unit is a character, looked up in the unit tables.
    letters = int32s(n);
    asked = int32s(n);
    for (let i = 0; i < n; i++) {
      const letter = isLetterUnit(norm.charCodeAt(i));
      letters[i + 1] = letters[i]! + (letter ? 1 : 0);
      asked[i + 1] = asked[i]! + (letter && q.chars.has(norm[i]!) ? 1 : 0);
    }
    if (q.wh !== undefined) {
      kept = int32s(n);
      let from = 0;
      bare = "";
      for (let i = 0; i < n; i++) {
        const punct = isPunctUnit(norm.charCodeAt(i));
        kept[i + 1] = kept[i]! + (punct ? 0 : 1);
        if (punct) (bare += norm.slice(from, i)), (from = i + 1);
      }
      bare += norm.slice(from);
    }
  }
  // Where a word starts or ends, the last word to start or end there decides.
  const starts = uint8s(n);
  const ends = uint8s(n);
  const nounStarts = uint8s(n);
  const nounEnds = uint8s(n);
  for (const t of toks) {
    const noun = nounish(t) ? 1 : 0;
    starts[t.start] = ends[t.end] = 1;
    nounStarts[t.start] = nounEnds[t.end] = noun;
  }
  const find = (side: string) =>
    q.words
      .filter((w) => side.includes(w))
      .map((w) => ({ at: norm.indexOf(w), end: norm.indexOf(w) + w.length }))
      .filter((p) => p.at >= 0);
  const [wordsEndingBy, wordsStartingBefore] = prefixCounts(toks.filter((t) => !PUNCT.test(t.word)), n);
  const [verbsEndingBy, verbsStartingBefore] = prefixCounts(toks.filter((t) => /^v/u.test(t.tag)), n);
  return {
    at,
    clauses: perOffset(n),
    windows: new Map(),
    clauseFrom,
    clauseTo,
    letters,
    asked,
    before: q.before.replace(FILLER_END, ""),
    after: q.after.replace(FILLER_START, ""),
    leftMatch: perOffset(n),
    leftGramShare: perOffset(n),
    rightMatch: perOffset(n),
    rightGramShare: perOffset(n),
    shortKind: SHORT_KINDS.has(q.kind),
    longKind: LONG_KINDS.has(q.kind),
    logQuestion: Math.log(1 + q.norm.length),
    wordBeforeEnds: occurrences(norm, q.wordBefore).map((i) => i + q.wordBefore!.length),
    wordAfterStarts: occurrences(norm, q.wordAfter),
    allLetters: letters ? letters[n]! : [...norm].filter((ch) => LETTER.test(ch)).length,
    commas,
    siblingBefore: perOffset(n),
    siblingAfter: perOffset(n),
    whInside: q.after.replace(/[\p{P}\s]/gu, "").length >= 2,
    left: find(q.before),
    right: find(q.after),
    gap,
    head: q.head,
    wordsEndingBy,
    wordsStartingBefore,
    verbsEndingBy,
    verbsStartingBefore,
    starts,
    ends,
    nounStarts,
    nounEnds,
    bare,
    kept,
    grain: q.grain === "year" ? WRITTEN_YEAR : q.grain === "day" ? WRITTEN_DAY : undefined,
    leftGrams: q.wh === undefined ? new Set() : grams(q.before.replace(FILLER_END, "").slice(-GRAM_WINDOW)),
    rightGrams: q.wh === undefined ? new Set() : grams(q.after.replace(FILLER_START, "").slice(0, GRAM_WINDOW)),
  };
}

/** Every offset where `word` stands in `norm` (none when there is no word). */
function occurrences(norm: string, word: string | undefined): number[] {
  const out: number[] = [];
  if (word) for (let i = norm.indexOf(word); i >= 0; i = norm.indexOf(word, i + 1)) out.push(i);
  return out;
}

/** 1 / (1 + d / 2) for the smallest non-negative d = sign × (to − from) over `places`, 0 when none. */
function closeness(places: number[], d: (p: number) => number): number {
  let best = Infinity;
  for (const p of places) {
    const v = d(p);
    if (v >= 0 && v < best) best = v;
  }
  return best === Infinity ? 0 : 1 / (1 + best / 2);
}

const ITEM_JOINER_BEFORE = /(?:、|以及|及|和|与|或)$/u;
const ITEM_JOINER_AFTER = /^(?:、|以及|及|和|与|或)/u;
const ITEM_END = /[、,，。;；:：及和与或]/u;

/** 0.5 when an enumeration's joiner ends at `start` and the item before it holds a word of the question (two or more characters). */
function siblingBefore(norm: string, start: number, words: readonly string[]): number {
  const joiner = ITEM_JOINER_BEFORE.exec(norm.slice(Math.max(0, start - 2), start));
  if (!joiner) return 0;
  const b = start - joiner[0].length;
  let a = b;
  while (a > 0 && b - a < 12 && !ITEM_END.test(norm[a - 1]!)) a--;
  const item = norm.slice(a, b);
  return words.some((w) => w.length >= 2 && item.includes(w)) ? 0.5 : 0;
}

/** 0.5 when an enumeration's joiner starts at `end` and the item after it holds a word of the question. */
function siblingAfter(norm: string, end: number, words: readonly string[]): number {
  const joiner = ITEM_JOINER_AFTER.exec(norm.slice(end, end + 2));
  if (!joiner) return 0;
  const a = end + joiner[0].length;
  let b = a;
  while (b < norm.length && b - a < 12 && !ITEM_END.test(norm[b]!)) b++;
  const item = norm.slice(a, b);
  return words.some((w) => w.length >= 2 && item.includes(w)) ? 0.5 : 0;
}

/** A noun, name, number or unit word (a phrase it stands next to may go on). */
function nounish(t: Token): boolean {
  return !PUNCT.test(t.word) && (TAGS.noun.test(t.tag) || TAGS.numeral.test(t.tag) || TAGS.quantifier.test(t.tag) || TAGS.time.test(t.tag));
}


/** 1 / (1 + d / 4) for the smallest non-negative distance d, 0 when none is on that side. */
function sideNear(places: { at: number; end: number }[], distance: (p: { at: number; end: number }) => number): number {
  let best = Infinity;
  for (const p of places) {
    const d = distance(p);
    if (d >= 0 && d < best) best = d;
  }
  return best === Infinity ? 0 : 1 / (1 + best / 4);
}

/** The stretch of a sentence between the longest ends of the question's text before and after its question word. */
function gapOf(norm: string, q: Query): [number, number] | undefined {
  if (q.wh === undefined) return undefined;
  const before = q.before.replace(FILLER_END, "");
  const after = q.after.replace(FILLER_START, "");
  let from = -1;
  for (let n = Math.min(8, before.length); n >= 2 && from < 0; n--) {
    const i = norm.lastIndexOf(before.slice(-n));
    if (i >= 0) from = i + n;
  }
  let to = -1;
  for (let n = Math.min(8, after.length); n >= 2 && to < 0; n--) {
    const i = norm.indexOf(after.slice(0, n), Math.max(0, from));
    if (i >= 0) to = i;
  }
  if (from < 0 && to < 0) return undefined;
  if (from < 0) from = clauseOf(norm, to, to)[0];
  if (to < 0) to = clauseOf(norm, from, from)[1];
  while (from < to && /[\s,，、;；:："]/u.test(norm[from]!)) from++;
  const lead = /^(?:是|为|有|的|了|在|于|达|约|将)+/u.exec(norm.slice(from, to));
  if (lead) from += lead[0].length;
  const tail = /(?:是|为|有|的|了|在|将)+$/u.exec(norm.slice(from, to));
  if (tail) to -= tail[0].length;
  return to - from >= 1 && to - from <= 60 ? [from, to] : undefined;
}


/**
 * For each offset of a sentence `n` long, how many of `list` (words in sentence order, none overlapping)
 * end by it and how many start before it.
 */
function prefixCounts(list: readonly Token[], n: number): [endingBy: Int32Array, startingBefore: Int32Array] {
  const endingBy = int32s(n);
  const startingBefore = int32s(n);
  for (const t of list) {
    endingBy[t.end]!++;
    startingBefore[t.start + 1]!++;
  }
  for (let i = 1; i <= n; i++) {
    endingBy[i]! += endingBy[i - 1]!;
    startingBefore[i]! += startingBefore[i - 1]!;
  }
  return [endingBy, startingBefore];
}

/**
 * Inside [start, end): how many of a list of words lie wholly within, from its prefix counts. The words are
 * in order and do not overlap, so those ending by `end` are a first stretch of the list and those starting
 * at or after `start` a last one: the span holds where the two meet.
 */
function within(endingBy: Int32Array, startingBefore: Int32Array, start: number, end: number): number {
  return Math.max(0, endingBy[end]! - startingBefore[start]!);
}

function spanFeatures(s: Span, norm: string, q: Query, c: SentenceContext): number[] {
  const text = norm.slice(s.start, s.end);
  let letters: number;
  let asked: number;
  if (c.letters && c.asked) {
    letters = c.letters[s.end]! - c.letters[s.start]!;
    asked = c.asked[s.end]! - c.asked[s.start]!;
  } else {
    const chars = [...text].filter((ch) => LETTER.test(ch));
    letters = chars.length;
    asked = chars.filter((ch) => q.chars.has(ch)).length;
  }
  const inQuestion = letters ? asked / letters : 0;
  // What depends only on where the span starts or ends is found by the first span to start or end there
  // (written out, not through a helper taking a function: one closure a feature a span cost more).
  let leftMatch = c.leftMatch[s.start]!;
  if (Number.isNaN(leftMatch)) c.leftMatch[s.start] = leftMatch = commonSuffix(norm.slice(0, s.start).replace(FILLER_END, ""), c.before) / 4;
  let rightMatch = c.rightMatch[s.end]!;
  if (Number.isNaN(rightMatch)) c.rightMatch[s.end] = rightMatch = commonPrefix(norm.slice(s.end).replace(FILLER_START, ""), c.after) / 4;
  const nearWord =
    (q.wordBefore && norm.slice(Math.max(0, s.start - q.wordBefore.length - 6), s.start).includes(q.wordBefore) ? 1 : 0) +
    (q.wordAfter && norm.slice(s.end, s.end + q.wordAfter.length + 6).includes(q.wordAfter) ? 1 : 0);
  let nearest = Infinity;
  for (const [a, b] of c.at) {
    const d = a >= s.end ? a - s.end : s.start >= b ? s.start - b : 0;
    if (d < nearest) nearest = d;
  }
  const near = nearest === Infinity ? 0 : 1 / (1 + nearest / 4);
  const from = Math.max(0, s.start - 12);
  const to = Math.min(norm.length, s.end + 12);
  const bounds = from * (norm.length + 1) + to;
  let window = c.windows.get(bounds);
  if (window === undefined) c.windows.set(bounds, (window = q.coverage(norm.slice(from, to))));
  const ca = c.clauseFrom[s.start]!;
  const cb = c.clauseTo[s.end]!;
  let clause = c.clauses[ca]!;
  if (Number.isNaN(clause)) c.clauses[ca] = clause = q.coverage(norm.slice(ca, cb));
  let leftGrams = c.leftGramShare[s.start]!;
  if (Number.isNaN(leftGrams)) c.leftGramShare[s.start] = leftGrams = gramShare(c.leftGrams, norm, Math.max(0, s.start - GRAM_WINDOW), s.start, c);
  let rightGrams = c.rightGramShare[s.end]!;
  if (Number.isNaN(rightGrams))
    c.rightGramShare[s.end] = rightGrams = gramShare(c.rightGrams, norm, s.end, Math.min(norm.length, s.end + GRAM_WINDOW), c);
  let sibling = 0;
  if (c.commas[s.end]! <= c.commas[s.start]!) {
    let before = c.siblingBefore[s.start]!;
    if (Number.isNaN(before)) c.siblingBefore[s.start] = before = siblingBefore(norm, s.start, q.words);
    let after = c.siblingAfter[s.end]!;
    if (Number.isNaN(after)) c.siblingAfter[s.end] = after = siblingAfter(norm, s.end, q.words);
    sibling = before + after;
  }
  // The unit asked, or those of the noun whose figure is asked (成交额 → money); a figure in another unit is not it.
  const units = q.unit ? sameUnits(q.unit) : q.measure;
  const unit = units?.some((u) => text.includes(u)) ? 1 : 0;
  const otherUnit = units && !unit && s.cls === "figure" && FIGURE_WITH_UNIT.test(text) ? 1 : 0;
  const given = q.given.some((n) => text.includes(n)) ? 1 : 0;
  const logLength = Math.log(1 + letters);
  let before = 0;
  for (const p of c.left) if (p.end <= s.start) before++;
  let after = 0;
  for (const p of c.right) if (p.at >= s.end) after++;
  let gap = 0;
  if (c.gap) {
    const common = Math.max(0, Math.min(s.end, c.gap[1]) - Math.max(s.start, c.gap[0]));
    gap = common > 0 ? (2 * common) / (s.end - s.start + c.gap[1] - c.gap[0]) : 0;
  }
  const askedHead = c.head ? (text.endsWith(c.head) && text.length > c.head.length ? 1 : c.head.includes(text.slice(-1)) ? 0.5 : 0) : 0;
  let covered = 0;
  for (const [a, b] of c.at) covered += Math.max(0, Math.min(b, s.end) - Math.max(a, s.start));
  const inside = within(c.wordsEndingBy, c.wordsStartingBefore, s.start, s.end);
  const features = [
    1, inQuestion, leftMatch, rightMatch, nearWord, near, window, clause, logLength, unit, given, ca === s.start && cb === s.end ? 1 : 0,
    ca === s.start ? 1 : 0, cb === s.end ? 1 : 0, c.shortKind ? logLength : 0, c.longKind ? logLength : 0,
    c.left.length ? before / c.left.length : 0,
    c.right.length ? after / c.right.length : 0,
    gap, askedHead, inside ? within(c.verbsEndingBy, c.verbsStartingBefore, s.start, s.end) / inside : 0,
    s.start === 0 ? 1 : 0, Math.min(1, covered / Math.max(1, s.end - s.start)),
    letters === 1 && !/\d/u.test(text) ? 1 : 0,
    s.start > 0 && LINK_UNITS.has(norm.charCodeAt(s.start - 1)) ? 1 : 0,
    s.end >= norm.length || isPunctUnit(norm.charCodeAt(s.end)) ? 1 : 0,
    norm[s.end] === "的" ? 1 : 0,
    logLength * c.logQuestion,
    c.whInside ? logLength : 0,
    sideNear(c.left, (p) => s.start - p.end),
    sideNear(c.right, (p) => p.at - s.end),
    s.start > 0 && !c.starts[s.start] ? 1 : 0,
    s.end < norm.length && !c.ends[s.end] ? 1 : 0,
    c.nounEnds[s.start]!,
    c.nounStarts[s.end]!,
    /^[\d.,]|^(?:年|月|日|代|世纪|万|亿|千|百)/u.test(norm.slice(s.end, s.end + 2)) && /[\d年月日万亿千百十]$/u.test(text) ? 1 : 0,
    leftGrams,
    rightGrams,
    LEADING_CONNECTIVE.test(text) ? 1 : 0,
    text.length > 1 && TRAILING_POSTPOSITION.test(text.length > POSTPOSITION_TAIL ? text.slice(-POSTPOSITION_TAIL) : text) ? 1 : 0,
    closeness(c.wordBeforeEnds, (e) => s.start - e),
    closeness(c.wordAfterStarts, (a) => a - s.end),
    c.allLetters ? letters / c.allLetters : 0,
    letters === c.allLetters ? 1 : 0,
    sibling,
    otherUnit,
    c.grain && c.grain.test(text) ? 1 : 0,
  ];
  for (let i = 0; i < SHAPE_SIDES.length; i++) {
    const at = c.shapeAt?.[i];
    if (!at) {
      features.push(0);
      continue;
    }
    const offset = shapeOffset(i, s.start, s.end);
    let v = at[offset]!;
    if (Number.isNaN(v)) at[offset] = v = c.shapes![i]?.[shapeKeyAt(norm, i, offset)] ?? 0;
    features.push(v);
  }
  for (const k of ANSWER_KINDS) features.push(k === q.kind ? logLength : 0);
  return features;
}

/** Words that end an enumeration's first or last item: function words, numbers and measures, verbs (but see below). */
const NOT_ITEM = /^(v|vd|vi|p|d|c|u|uj|ul|uz|ud|ug|uv|r|rr|rz|m|mq|q|y|e|o|zg)$/u;
/** A word that ends an item whatever jieba tags it: 等 and what it glues on (等区), a count (四大, 5个). */
const ENDS_ITEM = /^(?:等|[\d一二三四五六七八九十两几]+(?:[个大项类种家所条座批名]|$))/u;
/** Clause punctuation: no enumeration runs across it. */
const CLAUSE_MARK = /[,，;；:：。！？!?()（）]/u;
/** What joins an enumeration's last item to the others (A、B和C), at the start of a word. */
const LAST_JOINER = /^(?:以及|和|及|与|或)/u;
/**
 * Whether the word after an enumeration's last item (or before its first) ends it plainly: the sentence's edge,
 * punctuation, 等 or a count, a verb, preposition, adverb, pronoun or 的 (A、B和C的…) — not a length cut short, nor a
 * 和 that may be inside a name (市发展|和|改革委员会).
 */
const plainEnd = (t: Token | undefined) => t === undefined || PUNCT.test(t.word) || ENDS_ITEM.test(t.word) || /^(v|vd|vi|p|d|r|rr|rz|m|mq|q|uj)$/u.test(t.tag);
/** Longest middle item read, in characters; the first and last are held to the longest middle one's length and two. */
const ITEM_MAX = 16;

/**
 * The enumeration of a sentence (A、B、C和D: items joined by 、, the last perhaps by 和/及/与) that holds or overlaps
 * [at.start, at.end), as offsets into the sentence; undefined when none does. Its items are alike in length: the
 * first starts after the word that governs the list (联合|西交利物浦大学、…), no longer than the longest middle item
 * and two, and the last (half as long again) ends before 等, a count or a verb (…和呈贡区|5个主城区, 燃气报警|等设备).
 */
export function enumerationAround(sentence: string, query: Query, tokenizer: Tokenizer, at: { start: number; end: number }): { start: number; end: number } | undefined {
  const norm = query.fold(normalize(sentence));
  if (!norm.includes("、") || norm.length !== sentence.length) return undefined;
  const toks = tokens(norm, tokenizer);
  const startsAt = new Map(toks.map((t, k) => [t.start, k]));
  const ends = (t: Token, first: boolean) => PUNCT.test(t.word) || ENDS_ITEM.test(t.word) || (NOT_ITEM.test(t.tag) && !(first && /^v/u.test(t.tag)));
  for (let p = norm.indexOf("、"); p >= 0; p = norm.indexOf("、", p + 1)) {
    // The separators: 、 after each item, then perhaps one joiner at a word's start (救援|和|文旅, not 共和国).
    let pos = p + 1;
    const middle: number[] = [];
    for (;;) {
      let q = pos;
      let joiner = 0;
      for (; q < norm.length && q - pos <= ITEM_MAX; q++) {
        const ch = norm[q]!;
        if (CLAUSE_MARK.test(ch) || ch === "、" || (ch === "等" && startsAt.has(q))) break;
        const m = q > pos && startsAt.has(q) ? LAST_JOINER.exec(norm.slice(q, q + 2)) : null;
        if (m) {
          joiner = m[0].length;
          break;
        }
      }
      if (q === pos || q >= norm.length || q - pos > ITEM_MAX || (norm[q] !== "、" && !joiner)) break;
      // Before a joiner (and, unlike 、, one that also joins verbs' objects: 共建小麦|和|玉米), an item has no verb.
      if (joiner && toks.some((t) => t.start >= pos && t.end <= q && /^v$/u.test(t.tag))) break;
      middle.push(q - pos);
      pos = q + (joiner || 1);
      if (joiner) break;
    }
    // (The last item may run longer: it ends the list without 等 or a joiner to mark its end.)
    const cap = middle.length ? Math.max(...middle) + 2 : ITEM_MAX;
    const lastCap = middle.length ? Math.ceil(1.5 * Math.max(...middle)) + 2 : ITEM_MAX;
    // The last item: from after the last separator (the rest of a word the joiner is glued to: 和文|旅), word by word.
    let e = toks.findIndex((t) => t.end > pos);
    if (e < 0) continue;
    let end = pos;
    for (let first = true; e < toks.length && !ends(toks[e]!, first) && toks[e]!.end - pos <= lastCap; e++, first = false) end = toks[e]!.end;
    // The first item: word by word back from the first 、.
    let a = startsAt.get(p)!;
    let start = p;
    for (let first = true; a > 0 && !ends(toks[a - 1]!, first) && p - toks[a - 1]!.start <= cap; a--, first = false) start = toks[a - 1]!.start;
    // Only a list whose ends are plain (`plainEnd`).
    if (start === p || end === pos || !plainEnd(toks[e]) || !plainEnd(a > 0 ? toks[a - 1] : undefined)) {
      p = Math.max(p, end - 1);
      continue;
    }
    if (start < at.end && at.start < end) return { start, end };
    p = end;
  }
  return undefined;
}
