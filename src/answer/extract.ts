import { DATE, FIGURE_WITH_UNIT, HAN_DIGITS, NAME_ENDINGS, YEAR } from "../lang/zh/index.js";
import { normalize } from "../text/normalize.js";
import type { QuestionAnalysis } from "./question.js";

/** A clause of a sentence: the shortest span an answer may quote. */
export interface Clause {
  text: string;
  start: number;
  end: number;
}

/** Splits a sentence at commas, semicolons and colons (either width), not inside a number (6,476); offsets index the sentence. */
export function splitClauses(sentence: string): Clause[] {
  const out: Clause[] = [];
  const re = /(?:[^,，;；:：]|(?<=\d),(?=\d))+/gu;
  for (const m of sentence.matchAll(re)) {
    const text = m[0].trim();
    if (text) out.push({ text, start: m.index! + m[0].indexOf(text), end: m.index! + m[0].indexOf(text) + text.length });
  }
  return out;
}

const DATES = new RegExp(DATE.source, "gu");
/** The first year of a range of years (2024— of 2024—2026年). */
const YEAR_RANGE_START = /\d{4}\s*[—–~～-]\s*(?=\d{4}\s*年)/gu;
const NUMBER = new RegExp(`\\d+(?:\\.\\d+)?|${FIGURE_WITH_UNIT.source}|第[${HAN_DIGITS}\\d]+`, "u");

/**
 * How well a piece of text (normalised: Simplified, half-width) has the kind of thing the question asks for, in [0, 1]:
 * a figure with the asked unit, a date, a name, an enumeration, a 《document》.
 */
export function typeFit(text: string, q: QuestionAnalysis): number {
  switch (q.type) {
    case "figure": {
      // A year or a date is not the figure asked for, unless a time is (多少年).
      const given = q.given.reduce((t, n) => t.split(n).join(" "), text);
      // (A range of years, 2024—2026年, is dates too.)
      const rest = q.unit && /[年月日天]/u.test(q.unit) ? given : given.replace(YEAR_RANGE_START, " ").replace(DATES, " ");
      if (!NUMBER.test(rest)) return 0;
      if (q.unit) return text.includes(q.unit) || (q.unit === "%" && text.includes("％")) ? 1 : 0.25;
      // The asked noun's units (成交额 → money): figures only in other units (交易额的10%) are not its figure.
      if (q.measure && !q.measure.some((u) => text.includes(u)) && FIGURE_WITH_UNIT.test(rest)) return 0.25;
      return 1;
    }
    case "date":
      // 哪一年 asked: 1月11日 or 同年12月 is a date, but not the year.
      return DATE.test(text) ? (q.year && !YEAR.test(text) ? 0.5 : 1) : 0;
    case "name":
      return NAME_ENDINGS.test(text) || /[“「][^”」]{2,12}[”」]/u.test(text) ? 1 : 0.3;
    case "list":
      return /、/u.test(text) ? 1 : /和|及|以及|与/u.test(text) ? 0.5 : 0;
    case "policy":
      return /《/u.test(text) ? 1 : 0;
    default:
      return 0.5;
  }
}

/** Leading connectives that make a clause read as a fragment. */
const LEAD = /^(?:而且|并且|同时|此外|但是|但|而|并|且|也|还|又|从而|进而|为此|因此|所以|另外|其中)\s*/u;

/**
 * The answer to quote from the best sentence: the whole sentence when it is short, otherwise the clauses
 * that hold the short answer (`holds`) or, without one, the clause that best covers the question and has
 * what it asks for; widened by a neighbour when that alone is too short to stand.
 *
 * @param score how well a clause covers the question's words, in [0, 1]
 */
export function pickAnswer(
  sentence: string,
  q: QuestionAnalysis,
  score: (text: string) => number,
  maxWhole = 60,
  /** Offsets in `sentence` of the short answer: the clauses quoted are those that hold it. */
  holds?: { start: number; end: number },
): string {
  const trimmed = sentence.trim();
  if ([...trimmed].length <= maxWhole) return trimmed;
  const clauses = splitClauses(trimmed);
  if (clauses.length <= 1) return trimmed;
  const fits = clauses.map((c) => typeFit(normalize(c.text), q));
  const covers = clauses.map((c) => score(c.text));
  let best = 0;
  clauses.forEach((_, i) => {
    if (covers[i]! + fits[i]! > covers[best]! + fits[best]!) best = i;
  });
  let from = best;
  let to = best;
  const lead = sentence.length - sentence.trimStart().length;
  const at = holds && { start: holds.start - lead, end: holds.end - lead };
  if (at) {
    from = Math.max(0, clauses.findIndex((c) => c.end > at.start));
    to = from;
    while (to + 1 < clauses.length && clauses[to + 1]!.start < at.end) to++;
  }
  const len = () => clauses[to]!.end - clauses[from]!.start;
  const widen = () => {
    const before = from > 0 ? covers[from - 1]! + fits[from - 1]! : -1;
    const after = to < clauses.length - 1 ? covers[to + 1]! + fits[to + 1]! : -1;
    if (before < 0 && after < 0) return false;
    if (before >= after) from--;
    else to++;
    return true;
  };
  // What is asked may sit in the neighbouring clause (「春节前,区里出台了《…》」).
  if (!at && fits[best]! < 1) {
    if (from > 0 && fits[from - 1] === 1) from--;
    else if (to < clauses.length - 1 && fits[to + 1] === 1) to++;
  }
  // A bare figure clause ("增长31.5%") needs what it measures; a fragment needs its neighbour.
  while (len() < 14 && widen());
  let text = trimmed.slice(clauses[from]!.start, clauses[to]!.end).replace(LEAD, "");
  if (!/[。！？!?”」]$/u.test(text)) text += "。";
  return text;
}
