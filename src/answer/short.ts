import { ASKS_CENTURY, DATE_SUFFIX, GLOSSED_YEAR, HAN_DIGITS, NAME_JOINER, ORGANISATION_WORD, TAGS } from "../lang/zh/index.js";
import { normalize } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenize.js";
import type { Query } from "./query.js";
import { flatTrees, flatTreeScores } from "./boost.js";
import { enumerationAround, SPAN_FEATURES, SPAN_TREE_DIM, spanCandidates, writeTreeVector, type Span } from "./span.js";
import { linear, modelWeights, type SpanModel } from "./weights.js";

/** Scratch: the candidates' `spanTreeVector`s end to end, and their scores. */
let treeVectors = new Float64Array(0);
let scores = new Float64Array(0);

/** The span model's score of each candidate span (linear plus trees), in a scratch array valid until the next call. */
function scoreSpans(spans: readonly Span[], model: SpanModel): Float64Array {
  if (scores.length < spans.length) (scores = new Float64Array(2 * spans.length)), (treeVectors = new Float64Array(2 * spans.length * SPAN_TREE_DIM));
  const trees = model.trees?.length ? flatTrees(model.trees) : undefined;
  // The trees score all the candidates at once (src/answer/boost.ts).
  if (trees) {
    for (let c = 0; c < spans.length; c++) writeTreeVector(spans[c]!, treeVectors, c * SPAN_TREE_DIM);
    flatTreeScores(trees, treeVectors, SPAN_TREE_DIM, spans.length, scores);
  }
  for (let c = 0; c < spans.length; c++) {
    const s = spans[c]!;
    scores[c] = linear(model, s.features) + model.weights[s.cross]! + (trees ? scores[c]! : 0);
  }
  return scores.subarray(0, spans.length);
}

const UNIT = SPAN_FEATURES.indexOf("unit");
/** A number written in digits or Han numerals, or an ordinal's 首 (首款). */
const NUMBER_IN = new RegExp(`[\\d${HAN_DIGITS}首]`, "u");
const GRAIN = SPAN_FEATURES.indexOf("grain");
const GOES_ON = SPAN_FEATURES.indexOf("figureGoesOn");

/** A part of a date's time that follows it (2026年|底, 14世纪|末), not an approximation (左右). */
const SUFFIX_NEXT = new RegExp(`^(?!左右)(?:${DATE_SUFFIX.source})`, "u");
/** A candidate that is an era's year glossed with the common era's (正德五年（1510年）). */
const GLOSS = new RegExp(`${GLOSSED_YEAR.source}$`, "u");

/**
 * A date read cut short where the sentence's date goes on (2024年|8月1日, 2026年|底) is read whole, as the longest date
 * candidate holding it, unless the question asks the year or century (哪一年, 哪一世纪): 什么时候起施行 → 2024年8月1日,
 * 什么时候 → 2026年底.
 * A year of an era or its gloss read alone (正德五年 or 1510年 of 正德五年（1510年）) is read with the other.
 */
export function wholeDate(sentence: string, spans: readonly Span[], best: number, query: Query): number {
  const b = spans[best]!;
  if (b.cls !== "date") return best;
  const longest = (holds: (s: Span) => boolean) => {
    let whole = best;
    spans.forEach((s, c) => {
      if (s.cls === "date" && s.start <= b.start && s.end >= b.end && holds(s) && s.end - s.start > spans[whole]!.end - spans[whole]!.start) whole = c;
    });
    return whole;
  };
  const glossed = longest((s) => GLOSS.test(normalize(s.text)));
  if (glossed !== best) return glossed;
  if (query.grain === "year" || ASKS_CENTURY.test(query.norm) || (b.features[GOES_ON] !== 1 && !SUFFIX_NEXT.test(normalize(sentence.slice(b.end, b.end + 2)))))
    return best;
  return longest((s) => s.end > b.end);
}

/**
 * A part of a transcribed name read alone (贝尔 of 贝尔·默里, 西奥多 of 西奥多·罗斯福: a joiner right before or after
 * it) is read as the whole name: the shortest of the joined-name candidates (`spanCandidates`) that hold it (the
 * longer ones run on into the words after the name: 罗斯福总统).
 */
export function wholeName(sentence: string, spans: readonly Span[], best: number): number {
  const b = spans[best]!;
  if (NAME_JOINER.test(b.text) || !(NAME_JOINER.test(sentence[b.start - 1] ?? "") || NAME_JOINER.test(sentence[b.end] ?? ""))) return best;
  let whole = best;
  spans.forEach((s, c) => {
    if (s.cls === "person" && s.start <= b.start && s.end >= b.end && NAME_JOINER.test(s.text) && (whole === best || s.end - s.start < spans[whole]!.end - spans[whole]!.start)) whole = c;
  });
  return whole;
}

/**
 * What a question pins down and a span lacks: a number without the unit the question names (几个百分点 → 1.2个百分点,
 * not 1.2个 or 1.2) or a date without the part of it asked (哪天 → 2025年4月8日, not 2025年), when another span of
 * the sentence holds it. Such spans are not read as the answer.
 */
function pinnedOut(spans: readonly Span[], query: Query, sentence: string): (s: Span) => boolean {
  const number = (s: Span) => s.cls === "figure" || /\d/u.test(s.text);
  // A figure asked and the sentence has one: a span with no number in it (每, 托育服务的) is no answer.
  const numbered = (s: Span) => NUMBER_IN.test(normalize(s.text));
  const anyFigure = query.kind === "figure" && spans.some((s) => s.cls === "figure" && numbered(s));
  // (Only a figure holds the unit as a figure's: a clause holding 每个托位…3000元 does not pin 个.)
  const figure = spans.some((s) => s.cls === "figure" && s.features[UNIT] === 1);
  const date = spans.some((s) => s.cls === "date" && s.features[GRAIN] === 1);
  // A date asked: the years a title covers (《…实施方案（2025—2027年）》) name the document, they date nothing, when
  // the sentence has a date of its own.
  const titles = query.kind === "date" ? [...sentence.matchAll(/《[^《》]*》/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length })) : [];
  const inTitle = (s: Span) => titles.some((t) => t.start < s.start && s.end < t.end);
  const ownDate = titles.length > 0 && spans.some((s) => s.cls === "date" && !inTitle(s));
  return (s) =>
    (figure && s.features[UNIT] !== 1 && number(s)) ||
    (date && s.cls === "date" && s.features[GRAIN] !== 1) ||
    (anyFigure && !numbered(s)) ||
    (ownDate && inTitle(s));
}

/**
 * A name read without the noun the question asks for, which the sentence writes right after it (哪所小学: 南昌路|小学,
 * 哪种音乐风格: 欧洲流行音乐|风格), is read with it: where the best span ends, how many characters on it go with it
 * (0: none), the most that make the span end with the asked noun.
 */
function headAfter(norm: string, at: { start: number; end: number }, head: string | undefined): number {
  const text = norm.slice(at.start, at.end);
  // (A one-character noun goes on into other words too often: 哪座城 | 城中.)
  if (!head || head.length < 2 || text.endsWith(head)) return 0;
  for (let k = head.length; k >= 1; k--)
    if (norm.startsWith(head.slice(head.length - k), at.end) && (k === head.length || (text.endsWith(head.slice(0, head.length - k)) && text.length > head.length - k))) return k;
  return 0;
}

/**
 * An organisation asked and read without the words that end its name right after it (青岛市人民政府|办公厅,
 * 武汉市人民政府|新闻办公室): how many characters from `end` go with it (0: none) — nouns, up to the last one that
 * ends like an organisation's name.
 */
function organisationAfter(sentence: string, end: number, tokenizer: Tokenizer): number {
  let length = 0;
  let at = 0;
  for (const { word, tag } of tokenizer.tag(sentence.slice(end, end + 12)).slice(0, 3)) {
    if (!TAGS.noun.test(tag) || /[\p{P}\s]/u.test(word)) break;
    at += word.length;
    if (ORGANISATION_WORD.test(normalize(word))) length = at;
  }
  return length;
}

/** What ends the stretch that labels a figure (本科2万元、专科|1.5万元; 每人每月800元；硕士研究生每人每月|1200元). */
const LABEL_END = /[、,，;；。:：]/u;

/**
 * A figure asked, the best figure's own label (the text from the mark before it) holds none of the question's words
 * that the sentence writes once, and another figure's label does: that figure (the most such words), the sentence
 * stating figures side by side for what the question tells apart (专科毕业生…多少入职奖励: 按本科2万元、专科1.5万元 →
 * 1.5万元; 硕士研究生…每月…: 每人每月800元；硕士研究生每人每月1200元 → 1200元).
 */
function labelledFigure(norm: string, spans: readonly Span[], best: number, query: Query, allowed: (c: number) => boolean, scores: ArrayLike<number>): number {
  if (query.kind !== "figure" || spans[best]!.cls !== "figure") return best;
  const once = query.words.filter((w) => w.length >= 2 && norm.indexOf(w) >= 0 && norm.indexOf(w) === norm.lastIndexOf(w));
  if (once.length === 0) return best;
  const hits = (s: Span) => {
    let from = s.start;
    while (from > 0 && !LABEL_END.test(norm[from - 1]!)) from--;
    const label = norm.slice(from, s.start);
    return once.filter((w) => label.includes(w)).length;
  };
  // A figure that ends its stretch (专科1.5万元、) is labelled by the text before it; one a noun follows (2处国家湿地公园)
  // counts that noun, and is not compared so.
  const endsItem = (s: Span) => s.end >= norm.length || LABEL_END.test(norm[s.end]!);
  const stated = (s: Span) => query.given.includes(norm.slice(s.start, s.end).match(/\d+(?:\.\d+)?/u)?.[0] ?? "");
  if (hits(spans[best]!) > 0) return best;
  let chosen = best;
  let most = 0;
  spans.forEach((s, c) => {
    // (Not a number the question itself states: 2007年11月，…有多少 is not asking 11月.)
    if (c === best || s.cls !== "figure" || stated(s) || !endsItem(s) || !allowed(c) || !NUMBER_IN.test(normalize(s.text))) return;
    const h = hits(s);
    if (h > most || (h === most && chosen !== best && scores[c]! > scores[chosen]!)) (most = h), (chosen = c);
  });
  return chosen;
}

/** The span model's reading of a sentence: its best-scored span (the short answer) and how well it holds an answer. */
export interface SpanReading {
  /** The best-scored candidate span as the sentence writes it (undefined: the sentence has none). */
  best?: string;
  /** Where `best` stands in the sentence (offsets). */
  at?: { start: number; end: number };
  /**
   * The log-sum-exp of the candidates' scores (0 when there are none): how well the sentence holds an answer of
   * the kind asked. A sentence that repeats the question's words but holds nothing of that kind scores low.
   */
  support: number;
}

/**
 * Whether a list question's best span `at` is read as the enumeration `list` it meets: it is one item or a run of
 * them (燃气报警), or the last items with 等 and what the list is of (东北林业大学|等高校: 哈尔滨体育学院、东北林业大学).
 * (A clause holding the whole list and more stays as it is: Wikipedia's answers are often such clauses.)
 */
function readsList(sentence: string, list: { start: number; end: number }, at: { start: number; end: number }): boolean {
  if (list.start <= at.start && at.end <= list.end) return at.end - at.start < list.end - list.start;
  return at.start >= list.start && at.start < list.end && sentence.startsWith("等", list.end) && at.end > list.end;
}

/** Reads a sentence's candidate spans with the span model (`SpanReading`). */
export function readSpans(sentence: string, query: Query, tokenizer: Tokenizer, model: SpanModel = modelWeights().span): SpanReading {
  // The sentence as the candidates read it (their offsets are its offsets), made once for them and the reading rules.
  const norm = query.fold(normalize(sentence));
  const spans = spanCandidates(sentence, query, tokenizer, model.shapes, norm);
  if (spans.length === 0) return { support: 0 };
  const scores = scoreSpans(spans, model);
  const pinned = pinnedOut(spans, query, sentence);
  let best = -1;
  for (let c = 0; c < spans.length; c++) if (!pinned(spans[c]!) && (best < 0 || scores[c]! > scores[best]!)) best = c;
  // (Every span pinned out — a figure the number pattern does not read, 半年 — the best of them all.)
  if (best < 0) for (let c = 0; c < spans.length; c++) if (best < 0 || scores[c]! > scores[best]!) best = c;
  best = wholeName(sentence, spans, wholeDate(sentence, spans, labelledFigure(norm, spans, best, query, (c) => !pinned(spans[c]!), scores), query));
  let top = -Infinity;
  for (const v of scores) top = Math.max(top, v);
  let z = 0;
  for (const v of scores) z += Math.exp(v - top);
  const { text, start, end } = spans[best]!;
  const support = top + Math.log(z);
  // A list asked and one item of it found: the whole enumeration, as the sentence writes it (a span holding the
  // enumeration already, with what introduces it, stays as it is).
  const list = query.kind === "list" ? enumerationAround(sentence, query, tokenizer, { start, end }) : undefined;
  if (list && readsList(sentence, list, { start, end })) return { best: sentence.slice(list.start, list.end), at: list, support };
  const more =
    spans[best]!.cls === "clause" ? 0 : headAfter(norm, { start, end }, query.noun) || (query.kind === "org" ? organisationAfter(sentence, end, tokenizer) : 0);
  if (more) return { best: sentence.slice(start, end + more), at: { start, end: end + more }, support };
  return { best: text, at: { start, end }, support };
}
