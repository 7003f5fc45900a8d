import { ANAPHORA, ASKED_NOUN_KINDS, ASKED_NOUN_MEASURE, ASKS_DAY, ASKS_YEAR, ASKED_UNIT, FILLER_END, MEASURES, NAMING_VERB, NOT_ANAPHORA, OFFICE, QUESTION_WORDS, questionForm, TAGS, type AnswerKind } from "../lang/zh/index.js";
import { normalize } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenize.js";

/** A question read once: everything later steps need, computed here and nowhere else. */
export interface Query {
  /** The question as asked. */
  text: string;
  /** Normalised (and folded to the corpus's matching script). */
  norm: string;
  /** Content words (jieba search mode, no stopwords). */
  words: string[];
  /** What kind of answer it asks for. */
  kind: AnswerKind;
  /** The part of a date it asks: a year (哪一年), a day (哪天). */
  grain?: "year" | "day";
  /** The question word (多少, 谁, 什么时候…), if any. */
  wh?: string;
  /** Normalised text before and after the question word. */
  before: string;
  after: string;
  /** The content words right before and after the question word. */
  wordBefore?: string;
  wordAfter?: string;
  /**
   * The nouns written right after a question word asking which one (哪种|音乐风格|的影响, 哪所|小学), run together: not
   * a verb (以什么|作为), nor a noun an adverb or adjective goes on to say something of (哪一个|天皇感情|特别深厚).
   */
  noun?: string;
  /**
   * The one word right after a question word asking what or which (哪所小学 → 小学, 哪种音乐风格 → 音乐风格), as the span
   * feature `askedHead` reads it (the span model is fitted on this reading; `noun` is the longer run the answer is read with).
   */
  head?: string;
  /** Unit a figure must carry (多少家 → 家). */
  unit?: string;
  /** Units the figure of the noun asked about is given in, when no unit is named (成交额是多少 → money). */
  measure?: readonly string[];
  /** Numbers the question states (2017, 150): not the answer's figure. */
  given: string[];
  /** Characters of the question's content words. */
  chars: Set<string>;
  /** Refers back to an earlier subject (它, 其, 该…). */
  anaphoric: boolean;
  /** IDF-weighted share of the question's words that a normalised text holds, in [0, 1]. */
  coverage: (norm: string) => number;
  /** Folds a normalised text to the script the question is matched in. */
  fold: (norm: string) => string;
}

/** The kind of answer and the question word that asks for it. */
export function questionWord(norm: string, names: readonly { start: number; end: number }[] = []): { kind: AnswerKind; wh?: string; at: number } {
  // A 《title》 names the topic, not what is asked: 「《X计划》设定了哪些目标？」 asks for a list.
  const masked = norm.replace(/《[^》]*》/gu, (m) => "　".repeat(m.length));
  // Nor does a question word start inside a name (多伦多|大学 holds no 多大).
  const inName = (at: number) => names.some((n) => n.start < at && at < n.end);
  let best: { kind: AnswerKind; wh: string; at: number } | undefined;
  for (const [w, kind] of QUESTION_WORDS) {
    let at = masked.indexOf(w);
    while (at >= 0 && inName(at)) at = masked.indexOf(w, at + 1);
    if (at >= 0 && (!best || at < best.at || (at === best.at && w.length > best.wh.length))) best = { kind, wh: w, at };
  }
  if (best && (best.wh === "为什么" || best.wh === "为何") && NAMING_VERB.test(masked.slice(0, best.at)))
    return { kind: "thing", wh: best.wh.slice(1), at: best.at + 1 };
  if (best?.kind === "thing") {
    // 哪一国家, 什么时期, 哪位作家: the head noun after the question word says what kind of thing.
    const rest = masked.slice(best.at + best.wh.length).replace(ASKED_NOUN_MEASURE, "");
    const headed = ASKED_NOUN_KINDS.find(([, nouns]) => nouns.some((n) => rest.startsWith(n)));
    if (headed) return { ...best, kind: headed[0] };
    // 副局长叫什么名字: the name of whoever holds an office is a person's.
    if (OFFICE.test(masked.slice(0, best.at).replace(FILLER_END, "").replace(/[叫的]+$/u, ""))) return { ...best, kind: "person" };
  }
  if (best) return best;
  // 「…的前身为？」: a question that ends on its verb asks for what would follow it.
  const open = /(?:为|是|叫|叫做|称为|在于|包括|有)[?？]*$/u.exec(masked);
  if (open) return { kind: "thing", wh: "", at: masked.replace(/[?？\s]+$/u, "").length };
  return { kind: "general", at: -1 };
}

/**
 * Reads a question once: normalised text, content words, the kind of answer, the question word and the
 * text around it, the unit, stated numbers, and a coverage function with the given word weights.
 */
export function understand(
  text: string,
  tokenizer: Tokenizer,
  weight: (word: string) => number = () => 1,
  fold: (norm: string) => string = (s) => s,
): Query {
  const norm = questionForm(fold(normalize(text)));
  const words = [...new Set(tokenizer.words(norm))];
  const tags = tokenizer.tag(norm);
  const asks = questionWord(norm, namesAt(norm, tags));
  const { kind, wh, at } = asks;
  const before = at >= 0 ? norm.slice(0, at) : norm;
  const after = at >= 0 ? norm.slice(at + wh!.length).replace(/[?？。!！\s]+$/u, "") : "";
  const cut = tags.map((t) => t.word);
  let pos = 0;
  let wordBefore: string | undefined;
  let wordAfter: string | undefined;
  for (const w of cut) {
    const end = pos + w.length;
    if (at >= 0 && end <= at && /[\p{L}\p{N}]{2,}/u.test(w) && !/^(是|为|有|达到|大约)$/u.test(w)) wordBefore = w;
    if (at >= 0 && pos >= at + wh!.length && wordAfter === undefined && /[\p{L}\p{N}]{2,}/u.test(w)) wordAfter = w;
    pos = end;
  }
  const unit = askedUnit(norm);
  const noun = wh !== undefined && ASKS_WHICH.test(wh) ? nounsAfter(after, tokenizer) : undefined;
  const head = wh !== undefined && HEAD_ASKED.test(wh) && wordAfter && after.replace(ASKED_NOUN_MEASURE, "").startsWith(wordAfter) ? wordAfter : undefined;
  // Each word's weight in the words' order, in arrays: `coverage` runs for many windows of every candidate span.
  const weights = words.map((w) => weight(w));
  const total = weights.reduce((a, b) => a + b, 0);
  return {
    text,
    norm,
    words,
    kind,
    grain: ASKS_YEAR.test(norm) ? "year" : ASKS_DAY.test(norm) ? "day" : undefined,
    wh,
    before,
    after,
    wordBefore,
    wordAfter,
    noun,
    head,
    unit,
    measure: askedMeasure(norm, asks, unit),
    given: norm.match(/\d+(?:\.\d+)?/gu) ?? [],
    chars: new Set(words.join("")),
    anaphoric: ANAPHORA.test(norm.replace(NOT_ANAPHORA, "")),
    coverage: (t) => {
      if (total <= 0) return 0;
      let got = 0;
      for (let i = 0; i < words.length; i++) if (t.includes(words[i]!)) got += weights[i]!;
      return got / total;
    },
    fold,
  };
}

/** The question words `Query.head` is read after (as the span model was fitted). */
const HEAD_ASKED = /^(?:什么|哪|哪个|哪一|哪些|哪种|哪一种|哪一个)$/u;
/** A question word that asks which one of a kind the noun after it names (什么, 哪个, 哪所, 哪一种). */
const ASKS_WHICH = /^(?:什么|哪一?[个种所家座条位项支部本间只些]?)$/u;

/** The nouns opening `after` (a measure word off), run together, as `Query.noun` says; undefined for none. */
function nounsAfter(after: string, tokenizer: Tokenizer): string | undefined {
  let noun = "";
  for (const { word, tag } of tokenizer.tag(after.replace(ASKED_NOUN_MEASURE, ""))) {
    const mark = /^[\p{P}\s]+$/u.test(word);
    if (TAGS.noun.test(tag) && tag !== "vn" && !mark) noun += word;
    else return noun && (mark || /^(?:uj|p|v|vn|x)$/u.test(tag)) ? noun : undefined;
  }
  return noun || undefined;
}

/** Where a text's names of people, places and organisations stand (jieba's tags): 多伦多. */
function namesAt(norm: string, tags: readonly { word: string; tag: string }[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let pos = 0;
  for (const { word, tag } of tags) {
    const at = norm.indexOf(word, pos);
    if (at < 0) continue;
    pos = at + word.length;
    if (TAGS.name.test(tag) && word.length >= 2) out.push({ start: at, end: pos });
  }
  return out;
}

/** The unit a question asks a figure in (多少家 → 家, 多少万元 → 元), if it names one. */
export function askedUnit(text: string): string | undefined {
  const m = ASKED_UNIT.exec(text);
  return m ? (m[1] === "亿元" || m[1] === "万元" ? "元" : m[1]) : undefined;
}

/**
 * The units a figure question wants when it names none, from the noun whose figure it asks (`MEASURES`):
 * 「技术成交额是多少？」 → money, 「总面积有多大？」 → areas, 「增长了多少？」 → shares. (`asks` and `unit`: the question
 * word and named unit, when the caller has read them already.)
 */
export function askedMeasure(norm: string, asks = questionWord(norm), unit = askedUnit(norm)): readonly string[] | undefined {
  const { kind, wh, at } = asks;
  if (kind !== "figure" || at < 0 || unit) return undefined;
  // The noun before the question word (成交额是多少), or right after it (多少钱, 多少资金).
  const nouns = [norm.slice(0, at).replace(FILLER_END, "")];
  const after = norm.slice(at + wh!.length);
  for (let n = 1; n <= Math.min(4, after.length); n++) nouns.push(after.slice(0, n));
  return MEASURES.find((m) => nouns.some((n) => m.nouns.test(n)))?.units;
}
