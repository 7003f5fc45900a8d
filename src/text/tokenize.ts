import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { QUESTION_PHRASES, STOPWORDS, UNITS } from "../lang/zh/index.js";
import { normalize } from "./normalize.js";

/**
 * Version of what `terms` and `words` produce. The saved keyword index records it and is rebuilt when it
 * differs: bump it with any change to the cut (dictionary words, stopwords, bigrams, figures, normalisation).
 */
export const TOKENIZER_VERSION = 4;

const PUNCT = /^[\p{P}\p{S}\s]+$/u;
const HAN_RUN = /\p{Script=Han}+/gu;
/** An Arabic figure with its unit, indexed whole: 150万平方米, 31.5%. */
const FIGURE_TERM = new RegExp(`\\d+(?:\\.\\d+)?\\s*(?:万|亿)?\\s*(?:${UNITS.join("|")})`, "gu");

export interface Tokenizer {
  /** Content words (jieba search mode) of normalised text, without stopwords and punctuation. */
  words(text: string): string[];
  /** Index terms: content words, Han bigrams and figures, as used by the keyword index. */
  terms(text: string): string[];
  /** Part-of-speech tags (jieba), on normalised text. */
  tag(text: string): { word: string; tag: string }[];
}

/** Jieba instances by the words added to the dictionary (the few most recent), so each corpus's words stay its own. */
const instances = new Map<string, Jieba>();
const KEEP_INSTANCES = 4;

/**
 * A jieba tokenizer that also knows `extraWords`: terms the corpus itself marks (quoted names, 《》 titles).
 * Each set of words gets its own jieba (one dictionary load, ~0.2 s); tokenizers made with the same words
 * share it, and no tokenizer ever sees another corpus's words.
 *
 * @example createTokenizer(["侨商创客谷"]).terms("侨商创客谷年底前计划入驻多少家企业")
 */
export function createTokenizer(extraWords: Iterable<string> = []): Tokenizer {
  const extra = [...new Set(extraWords)].filter((w) => w.length >= 2 && w.length <= 30 && !/[\s\p{C}]/u.test(w)).sort();
  const key = extra.join("\n");
  let jieba = instances.get(key);
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    if (extra.length > 0) jieba.loadDict(Buffer.from(extra.map((w) => `${w} 1000 nz`).join("\n")));
    instances.set(key, jieba);
    while (instances.size > KEEP_INSTANCES) instances.delete(instances.keys().next().value!);
  }

  // A question is cut by several steps (its retrieval terms, its words, its focus, its query): the last few cuts are kept.
  const cut = recent((norm: string) => jieba.cutForSearch(norm, true).filter((w) => !PUNCT.test(w) && !STOPWORDS.has(w.trim()) && w.trim() !== ""));
  const tagged = recent((norm: string) => jieba.tag(norm, true));
  const words = (text: string) => cut(normalize(text)).slice();

  return {
    words,
    terms(text) {
      const norm = normalize(text);
      const out = words(norm);
      for (const run of norm.replace(QUESTION_PHRASES, " ").match(HAN_RUN) ?? []) {
        for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
      }
      for (const m of norm.matchAll(FIGURE_TERM)) out.push(m[0].replace(/\s+/g, ""));
      return out;
    },
    tag: (text) => tagged(normalize(text)).map((t) => ({ ...t })),
  };
}

/** Texts whose cut is kept: a question's few, not every sentence an answer reads. */
const KEEP_CUTS = 8;

/** `make` remembering its last KEEP_CUTS results, shared: hand out copies (a caller may change its own). */
function recent<T>(make: (text: string) => T): (text: string) => T {
  const made = new Map<string, T>();
  return (text) => {
    let out = made.get(text);
    if (out === undefined) {
      made.set(text, (out = make(text)));
      if (made.size > KEEP_CUTS) made.delete(made.keys().next().value!);
    }
    return out;
  };
}

/**
 * The Han bigrams that `terms` yields for every text containing `norm` (normalised), whatever surrounds it:
 * pairs of Han characters neither of which can belong to a question phrase (those are cut out before
 * bigrams). A text holds `norm` only if its terms hold all of these, so the keyword index can find the
 * few candidates for a phrase look-up.
 *
 * @example containedBigrams("众创空间") // ["众创", "创空", "空间"]
 */
export function containedBigrams(norm: string): string[] {
  const out: string[] = [];
  const chars = [...norm];
  const free = (c: string) => HAN_CHAR.test(c) && !QUESTION_CHARS.has(c);
  for (let i = 0; i + 1 < chars.length; i++) if (free(chars[i]!) && free(chars[i + 1]!)) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

const HAN_CHAR = /^\p{Script=Han}$/u;
const QUESTION_CHARS = new Set(QUESTION_PHRASES.source.replace(/[^\p{Script=Han}]/gu, ""));

/** Names the corpus itself marks as names: short quoted spans such as “侨商创客谷”. */
export function quotedTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[“「『"](\p{Script=Han}{2,8})[”」』"]/gu)) out.push(m[1]!);
  return out;
}

/** Share of a phrase's occurrences whose edge falls inside a dictionary word, from which it is a fragment. */
const CUT_SHARE = 0.5;

/** Passages read for repeated phrases at most (evenly spread): bounded start-up work on any corpus. */
const PHRASE_SAMPLE = 2000;
/** Characters that never sit inside a term: function words and punctuation-like Han. */
const FUNCTION_CHARS = /[的了是在和与及等将把被对为也都就又还吗呢吧之其这那个以而并或中上下里从由于到有着过一]/u;

/**
 * Terms a corpus itself marks or repeats, for the tokenizer to keep whole: quoted names (“侨商创客谷”),
 * 《》 titles, and Han phrases of 3–4 characters that recur (at least 3 times), hold together (their
 * parts mostly occur inside them) and are not a fragment of something longer (no one neighbouring
 * character follows or precedes most of their occurrences) — such as 众创空间 in an article about
 * maker spaces. Nothing comes from a word list.
 */
export function corpusTerms(texts: readonly string[]): string[] {
  const terms = new Set<string>();
  const step = Math.max(1, texts.length / PHRASE_SAMPLE);
  const counts = new Map<string, number>();
  for (let i = 0; i < texts.length; i += step) {
    const text = normalize(texts[Math.floor(i)]!);
    for (const q of quotedTerms(text)) terms.add(q);
    for (const m of text.matchAll(/《([^《》]{2,30})》/gu)) terms.add(m[1]!);
    for (const run of text.match(HAN_RUN) ?? []) {
      for (let n = 2; n <= 5; n++)
        for (let j = 0; j + n <= run.length; j++) {
          const g = run.slice(j, j + n);
          counts.set(g, (counts.get(g) ?? 0) + 1);
        }
    }
  }
  // The most frequent one-character extension of each phrase, on either side.
  const extension = new Map<string, number>();
  for (const [g, c] of counts) {
    if (g.length < 4) continue;
    for (const part of [g.slice(1), g.slice(0, -1)]) extension.set(part, Math.max(extension.get(part) ?? 0, c));
  }
  const candidates = new Map<string, number>();
  for (const [g, c] of counts) {
    if (g.length < 3 || g.length > 4 || c < 3 || FUNCTION_CHARS.test(g)) continue;
    const cohesion = c / Math.min(counts.get(g.slice(1))!, counts.get(g.slice(0, -1))!);
    if (cohesion >= 0.75 && (extension.get(g) ?? 0) < 0.75 * c) candidates.set(g, c);
  }
  // A phrase whose edge most often falls inside a dictionary word cuts words, not a term: 口头传 (口头传说, 口头传统).
  const cuts = new Map<string, number>();
  // Jieba with its dictionary alone (no corpus's words, no guessing) says whether two characters make a word.
  const dictionary = candidates.size > 0 ? Jieba.withDict(dict) : undefined;
  const known = new Map<string, boolean>();
  const isWord = (pair: string) => known.get(pair) ?? (known.set(pair, dictionary!.cut(pair, false).length === 1), known.get(pair)!);
  for (const [w, n] of counts) {
    if (w.length < 4) continue;
    const [head, tail] = [w.slice(0, -1), w.slice(1)];
    if (candidates.has(head) && isWord(w.slice(-2))) cuts.set(head, (cuts.get(head) ?? 0) + n);
    if (candidates.has(tail) && isWord(w.slice(0, 2))) cuts.set(tail, (cuts.get(tail) ?? 0) + n);
  }
  for (const [g, c] of candidates) if ((cuts.get(g) ?? 0) < CUT_SHARE * c) terms.add(g);
  return [...terms];
}
