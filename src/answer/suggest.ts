import type { Passage } from "../corpus/corpus.js";
import {
  ADVERB_TAG, ASIDE, CLASSIFIERS, DATE_FIGURE, DISTRIBUTIVE, HAN_NUMBER, LINK_TAG, LINKING_ADVERB, NOT_POINTING_BACK,
  NP_MODIFIER_TAG, PREPOSITION_TAG, POINTING_BACK, PRONOUN_TAG, COPULA, LIST_JOIN, QUESTION_UNITS, SMALL_COUNT, SPAN_END, SUBJECT_TAG, TIME_TAG, TIME_UNITS, VERB_TAG,
} from "../lang/zh/clause.js";
import { ANAPHORA, NOT_ANAPHORA, QUESTION_WORD } from "../lang/zh/index.js";
import { scriptOf } from "../lang/zh/script.js";
import { fnv1a } from "../text/hash.js";
import { normalize } from "../text/normalize.js";
import { createTokenizer, type Tokenizer } from "../text/tokenize.js";

/** A question the corpus can answer, made from one of its own figures. */
export interface Suggestion {
  passage: string;
  question: string;
}

export interface SuggestOptions {
  /** Questions kept per passage at most, best first. */
  perPassage?: number;
  /** Longest question offered, in characters. */
  maxLength?: number;
}

export const defaultSuggestOptions = { perPassage: 4, maxLength: 34 };

/** A jieba token with its place in the sentence. */
interface Tok {
  word: string;
  tag: string;
  start: number;
  end: number;
}

/** What a clause says about its own subject. */
interface Clause {
  toks: Tok[];
  /** First token after links (而, 同时, 其中, 再…). */
  lead: number;
  /** Its subject noun phrase, `[from, to)` in `toks`, when it has one: own (崂山区…) or a verb-noun (审核时限…). */
  subject?: [number, number];
  /** A noun phrase it lends to a later clause without a subject (its subject, or the head after 由…的). */
  lends?: string;
  /** Whether that phrase holds a name (place, organisation, person): fit to stand for the whole passage. */
  lendsName?: boolean;
  /** Opens with a pronoun that points back (这里, 其, 该…): no question is made from it. */
  pointsBack: boolean;
  /** Opens with a preposition (对…, 按…). */
  prepositional: boolean;
}

const PUNCT = /^[\p{P}\p{S}\s]+$/u;
const QUOTE = /^["“”‘’「」『』']$/u;
const HAN = /\p{Script=Han}/u;
const CLAUSE_END = /^[,，;；:：。！？!?…]+$/u;
const UNIT_ALT = QUESTION_UNITS.join("|");
/** A figure to ask about: a number, an optional magnitude (万, 亿), an optional 余/多, a unit. Groups: number, magnitude, unit. */
const FIGURE = new RegExp(`(\\d+(?:\\.\\d+)?|[一二两三四五六七八九十]{1,3})\\s*([万亿千百]{0,2})\\s*[余多]?\\s*(${UNIT_ALT})`, "gu");
const HAS_FIGURE = new RegExp(FIGURE.source, "u");
/** Around a figure, these make it part of a range, ratio, ordinal or longer number. */
const NOT_BEFORE = /[\d.\-~～至:：/第一二两三四五六七八九十百千万亿]$/u;
const FIGURE_END = new RegExp(`(?:\\d|[一二两三四五六七八九十]|${UNIT_ALT})$`, "u");
const FIGURE_START = /^\s*(?:\d|[一二两三四五六七八九十])/u;
const NOT_AFTER = /^\s*(?:[\d\-~～至:：/]|[到至]\s*\d)/u;

const FUNCTION_OPENING = /^(p|c|d|r|u|uj|ul)$/u;
const NAME_TAG = /^(ns|nt|nr|nz|nrt|nrfg|j)$/u;
const isNoun = (t: Tok | undefined) => !!t && (SUBJECT_TAG.test(t.tag) || (t.tag === "x" && HAN.test(t.word) && !PUNCT.test(t.word)));
const isQuote = (t: Tok | undefined) => !!t && QUOTE.test(t.word);
const isVerb = (t: Tok | undefined) => !!t && (VERB_TAG.test(t.tag) || COPULA.test(t.word));

/**
 * Questions made from the corpus's own figures, each a clause a reader could ask about: 「崂山众创空间总面积将达
 * 150万平方米」 becomes 「崂山众创空间总面积将达多少万平方米？」. The figure is replaced by 多少 (几 for a small count)
 * with its unit, and the noun it counts is kept (多少个工作日, 多少家企业). Every question starts with its subject: a
 * clause without one borrows the subject of the clause or sentence before it in the passage (「再一次性奖励30万元」
 * after 「高新区给予…」 asks 「高新区…一次性奖励多少万元？」), and is skipped when there is none, or when it opens with a
 * pronoun (这里, 其). Candidates are scored (subject of its own, counted noun kept, length) and the best few kept.
 * All by jieba tags and Chinese clause patterns (`lang/zh/clause.ts`), never by words of an article.
 */
export function suggestQuestions(passages: Passage[], tokenizer: Tokenizer = createTokenizer(), options: SuggestOptions = {}): Suggestion[] {
  const o = { ...defaultSuggestOptions, ...options };
  const out: Suggestion[] = [];
  for (const p of passages) {
    if (!HAS_FIGURE.test(normalize(p.text))) continue; // nothing to ask: the passage is not tagged at all
    const scored: { question: string; score: number; at: number }[] = [];
    // Only a sentence with a figure makes questions; one without matters only while the passage's main subject
    // (its first name that is a clause's subject) is not found yet, so the others are never cut and tagged.
    const sentences: ReturnType<typeof clausesOf>[] = [];
    let main: string | undefined;
    for (const s of p.sentences) {
      const figure = HAS_FIGURE.test(normalize(s.text));
      if (!figure && main !== undefined) continue;
      const cs = clausesOf(s.text, tokenizer);
      main ??= cs.find((c) => c.clause.lends && c.clause.lendsName)?.clause.lends;
      if (figure) sentences.push(cs);
    }
    for (const cs of sentences) {
      for (const [ci, { clause, text, norm }] of cs.entries()) {
        // The subject a clause without one takes: its sentence's (the part since the last ；), else the passage's.
        let partStart = ci;
        while (partStart > 0 && !cs[partStart]!.opensPart) partStart--;
        const inSentence = cs.slice(partStart, ci).find((c) => c.clause.lends)?.clause.lends;
        const before = inSentence ?? main;
        const prior = cs[ci - 1]?.clause;
        const priorText = prior && prior.lead < prior.toks.length ? prior.toks.slice(prior.lead).map((t) => t.word).join("") : "";
        if (clause.pointsBack) continue;
        for (const c of questionsFrom(clause, text, norm, before, prior && !prior.subject && prior.prepositional && !/\d/u.test(priorText) && [...priorText].length <= 18 && !priorText.endsWith("的") ? prior : undefined, o.maxLength)) {
          if (startsWithSubject(c.question, tokenizer)) scored.push({ ...c, at: scored.length });
        }
      }
    }
    const kept = new Set<string>();
    for (const c of scored.sort((a, b) => b.score - a.score || a.at - b.at)) {
      if (kept.size >= o.perPassage) break;
      if (!kept.has(c.question)) kept.add(c.question), out.push({ passage: p.id, question: c.question });
    }
  }
  return out;
}

/** A sentence's clauses, each with the text its token offsets point into (original script) and its normalised form. */
function clausesOf(sentence: string, tokenizer: Tokenizer): { clause: Clause; text: string; norm: string; opensPart: boolean }[] {
  const norm = normalize(sentence);
  const text = norm.length === sentence.length ? sentence : norm;
  const toks: Tok[] = [];
  let at = 0;
  for (const { word, tag } of tokenizer.tag(norm)) {
    const start = norm.indexOf(word, at);
    if (start < 0) continue;
    at = start + word.length;
    if (word.trim()) toks.push({ word, tag, start, end: at });
  }
  return splitClauses(toks).map((c) => {
    const before = toks[toks.indexOf(c[0]!) - 1];
    return { clause: analyse(c, text, tokenizer), text, norm, opensPart: !before || /^[;；]$/u.test(before.word) };
  });
}

/**
 * Clauses: split at commas and stops; at 、 when what follows has a verb of its own (「计划达到15家、产业基金达到15亿元」,
 * not a list of names); around a quoted span that has a verb (「提出了“每年设立5亿元的资金池”」).
 */
function splitClauses(toks: Tok[]): Tok[][] {
  const out: Tok[][] = [];
  let cur: Tok[] = [];
  const flush = () => (cur.length > 0 && out.push(cur), (cur = []));
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (CLAUSE_END.test(t.word)) {
      flush();
      continue;
    }
    if (t.word === "、") {
      let j = i + 1;
      while (j < toks.length && !CLAUSE_END.test(toks[j]!.word) && toks[j]!.word !== "、") j++;
      const piece = toks.slice(i + 1, j);
      if (piece.some(isVerb) && piece.some((x) => /\d/u.test(x.word)) && cur.some(isVerb)) flush();
      else cur.push(t);
      continue;
    }
    if (isQuote(t)) {
      let j = i + 1;
      while (j < toks.length && !isQuote(toks[j]) && !CLAUSE_END.test(toks[j]!.word)) j++;
      const inner = toks.slice(i + 1, j);
      if (isQuote(toks[j]) && inner.some(isVerb) && inner.some((x) => /\d/u.test(x.word)) && toks[i - 1]?.word !== "《") {
        flush();
        out.push(toks.slice(i + 1, j));
        i = j;
        continue;
      }
    }
    cur.push(t);
  }
  flush();
  return out;
}

/** Where a clause's subject is, if it has one, and what it lends to the clauses after it. */
function analyse(toks: Tok[], text: string, tokenizer: Tokenizer): Clause {
  let i = 0;
  const link = (t: Tok) =>
    LINK_TAG.test(t.tag) || PUNCT.test(t.word) && !isQuote(t) || NOT_POINTING_BACK.test(t.word) || (ADVERB_TAG.test(t.tag) && LINKING_ADVERB.test(t.word));
  while (i < toks.length && link(toks[i]!)) i++;
  const clause: Clause = { toks, lead: i, pointsBack: false, prepositional: false };
  const first = toks[i];
  if (!first) return clause;
  if (PRONOUN_TAG.test(first.tag) && !DISTRIBUTIVE.test(first.word)) return { ...clause, pointsBack: true };
  // A word jieba does not know that opens with a preposition (按算力…) is that preposition and its noun.
  const opensWithFunctionWord = first.tag === "x" && FUNCTION_OPENING.test(tokenizer.tag([...first.word][0]!)[0]?.tag ?? "");
  clause.prepositional = PREPOSITION_TAG.test(first.tag) || opensWithFunctionWord;
  // Adverbials that may stand before a subject: time words, dates, 每年.
  let s = i;
  for (;;) {
    const t = toks[s];
    if (!t) break;
    if (TIME_TAG.test(t.tag) || (PRONOUN_TAG.test(t.tag) && DISTRIBUTIVE.test(t.word) && !isNoun(toks[s + 1])) || (t.tag === "f" && s > i)) s++;
    else if (t.tag === "m" && DATE_FIGURE.test(toks.slice(s).map((x) => x.word).join(""))) {
      const len = DATE_FIGURE.exec(toks.slice(s).map((x) => x.word).join(""))![0].length;
      let covered = 0;
      while (covered < len && toks[s]) covered += toks[s++]!.word.length;
    } else break;
  }
  const timeOnly = toks.slice(i, s).every((t) => !DISTRIBUTIVE.test(t.word));
  const np = (from: number) => {
    let k = from;
    let noun = false;
    if (toks[k] && PRONOUN_TAG.test(toks[k]!.tag) && DISTRIBUTIVE.test(toks[k]!.word)) k++;
    for (; k < toks.length; k++) {
      const t = toks[k]!;
      const close = isQuote(t) ? toks.findIndex((x, j) => j > k && isQuote(x)) : -1;
      if (close > k && close - k <= 8) {
        noun = true;
        k = close;
        continue;
      }
      // A noun-verb right before a figure is the predicate (增加值突破5000亿元), not part of the subject.
      if (t.tag === "vn" && noun && /^\d|^[一二两三四五六七八九十]/u.test(toks[k + 1]?.word ?? "")) break;
      if (isNoun(t)) noun = true;
      else if (NP_MODIFIER_TAG.test(t.tag) && t.tag !== "f" || isQuote(t)) continue;
      else if ((t.word === "的" || /^[和与及]$/u.test(t.word)) && isNoun(toks[k + 1])) continue;
      else break;
    }
    while (k > from && ((isQuote(toks[k - 1]) && toks.slice(from, k - 1).filter(isQuote).length % 2 === 0) || NP_MODIFIER_TAG.test(toks[k - 1]!.tag))) k--;
    return noun ? k : from;
  };
  // A noun a relative clause modifies is the subject, the clause with it (崂山区|建成|的|众创空间|已包括… → 崂山区建成的
  // 众创空间, not 崂山区): the noun phrase after 的 when its own verb follows.
  const modified = (from: number) => {
    let v = from;
    while (toks[v] && ADVERB_TAG.test(toks[v]!.tag)) v++;
    if (!isVerb(toks[v]) || toks[v + 1]?.word !== "的") return from;
    const e = np(v + 2);
    let w = e;
    while (toks[w] && ADVERB_TAG.test(toks[w]!.tag)) w++;
    return e > v + 2 && isVerb(toks[w]) ? e : from;
  };
  const head = opensWithFunctionWord ? s : np(s);
  const end = head > s ? modified(head) : head;
  const onlyAbbreviation = toks.slice(s, end).every((t) => t.tag === "j");
  // A noun-verb right before the figure is the predicate (奖励50万元), not a subject.
  const verbal = toks[end - 1]?.tag === "vn" && /^\d|^[一二两三四五六七八九十]/u.test(toks[end]?.word ?? "");
  if (end > s && toks[end] && !onlyAbbreviation && !verbal) clause.subject = [s, end];
  else if (isVerb(toks[s]) && [...toks[s]!.word].length >= 2 && timeOnly && isNoun(toks[s + 1])) {
    // A verb and its noun as the subject (审核时限不超过…), when a verb of their own follows; a one-character verb
    // and a noun (占比重…) are a predicate.
    const vnEnd = np(s + 1);
    let v = vnEnd;
    while (toks[v] && ADVERB_TAG.test(toks[v]!.tag)) v++;
    if (vnEnd > s + 1 && isVerb(toks[v])) clause.subject = [s, vnEnd];
  }
  // A clause ending in a bare verb (相关负责人介绍，) reports speech: its subject is not the next clause's.
  const last = toks.at(-1)!;
  const reports = isVerb(last);
  const vn = clause.subject && isVerb(toks[clause.subject[0]]);
  if (clause.subject && !reports && !vn) {
    clause.lends = plainNp(toks.slice(clause.subject[0], clause.subject[1]), text);
    clause.lendsName = toks.slice(clause.subject[0], clause.subject[1]).some((t) => NAME_TAG.test(t.tag));
  }
  else if (!clause.subject && !reports && clause.prepositional) {
    // 由…发起的“侨商创客谷”已完成…: the head after the last 的 before a verb.
    for (let k = toks.length - 1; k > s; k--) {
      if (toks[k]!.word !== "的") continue;
      const e = np(k + 1);
      let v = e;
      while (toks[v] && ADVERB_TAG.test(toks[v]!.tag)) v++;
      if (e > k + 1 && isVerb(toks[v])) clause.lends = plainNp(toks.slice(k + 1, e), text);
      break;
    }
  }
  return clause;
}

/** A noun phrase fit to lend: without quotes or leading counts, at least two characters. */
function plainNp(toks: Tok[], text: string): string | undefined {
  const words = toks.filter((t) => !isQuote(t)).map((t) => text.slice(t.start, t.end));
  const np = words.join("").replace(/^[\d一二两三四五六七八九十]+[个家位名项]?/u, "");
  // 每家企业 stands for each one in turn, not for a subject a later clause can take.
  return [...np].length >= 2 && !/\d/u.test(np) && !/^每/u.test(np) ? np : undefined;
}

/** The questions one clause makes, one per figure in it, with a score. */
function questionsFrom(clause: Clause, text: string, norm: string, borrowed: string | undefined, prep: Clause | undefined, maxLength: number) {
  const { toks, lead, subject } = clause;
  const out: { question: string; score: number }[] = [];
  if (lead >= toks.length) return out;
  const from = toks[lead]!.start;
  const to = toks.at(-1)!.end;
  const slice = (a: number, b: number) => text.slice(a, b);
  const startsAt = new Map(toks.map((t, i) => [t.start, i]));
  const endsAt = new Map(toks.map((t, i) => [t.end, i]));
  for (const m of norm.slice(from, to).matchAll(FIGURE)) {
    const start = from + m.index!;
    const end = start + m[0].length;
    const [, number, magnitude, unit] = m as unknown as [string, string, string, string];
    const fi = startsAt.get(start);
    const li = endsAt.get(end);
    if (fi === undefined || li === undefined || fi <= lead) continue;
    if (NOT_BEFORE.test(norm.slice(0, start)) || NOT_AFTER.test(norm.slice(end))) continue;
    if (DATE_FIGURE.test(norm.slice(start)) || (unit === "年" && number.length === 4)) continue;
    const han = HAN_NUMBER[number] ?? (/^\d+$/u.test(number) ? Number(number) : undefined);
    if (/^[一二两三四五六七八九十]+$/u.test(number) && (toks[fi]!.tag !== "m" || number === "一")) continue;
    if (subject && fi < subject[1]) continue; // the figure counts the subject itself (3家团队已入驻)
    if (toks.slice(lead, fi).filter(isQuote).length % 2 === 1) continue;
    // One of a list of figures (5%和10%, 一分钟及五分钟), or counted after a demonstrative (这三种): not one to ask alone.
    const listed = (LIST_JOIN.test(norm.slice(start - 1, start)) && FIGURE_END.test(norm.slice(0, start - 1))) || (LIST_JOIN.test(norm.slice(end, end + 1)) && FIGURE_START.test(norm.slice(end + 1)));
    if (listed || /^(r|rr|rz|m|mq|q)$/u.test(toks[fi - 1]!.tag)) continue;
    // A conjunction inside (虽然, 如果, 特别是) means the clause is not one statement.
    if (toks.slice(lead, fi).some((t) => t.tag === "c" && !LIST_JOIN.test(t.word))) continue;
    // Another figure before it (其中938户中有33%…): the question would hold two.
    if (/\d/u.test(norm.slice(from, start).replace(new RegExp(DATE_FIGURE.source, "gu"), ""))) continue; // inside a quoted name (“数字经济十条”)
    if (TIME_UNITS.has(unit) && SPAN_END.test(toks[li + 1]?.word ?? "")) continue; // a span of time (两年内), not an amount
    const small = han !== undefined && han < SMALL_COUNT && !magnitude && CLASSIFIERS.has(unit);
    // Magnitude and unit as the passage writes them (萬, 個 in Traditional text).
    const written = text.slice(start + number.length, end).replace(/[\s余多餘]/gu, "");
    const ask = `${small ? (scriptOf(text) === "traditional" ? "幾" : "几") : "多少"}${written}`;

    // What follows the figure: the noun it counts (…个工作日, …的天使投资基金), then a short verb phrase (给予奖励).
    let k = li + 1;
    while (toks[k] && toks[k]!.tag === "f") k++;
    let nounEnd = k;
    if (toks[k]?.word === "的") {
      // 多少亿元的天使投资基金: the phrase it modifies, to the clause's end, ending in its noun.
      let e = toks.length;
      while (e > k && /^(f|u|uj|ul)$/u.test(toks[e - 1]!.tag)) e--;
      if (e <= k + 1 || !isNoun(toks[e - 1]) || [...slice(toks[k]!.start, toks[e - 1]!.end)].length > 12) continue;
      nounEnd = e;
    }
    else {
      // The rest of the clause when it is the noun counted (多少个数字经济“新场景”示范项目), else the nouns right after.
      let e = toks.length;
      while (e > k && /^(f|u|uj|ul|y)$/u.test(toks[e - 1]!.tag)) e--;
      const whole = toks.slice(k, e);
      if (whole.length > 0 && (isNoun(whole[0]) || isQuote(whole[0])) && isNoun(whole.at(-1)) && !whole.some((t) => t.word === "的" || /^u/u.test(t.tag) || /\d|[一二两三四五六七八九十]/u.test(t.word) || PUNCT.test(t.word) && !isQuote(t)) &&
        [...slice(whole[0]!.start, whole.at(-1)!.end)].length <= 14) nounEnd = e;
      while (toks[nounEnd] && (isNoun(toks[nounEnd]) || isQuote(toks[nounEnd]))) nounEnd++;
    }
    const counted = nounEnd > k;
    // 高英的3岁女儿建德公主: the figure sits inside a noun phrase; asking it would cut the phrase.
    if (counted && toks[fi - 1]?.word === "的" && toks[k]?.word !== "的") continue;
    if (CLASSIFIERS.has(unit) && !counted && toks[k] && isNoun(toks[k])) continue;
    let tailEnd = counted ? toks[nounEnd - 1]!.end : end;
    const rest = toks.slice(nounEnd);
    const restText = rest.filter((t) => !/^(f|u|uj|ul)$/u.test(t.tag)).map((t) => t.word).join("");
    const inPhrase = clause.prepositional || toks.slice(lead, fi).some((t) => PREPOSITION_TAG.test(t.tag));
    if (isVerb(rest[0]) && (rest.length === 1 || inPhrase) && [...restText].length <= 6 && !rest.some((t) => /\d|[一二两三四五六七八九十]/u.test(t.word))) {
      let e = rest.length;
      while (e > 0 && /^(f|u|uj|ul)$/u.test(rest[e - 1]!.tag)) e--;
      if (e > 0) tailEnd = rest[e - 1]!.end;
    }
    // A figure governed by a preposition (与5%的…, 按10%…) needs the verb after it, or the question stops mid-phrase.
    const governs = (t: Tok, i: number) => isVerb(t) || (PREPOSITION_TAG.test(t.tag) && !/^(v|a|d)/u.test(toks[lead + i - 1]?.tag ?? ""));
    const governing = toks.slice(lead, fi).filter(governs).at(-1);
    if (governing && !isVerb(governing) && !isVerb(rest[0])) continue;
    const tail = slice(end, tailEnd).replace(/^[以上下左右多余]+/u, "");
    const afterUnit = counted ? tail : tail;

    let head: string;
    let own = 0;
    if (subject) {
      // Its own subject first, then any time words that stood before it: 去年崂山区… → 崂山区去年…
      const [s, e] = subject;
      // One word and a figure with no verb between (天然气15%) is one item of a list, not a statement.
      if (e - s === 1 && !toks.slice(e, fi).some(isVerb)) continue;
      // A bare common noun (总面积, 增幅, 有效期) is a part of something: whose, the subject before says.
      const bare =
        e - s === 1 && toks[s]!.tag === "n" && [...toks[s]!.word].length <= 3 && toks.slice(e, fi).some(isVerb) && borrowed && !borrowed.includes(toks[s]!.word);
      head = (bare ? borrowed : "") + slice(toks[s]!.start, toks[e - 1]!.end) + (s > lead ? slice(toks[lead]!.start, toks[s - 1]!.end) : "") + slice(toks[e - 1]!.end, start);
      own = 1;
    } else {
      if (!borrowed) continue;
      // Without a noun of its own (增长31.5%), the clause is a comment on the one before: nothing to ask.
      if (!counted && !toks.slice(lead, fi).some((t) => isNoun(t) && t.tag !== "j" && t.tag !== "vn") && !prep) continue;
      // A figure before any verb counts what the clause is about (3家团队已签…): it has no subject to borrow.
      if (!toks.slice(lead, fi).some((t) => isVerb(t) || PREPOSITION_TAG.test(t.tag)) && !prep) continue;
      const via = prep ? slice(prep.toks[prep.lead]!.start, prep.toks.at(-1)!.end) : "";
      head = borrowed + via + slice(from, start);
      if ([...head].length + [...afterUnit].length > maxLength - 4 && via) head = borrowed + slice(from, start);
    }
    let question = `${head}${ask}${afterUnit}`.replace(ASIDE, "").replace(/\s+/gu, "");
    question = balanceQuotes(question);
    if (!balanced(question)) continue;
    question = `${question}？`;
    const length = [...question].length;
    if (length < 7 || length > maxLength) continue;
    if ((question.match(new RegExp(QUESTION_WORD.source, "gu")) ?? []).length !== 1) continue;
    if (ANAPHORA.test(normalize(question).replace(NOT_ANAPHORA, "")) || POINTING_BACK.test(question)) continue; // a pronoun whose antecedent is not in the question
    if (toks.slice(lead, li).some((t) => PRONOUN_TAG.test(t.tag) && !DISTRIBUTIVE.test(t.word) && !NOT_POINTING_BACK.test(t.word))) continue;
    if (/第？$|[<>{}\[\]|\\]/u.test(question)) continue; // an ordinal cut off (排名第？), or markup
    const score = 1 + 0.5 * own + (counted ? 0.3 : 0) - 0.05 * Math.max(0, length - 20) - 0.05 * Math.max(0, 10 - length);
    out.push({ question, score });
  }
  return out;
}

/** Quote marks kept only when they pair up. */
function balanceQuotes(q: string): string {
  const pairs: [string, string][] = [["“", "”"], ["‘", "’"], ["「", "」"], ["『", "』"]];
  let out = q;
  for (const [open, close] of pairs) if (out.split(open).length !== out.split(close).length) out = out.replaceAll(open, "").replaceAll(close, "");
  if ((out.match(/"/gu) ?? []).length % 2) out = out.replaceAll('"', "");
  return out;
}

/** Brackets that pair up, none left open. */
function balanced(q: string): boolean {
  return [["（", "）"], ["(", ")"], ["《", "》"], ["【", "】"]].every(([a, b]) => q.split(a!).length === q.split(b!).length);
}

/** A question opens with its subject: not a link, preposition, adverb, pronoun or a verb without its noun. */
export function startsWithSubject(question: string, tokenizer: Tokenizer): boolean {
  const [first, second] = tokenizer.tag(question).filter((t) => !isQuote({ ...t, start: 0, end: 0 }));
  if (!first) return false;
  const t = { ...first, start: 0, end: 0 };
  const next = second && { ...second, start: 0, end: 0 };
  // A word jieba does not know (x) that opens with a function word (按算力…) opens with that word.
  if (t.tag === "x" && FUNCTION_OPENING.test(tokenizer.tag([...t.word][0]!)[0]?.tag ?? "")) return false;
  // 每个项目… opens with its subject; 每年…, 每年最高… (however tagged) do not.
  if (/^每/u.test(t.word)) return PRONOUN_TAG.test(t.tag) && isNoun(next);
  if (isNoun(t) || TIME_TAG.test(t.tag)) return true;
  if (NP_MODIFIER_TAG.test(t.tag) || isVerb(t)) return isNoun(next);
  return false;
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
