import type { Document, Passage, Sentence } from "../corpus/corpus.js";
import { PROPER_NAMES } from "../lang/zh/proper-names-data.js";
import { GENERIC_PLACES, PLACE_ENDING, TAGS } from "../lang/zh/index.js";
import { foldUnits, normalize } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenize.js";

/** A year or a span of years (a decade). */
export interface Years {
  from: number;
  to: number;
}

/** What a question names: each place with the forms that count as it, and years. */
export interface Named {
  places: string[][];
  years: Years[];
}

/**
 * Places and years a question names (深圳, 2019年, 1950年代): what the answer must be about. A place comes
 * with the shorter places inside it that also do (舟山群岛: 舟山; 和澳洲, a conjunction jieba glued on: 澳洲).
 */
export function namesOf(tagged: { word: string; tag: string }[], question: string, tokenizer: Tokenizer): Named {
  const named = [...new Set(tagged.filter((t) => (TAGS.namedPlace.test(t.tag) || divisionName(t.word)) && t.word.length >= 2).map((t) => normalize(t.word)))];
  // (A word that names no place, 上门 or 和澳洲, counts by the places inside it, if any: 澳洲.)
  const places = named
    .map((name) => {
      const division = divisionName(name);
      return [
        ...(namesPlace(name) ? [name] : []),
        ...tokenizer.words(name).filter((w) => w !== name && w.length >= 2 && name.includes(w) && (w === division || isPlace(w, tokenizer))),
      ];
    })
    .filter((forms) => forms.length > 0);
  // A year is four digits before 年 that are not the end of a larger figure (1亿1234万5678年前).
  const years: Years[] = [];
  for (const m of normalize(question).matchAll(/(?<![\d万亿.,])(\d{4}|[零〇一二三四五六七八九]{4})年(代)?/gu)) {
    const y = yearNumber(m[1]!);
    years.push({ from: y, to: m[2] && y % 10 === 0 ? y + 9 : y });
  }
  return { places, years };
}

/** An administrative division's ending (大同|市, 吴江|区), after the place's proper name. */
const DIVISION = /^(\p{Script=Han}{2,})[省市县区州盟旗镇乡]$/u;

/** The proper name of a word that is one with a division's ending (大同市 → 大同), whatever jieba tags it (it tags 大同市 a common noun). */
function divisionName(word: string): string | undefined {
  const name = DIVISION.exec(word)?.[1];
  return name !== undefined && properName(name) ? name : undefined;
}

/** A word jieba tags as a named place on its own. */
function isPlace(word: string, tokenizer: Tokenizer): boolean {
  const t = tokenizer.tag(word);
  return t.length === 1 && TAGS.namedPlace.test(t[0]!.tag) && namesPlace(t[0]!.word);
}

/**
 * Whether a word jieba tags as a place names one: CC-CEDICT lists it as a proper name (深圳, 澳洲), or it ends
 * like a place's name (长崎县, 基隆港, 淮海中路). jieba tags common words so too (上门, 城市, 海洋, 台风), and a
 * question holding one would be declined for a place no article covers.
 */
function namesPlace(word: string): boolean {
  if (GENERIC_PLACES.has(word)) return false;
  // (One character and an ending is most often a common word: 重镇, 大城, 环海; 漳州 or 泰山 is a proper name.)
  return properName(word) || (word.length >= 3 && PLACE_ENDING.test(word));
}
/** CC-CEDICT's proper names, as a set on first use. */
let properNames: ReadonlySet<string> | undefined;
/** Whether CC-CEDICT lists a word as a proper name. */
const properName = (word: string) => (properNames ??= new Set(PROPER_NAMES.split(" "))).has(word);

const HAN_DIGIT_VALUE: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** 1848, or 二零零五 (digit by digit) as 2005. */
function yearNumber(text: string): number {
  return /^\d+$/u.test(text) ? Number(text) : Number([...text].map((c) => HAN_DIGIT_VALUE[c]).join(""));
}
/** 二十 → 20, 五十 → 50, 19 → 19. */
function smallNumber(text: string): number {
  if (/^\d+$/u.test(text)) return Number(text);
  const [tens, ones] = text.split("十");
  return text.includes("十") ? (tens ? HAN_DIGIT_VALUE[tens]! : 1) * 10 + (ones ? HAN_DIGIT_VALUE[ones]! : 0) : HAN_DIGIT_VALUE[text]!;
}

const yearsOfText = new Map<string, Years[]>();
/**
 * The years a (normalised) text holds, in any of the ways Chinese writes them: 1848 (with or without 年),
 * 二零零五年, and decades, 20世纪50年代 / 二十世纪五十年代 / 50年代 (the 1900s when no century is given).
 */
export function yearsIn(text: string): Years[] {
  let out = yearsOfText.get(text);
  if (out) return out;
  out = [];
  for (const m of text.matchAll(/(?<![\d.])\d{4}(?![\d万亿.%])|[零〇一二三四五六七八九]{4}(?=年)/gu)) {
    const y = yearNumber(m[0]);
    out.push({ from: y, to: y });
  }
  const NUM = "\\d{1,2}|[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]";
  for (const m of text.matchAll(new RegExp(`(?:(${NUM})世纪)?(?<![\\d])(\\d0|[一二三四五六七八九]十)年代`, "gu"))) {
    const from = (m[1] ? smallNumber(m[1]) - 1 : 19) * 100 + smallNumber(m[2]!);
    out.push({ from, to: from + 9 });
  }
  if (yearsOfText.size > 4096) yearsOfText.clear();
  yearsOfText.set(text, out);
  return out;
}

/**
 * Whether a normalised text (a paragraph with its article's title) holds every place and year the question
 * names: each place in one of its forms, each year in any of the ways it can be written. A place may also
 * stand in the article's lead (`lead`): the subject an article names there (拜占庭帝国, 又称东罗马帝国) is what
 * all its paragraphs are about; a place mentioned in passing further on (「青岛的“深圳”」) is not.
 *
 * @example holdsNames("到20世纪50年代,东德官方…", namesOf(tag("1950年代的东德…"), "1950年代的东德…", tokenizer)) // true
 */
export function holdsNames(text: string, named: Named, lead = ""): boolean {
  if (!named.places.every((forms) => forms.some((f) => text.includes(f) || lead.includes(f)))) return false;
  if (named.years.length === 0) return true;
  const held = yearsIn(text);
  return named.years.every((y) => held.some((h) => h.from <= y.to && y.from <= h.to));
}

const leads = new WeakMap<ReadonlyMap<string, Document>, { size: number; byTitle: Map<string, Document> }>();
/**
 * The normalised first paragraph of a document's article. An article whose paragraphs were saved as files
 * of their own under one title (a long article cut up) has one lead: its first file's first paragraph.
 */
export function leadOf(documents: ReadonlyMap<string, Document>, doc: Document): string {
  if (!doc.title) return doc.passages[0] ? normalizedPassage(doc.passages[0]) : "";
  let seen = leads.get(documents);
  if (!seen || seen.size !== documents.size) {
    // The first article of each title, its lead normalised when asked: every lead's normal form, made up front,
    // held ~240 MiB for good at 100k articles and took ~6 s of the first answer.
    const byTitle = new Map<string, Document>();
    for (const d of documents.values()) if (d.title && !byTitle.has(d.title) && d.passages[0]) byTitle.set(d.title, d);
    leads.set(documents, (seen = { size: documents.size, byTitle }));
  }
  const first = seen.byTitle.get(doc.title)?.passages[0];
  return first ? normalizedPassage(first) : "";
}

const passageTexts = new WeakMap<Passage, string>();
/** Paragraphs with a character that does not fold alone (see `foldUnits`): their sentences are normalised on their own. */
const foldedWhole = new WeakSet<Passage>();
/** A corpus paragraph's normalised text (once per paragraph: the place check reads a lead for every candidate). */
export function normalizedPassage(p: Passage): string {
  let text = passageTexts.get(p);
  if (text === undefined) {
    const units = foldUnits(p.text);
    if (units === undefined) foldedWhole.add(p);
    passageTexts.set(p, (text = units ?? normalize(p.text)));
  }
  return text;
}

/**
 * A paragraph's sentences normalised, and run together. A sentence that is a slice of the paragraph's text is
 * the same slice of its normal form (no second pass over its characters); sentences that tile the paragraph
 * run together into its normal form itself.
 */
export function normalizedSentences(p: Passage, sentences: readonly Sentence[]): { norms: string[]; joined: string } {
  const whole = normalizedPassage(p);
  const sliced = !foldedWhole.has(p);
  let tiled = sliced;
  let at = 0;
  const norms = sentences.map((s) => {
    // (Compared as strings: several times faster than `startsWith` at an offset.)
    if (!sliced || s.text !== p.text.slice(s.start, s.end)) {
      tiled = false;
      return normalize(s.text);
    }
    if (s.start !== at) tiled = false;
    at = s.end;
    return whole.slice(s.start, s.end);
  });
  return { norms, joined: tiled && at === whole.length ? whole : norms.join("") };
}
