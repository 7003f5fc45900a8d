import type { Document, Passage, Sentence } from "../corpus/corpus.js";
import type { Retriever } from "../retrieval/retriever.js";
import { normalize } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenize.js";
import type { Citation } from "../types.js";
import { pickAnswer, typeFit } from "./extract.js";
import { ANAPHORA, focusOf, type QuestionAnalysis } from "./question.js";
import { DEPUTY, FILLER_END, FILLER_START, HAN_WORD, namesOrganisation, OFFICE, officeOrganisation, REFERS_BACK, STATES_GOAL, STATES_NOW, STATES_RULE, TAGS, wordAt } from "../lang/zh/index.js";
import { RERANK, rerankHead, SENTENCE_FEATURES } from "./features.js";
import { understand } from "./query.js";
import { readSpans, type SpanReading } from "./short.js";
import { linear, modelWeights } from "./weights.js";
import { askedKnown, askingWords } from "./focus.js";
import { holdsNames, leadOf, namesOf, normalizedPassage, normalizedSentences, yearsIn, type Years } from "./names.js";

/** What a conversation remembers between questions. */
export interface Topic {
  /** The subject a pronoun in the next question stands for, e.g. 侨商创客谷. */
  subject?: string;
  /** Content words of the last question. */
  words: string[];
  /** Passages the last answer cited. */
  passages: string[];
}

export type AnswerResult =
  | { found: true; text: string; short: string; citations: Citation[]; confidence: number; topic: Topic }
  | { found: false; nearest: Citation[]; confidence: number; topic: Topic };

/** One candidate sentence as the sentence model saw it (for `npm run train`). */
export interface Candidate {
  passage: string;
  sentence: string;
  features: number[];
  score: number;
  confidence: number;
  /** A place or year the question names that neither its paragraph nor its article's title holds (it would decline). */
  foreign: boolean;
  /** How well it holds an answer of the kind asked (`SpanReading.support`; Chinese questions, when read). */
  support?: number;
}

export interface AnswerOptions {
  /** Below this confidence the assistant declines (Chinese questions: share of the question's weighted words found). */
  minConfidence: number;
  /** Below this cosine similarity an English question is declined (multilingual model only). */
  minSimilarity: number;
  /** Citations per answer at most. */
  maxCitations: number;
  /** Sees every question's candidate sentences, best first, and whether its focus word is known where it must be (training and diagnostics only). */
  observe?: (candidates: Candidate[], question: { focusKnown: boolean; english: boolean }) => void;
}

export interface AnswerParts {
  retriever: Retriever;
  tokenizer: Tokenizer;
  documents: Map<string, Document>;
  /** Whether the normalised corpus contains this text anywhere. */
  inCorpus: (text: string) => boolean;
}

/**
 * Answers one question extractively: retrieves passages, scores their sentences by how much of the
 * question they cover (IDF-weighted), keyword and vector similarity and whether they hold what is asked
 * (a figure with its unit, a date, a name, a list), then quotes the best clause. Declines with the
 * nearest passages when the best sentence's confidence is under the threshold.
 *
 * @param previous the conversation's last topic: a question with 它/其… is read as about its subject
 * @param focus passages the question points at by name (a policy title): ranked higher
 */
export async function answerQuestion(
  question: string,
  q: QuestionAnalysis,
  { previous, focus = [] }: { previous?: Topic; focus?: string[] },
  parts: AnswerParts,
  options: AnswerOptions,
): Promise<AnswerResult> {
  const { retriever, tokenizer } = parts;
  const followUp = q.anaphoric && previous !== undefined;
  const resolved = followUp && previous.subject ? question.replace(ANAPHORA, previous.subject) : question;
  // Named things count as one word: 《青岛创客》 with its marks (so 青岛创客大街 does not match), “红包” without.
  const questionNorm = normalize(question);
  const quoted = [...questionNorm.matchAll(/《[^《》]{2,40}》|"([^"]{2,40})"/gu)].map((m) => m[1] ?? m[0]);
  const words = [...new Set([...tokenizer.words(resolved), ...quoted])];
  // Where a question word stands as itself: not as the tail of 副+word (副局长 is not the 局长), unless the question
  // writes the 副 too.
  const resolvedNorm = resolved === question ? questionNorm : normalize(resolved);
  const deputyAsked = new Set(words.filter((w) => resolvedNorm.includes(DEPUTY + w)));
  const find = (text: string, w: string, from = 0) => (deputyAsked.has(w) ? text.indexOf(w, from) : wordAt(text, w, from));
  const weight = idfWeights(words, retriever);
  // What is asked about must be in the articles at all: a question about 租金 or GDP cannot be answered from them.
  // The question cut and tagged once: for its focus word, its phrases and its subject.
  const tagged = tokenizer.tag(question);
  const focused = q.english ? undefined : focusOf(tagged);
  // 副 cut off from its word (副/主任): the question asks the 副主任.
  const asked = focused && questionNorm.includes(DEPUTY + focused) ? DEPUTY + focused : focused;
  // A figure or date is of something the articles must write (入驻租金 when none writes 租金). The noun a name or
  // thing question asks (介绍新政的官员是谁, 计划的全称是什么) says what kind of answer: the articles need not use it.
  const measured = q.type === "figure" || q.type === "date";
  const focusKnown = !asked || !measured || askedKnown(asked, question, tagged, tokenizer, parts.inCorpus);
  if (asked && weight.has(asked)) weight.set(asked, weight.get(asked)! * 2);
  // A verb the articles never use is most often another way to say one they do (拿出 for 安排, 领到 for 获得), not a
  // sign they do not cover the question, as an unknown noun is: it weighs half.
  // A function word the articles never use (大概, 这次, 如果, 自己) is how the asker talks, not what is asked: it weighs nothing.
  for (const t of tagged)
    if (weight.has(t.word) && retriever.frequency(t.word).df === 0) {
      if (/^v/u.test(t.tag)) weight.set(t.word, weight.get(t.word)! * UNKNOWN_VERB);
      else if (TAGS.function.test(t.tag)) weight.set(t.word, weight.get(t.word)! * UNKNOWN_FUNCTION);
    }
  // A compound the articles never use (月工资, 培训班) whose parts they do (工资, 培训): the question's cut holds the
  // parts too (jieba's search mode), and they stand for it.
  for (const w of words)
    if (w.length >= 3 && HAN_WORD.test(w) && retriever.frequency(w).df === 0 && words.some((p) => p !== w && p.length >= 2 && w.includes(p) && retriever.frequency(p).df > 0))
      weight.set(w, weight.get(w)! * UNKNOWN_COMPOUND);
  // The subject a pronoun stood for says which thing, not what is asked: it weighs less.
  const subjectWords: Set<string> = followUp && previous.subject ? new Set(tokenizer.words(previous.subject)) : new Set<string>();
  for (const w of subjectWords) if (weight.has(w)) weight.set(w, weight.get(w)! * 0.3);
  // Words that only ask count for nothing: 哪一年 is in no answer.
  const asking = askingWords(words, tagged);
  const wordWeights = words.map((w) => (asking.has(w) ? 0 : weight.get(w)!));
  /** Share of the question's weighted words a text holds (`holds[i]`: it holds `words[i]`), less those `skip` marks, in [0, 1]. */
  const covered = (holds: readonly boolean[], skip?: readonly boolean[]) => {
    let got = 0;
    let all = 0;
    for (let i = 0; i < words.length; i++) {
      if (skip?.[i]) continue;
      all += wordWeights[i]!;
      if (holds[i]) got += wordWeights[i]!;
    }
    return all > 0 ? got / all : 0;
  };
  /** Share of the question's weighted words found in a (normalised) text, in [0, 1]. */
  const coverageOf = (norm: string, skip?: readonly boolean[]) => covered(words.map((w) => find(norm, w) >= 0), skip);

  const retrieval = await retriever.retrieve(resolved, {
    contextTerms: followUp ? previous.words : [],
    focus: [...(followUp ? previous.passages : []), ...focus],
  });
  // Each paragraph's sentences read once: normalised and run together, each question word looked for once in
  // the whole, and where it first stands in each sentence (-1: not there) taken from that.
  const read = retrieval.passages.slice(0, CANDIDATE_PASSAGES).map((r, rank) => {
    const sentences = r.passage.sentences;
    const { norms, joined } = normalizedSentences(r.passage, sentences);
    /** Where each sentence starts in `joined` (and where the last ends). */
    const starts = [0];
    for (const n of norms) starts.push(starts.at(-1)! + n.length);
    const at = norms.map(() => words.map(() => -1));
    /** For each word, where it stands across a seam of two sentences (starting in one, ending in a later one). */
    const across = words.map((): number[] => []);
    words.forEach((w, k) => {
      // (No word is empty; one would stand at 0 in each sentence, and the look-up below would not end.)
      if (!w) {
        for (const a of at) a[k] = 0;
        return;
      }
      for (let p = find(joined, w), j = 0; p >= 0; p = find(joined, w, p + 1)) {
        while (starts[j + 1]! <= p) j++;
        if (p + w.length > starts[j + 1]!) across[k]!.push(p);
        else if (at[j]![k]! < 0) at[j]![k] = p - starts[j]!;
      }
    });
    const holds = at.map((a) => a.map((i) => i >= 0));
    // A paragraph is most often its sentences run together: then which words it holds is known already.
    const whole = normalizedPassage(r.passage);
    const coverage = whole === joined ? covered(words.map((_, k) => across[k]!.length > 0 || holds.some((h) => h[k]))) : coverageOf(whole);
    return { r, sentences, norms, at, starts, across, holds, coverage, rank: 1 / (1 + rank) };
  });
  // A place or year the question names must be in the answer's article: 深圳's figure is not 崂山's.
  const named = q.english ? { places: [], years: [] } : namesOf(tagged, question, tokenizer);
  /** Whether a sentence holds the years the question names (1), holds only other years (−1), or neither (0). */
  const yearAgrees = (norm: string) => {
    if (named.years.length === 0) return 0;
    const held = yearsIn(norm);
    if (held.length === 0) return 0;
    const holds = (y: Years) => held.some((h) => h.from <= y.to && y.from <= h.to);
    return named.years.every(holds) ? 1 : named.years.some(holds) ? 0 : -1;
  };
  const sims = await retriever.sentenceSimilarity(read.flatMap((p) => p.sentences), retrieval.queryVector);
  // Adjacent question words that stand together in a sentence (整体空间) tell it apart from one that only shares them.
  const cut = (resolved === question ? tagged : tokenizer.tag(resolved)).map((t) => t.word).filter((w) => /[\p{L}\p{N}]/u.test(w));
  // A sentence without one of a phrase's two words (a question word too) cannot hold the phrase: no need to look.
  const phrases = cut
    .slice(1)
    .map((w, i) => ({ text: cut[i]! + w, first: words.indexOf(cut[i]!), second: words.indexOf(w) }))
    .filter((p) => p.text.length >= 3);
  const phraseShare = (norm: string, holds: readonly boolean[]) => {
    let held = 0;
    for (const p of phrases) if ((p.first < 0 || holds[p.first]) && (p.second < 0 || holds[p.second]) && norm.includes(p.text)) held++;
    return phrases.length ? held / phrases.length : 0;
  };
  const askedNorm = asked && normalize(asked);
  const model = modelWeights().sentence;
  const query = understand(resolved, tokenizer, (w) => weight.get(w) ?? 1);
  const before = sides(query.before.replace(FILLER_END, ""), (side, n) => side.slice(-n));
  const after = sides(query.after.replace(FILLER_START, ""), (side, n) => side.slice(0, n));
  // The order check reads the query's words; where a sentence holds one is known when it is a question word too.
  const ordered = query.words.map((w) => words.indexOf(w));
  // Words the article's title holds say whose the answer is, not which sentence holds it.
  const titleWords = new Map<string, { skip: boolean[]; size: number }>();
  const offTitle = (doc: string) => {
    let held = titleWords.get(doc);
    if (!held) {
      const title = normalize(parts.documents.get(doc)?.title ?? "");
      const skip = words.map((w) => title.includes(w));
      titleWords.set(doc, (held = { skip, size: skip.filter(Boolean).length }));
    }
    return held;
  };
  let nth = 0;
  // Scratch for the words a run of sentences holds and where a sentence holds the query's words: read at once, made once.
  const run: boolean[] = words.map(() => false);
  const order: number[] = query.words.map(() => -1);
  const scored = read.flatMap(({ r, sentences, norms, at, starts, across, holds, coverage: passageCov, rank }) => {
    const title = offTitle(r.passage.doc);
    /** Where sentence `j` holds each of the query's words (-1: not there). */
    const whereHeld = (j: number, norm: string) => {
      ordered.forEach((k, m) => (order[m] = k >= 0 ? at[j]![k]! : norm.indexOf(query.words[m]!)));
      return order;
    };
    /** Which question words the sentences `from…to` run together hold: those one of them holds, and those across a seam inside the run. */
    const heldAcross = (from: number, to: number) => {
      words.forEach((w, k) => {
        let held = false;
        for (let j = from; j <= to && !held; j++) held = holds[j]![k]!;
        run[k] = held || across[k]!.some((p) => p >= starts[from]! && p + w.length <= starts[to + 1]!);
      });
      return run;
    };
    // Each sentence's own coverage, read for it and for its neighbours.
    const own = holds.map((h) => covered(h));
    return sentences.map((s, j) => {
      const norm = norms[j]!;
      const last = sentences.length - 1;
      // 「这里整体空间近2万平方米」 is about what the sentence before it names.
      const refersBack = j > 0 && REFERS_BACK.test(norm);
      const cov = Math.max(own[j]!, refersBack ? 0.85 * covered(heldAcross(j - 1, j)) : 0);
      const fit = typeFit(norm, q);
      const sim = sims[nth++]!;
      const features = [
        cov,
        passageCov,
        retrieval.sentenceKeyword.get(s.id) ?? 0,
        r.score,
        r.vector,
        sim,
        fit,
        phraseShare(norm, holds[j]!),
        askedNorm && wordAt(norm, askedNorm) >= 0 ? 1 : 0,
        refersBack ? 1 : 0,
        rank,
        aligned(norm, before),
        aligned(norm, after),
        words.length > title.size ? covered(holds[j]!, title.skip) : cov,
        covered(heldAcross(Math.max(0, j - 1), Math.min(last, j + 1))),
        orderKept(whereHeld(j, norm)),
        cov - Math.max(j > 0 ? own[j - 1]! : 0, j < last ? own[j + 1]! : 0),
        1 / (1 + j),
        yearAgrees(norm),
      ] satisfies number[] & { length: typeof SENTENCE_FEATURES.length };
      const score = q.english ? RANK_EN.similarity * sim + RANK_EN.passage * r.vector + RANK_EN.fit * fit : linear(model, features);
      // A figure question answered by a sentence without a figure is a weak answer.
      const confidence = q.english ? sim : (0.75 * cov + 0.25 * passageCov) * (q.type === "figure" && fit === 0 ? 0.6 : 1);
      return { sentence: s, norm, passage: r.passage, score, confidence, features, read: undefined as SpanReading | undefined };
    });
  });
  scored.sort((a, b) => b.score - a.score);
  // The best few re-ranked with how well each holds an answer of the kind asked (the fitted weight times
  // `SpanReading.support`): the sentence that repeats the question's words often is not the one that answers it.
  // Only those the sentence model scores near the best are read (farther ones never overtook it in training).
  const spansOf = (c: { sentence: Sentence; read?: SpanReading }) => (c.read ??= readSpans(c.sentence.text, query, tokenizer));
  if (!q.english && options.observe) for (const c of scored) spansOf(c);
  if (!q.english && model.rerank) rerankHead(scored, (c) => c.score, (c) => spansOf(c).support, model.rerank);
  // What is so asked (目前建成了几座) and the best sentence states only a goal (到2027年建成30座), or the other way
  // round: a sentence of the head scored near it that says what is asked comes first.
  const tense = q.english ? undefined : tenseAsked(questionNorm);
  if (tense && model.rerank) tenseFirst(scored, tense, model.rerank.within);
  // The places and years the question names (`named`) are checked against the paragraph, its article's title and lead:
  // 「青岛的“深圳”」 elsewhere in the article is not 深圳's figure.
  const foreignTo = (p: Passage) => {
    const doc = parts.documents.get(p.doc)!;
    return !holdsNames(`${normalize(doc.title)}\n${normalizedPassage(p)}`, named, leadOf(parts.documents, doc));
  };
  options.observe?.(
    scored.map((c) => ({ passage: c.passage.id, sentence: c.sentence.text, features: c.features, score: c.score, confidence: c.confidence, foreign: foreignTo(c.passage), support: c.read?.support })),
    { focusKnown, english: q.english },
  );
  // The sentence names the 副局长 where the 局长 is asked: it is about another office (or thing: 副产品). The asked word
  // or its tail (jieba cuts 保障局|局长 as 保障|局局长).
  const deputyOnly = ({ norm }: { norm: string }) => {
    if (!askedNorm) return false;
    // And the other way: the 副局长 asked, the sentence names only the 局长.
    if (askedNorm.startsWith(DEPUTY)) return askedNorm.length > 2 && !norm.includes(askedNorm) && wordAt(norm, askedNorm.slice(DEPUTY.length)) >= 0;
    if (wordAt(norm, askedNorm) >= 0) return false;
    for (let i = 0; i + 2 <= askedNorm.length; i++) {
      const tail = askedNorm.slice(i);
      if (norm.includes(DEPUTY + tail)) return wordAt(norm, tail) < 0;
    }
    return false;
  };
  // Who holds an office is answered by a sentence that names that office: not the 书记 for the 主任. (An office read
  // from English is the dictionary's word for it, not the article's.)
  // And of the organisation the question names with it: 财政局's 局长 is not the 交通运输局's.
  const officeAsked = q.type === "name" && !q.translated && !!askedNorm && OFFICE.test(askedNorm);
  const organisation = officeAsked ? officeOrganisation(questionNorm) : undefined;
  const officeMissing = ({ norm }: { norm: string }) =>
    officeAsked &&
    ((askedNorm.startsWith(DEPUTY) ? !norm.includes(askedNorm) : wordAt(norm, askedNorm!) < 0) || (organisation !== undefined && !namesOrganisation(norm, organisation)));
  // The best sentence whose paragraph holds what the question names: when the top one is about another place
  // or year, the next one about it may still answer; when none is, the question is declined. Likewise the best that
  // names the office asked (财政局副局长), when one does.
  const namesAny = named.places.length + named.years.length > 0;
  let best = namesAny ? scored.find((c) => !foreignTo(c.passage)) : scored[0];
  const holdsOffice = (c: (typeof scored)[number]) => (!namesAny || !foreignTo(c.passage)) && !officeMissing(c) && !deputyOnly(c);
  if (officeAsked && best && !holdsOffice(best)) best = scored.find(holdsOffice) ?? best;
  // The best one too unsure to answer by: one scored near it that is sure enough answers instead.
  if (best && !q.english && model.rerank) best = surerNear(scored.slice(0, RERANK), best, options.minConfidence, model.rerank.within, (c) => !foreignTo(c.passage)) ?? best;
  const topic: Topic = {
    subject: subjectOf(tagged, parts.inCorpus) ?? previous?.subject,
    words: followUp ? [...new Set([...words, ...previous.words])] : words,
    passages: best ? [best.passage.id] : [],
  };
  const cite = (c: { sentence: Sentence; passage: Passage; confidence: number }): Citation =>
    citation(parts.documents, c.passage, c.sentence.text, c.confidence);

  // What is so asked (去年底的保有量, 去年的交易额) and only a goal or a rule found (到2027年推广5000辆, 每年最高补贴100万元):
  // neither is the figure asked.
  const goalForNow = (c: { norm: string }) => tense === "now" && plannedOnly(c.norm);
  if (!best || !focusKnown || deputyOnly(best) || officeMissing(best) || goalForNow(best) || best.confidence < (q.english ? options.minSimilarity : options.minConfidence)) {
    // The nearest passages in the order of their best sentence, each quoted by that sentence.
    const nearest = scored
      .filter((c, i) => scored.findIndex((d) => d.passage.id === c.passage.id) === i)
      .slice(0, 3)
      .map((c) => citation(parts.documents, c.passage, c.sentence.text, c.confidence));
    return { found: false, nearest, confidence: (best ?? scored[0])?.confidence ?? 0, topic: { ...topic, passages: [] } };
  }
  // Within the sentence, the clause that answers is the one with the asked-about words, not the named topic.
  const topicWords = new Set([...quoted, ...quoted.flatMap((t) => tokenizer.words(t)), ...subjectWords]);
  const topical = words.map((w) => topicWords.has(w));
  // The span model reads the whole sentence (as it was fitted to); the clauses quoted are those that hold its answer.
  const reading = spansOf(best);
  const text = pickAnswer(best.sentence.text, q, (t) => coverageOf(normalize(t), topical), WHOLE_SENTENCE, reading.at);
  const seen = new Set([best.passage.id]);
  const more = scored.filter((c) => {
    // Other paragraphs whose best sentence the model finds nearly as likely (log-odds within 1).
    const near = q.english ? c.score >= 0.6 * best.score : best.score - c.score <= 1;
    if (seen.has(c.passage.id) || !near || foreignTo(c.passage)) return false;
    seen.add(c.passage.id);
    return true;
  });
  const citations = [best, ...more].slice(0, options.maxCitations).map(cite);
  // The short answer is the span the quote holds, so the two never disagree; a sentence without a candidate span is its own.
  const short = reading.best ?? best.sentence.text.trim();
  return { found: true, text, short, citations, confidence: best.confidence, topic };
}

/** What a question asks of time: what is or was (目前, 已经, 去年: "now"), a goal (到2027年的目标, 力争: "goal"), or neither. */
export type Tense = "now" | "goal";
export const tenseAsked = (question: string): Tense | undefined => (STATES_NOW.test(question) ? "now" : STATES_GOAL.test(question) ? "goal" : undefined);

/** Whether a (normalised) text states a goal or a rule and nothing of what is so (到2027年…建成30座, 按交易额的10%给予补贴). */
const plannedOnly = (norm: string) => (STATES_GOAL.test(norm) || STATES_RULE.test(norm)) && !STATES_NOW.test(norm);

/**
 * Moves to the front of `scored` (best first) the first of its head (`RERANK`, scored within `within` of the best)
 * whose tense agrees with the question's, when the best's does not: a question about what is so (目前, 已经, 去年) is
 * not answered by a sentence stating only a goal or a rule, nor one asking a goal (到2027年的目标, 力争) by one without any.
 * (Like `surerNear`, it acts on the models' ranking after it: `npm run train` fits the models without it.)
 */
export function tenseFirst<C extends { norm: string; score: number }>(scored: C[], asked: Tense, within: number): void {
  const agrees = (c: C) => (asked === "now" ? !plannedOnly(c.norm) : STATES_GOAL.test(c.norm));
  if (scored.length < 2 || agrees(scored[0]!)) return;
  const i = scored.slice(1, RERANK).findIndex((c) => scored[0]!.score - c.score <= within && agrees(c));
  if (i >= 0) scored.unshift(...scored.splice(i + 1, 1));
}

/** Where `fit` stands among a sentence's features. */
const FIT = SENTENCE_FEATURES.indexOf("fit");

/**
 * When the best sentence `top` is too unsure to answer by (its confidence, the share of the question it covers, is under
 * `minConfidence`), the first of `head` scored within `within` of it that is sure enough and holds what is asked at
 * least as well (`fit`: a figure in the unit asked, a date…; more than a figure in another unit); undefined for none.
 */
export function surerNear<C extends { score: number; confidence: number; features: number[] }>(
  head: readonly C[],
  top: C,
  minConfidence: number,
  within: number,
  allowed: (c: C) => boolean = () => true,
): C | undefined {
  if (top.confidence >= minConfidence) return undefined;
  const fit = (c: C) => c.features[FIT]!;
  return head.find((c) => c.confidence >= minConfidence && top.score - c.score <= within && fit(c) > 0.25 && fit(c) >= fit(top) && allowed(c));
}

/** How much a verb the corpus never uses weighs, against an unknown word's full weight (see `answerQuestion`). */
const UNKNOWN_VERB = 0.5;
/** How much a function word the corpus never uses weighs (see `answerQuestion`). */
const UNKNOWN_FUNCTION = 0;
/** How much a compound the corpus never uses weighs when it uses the compound's parts (see `answerQuestion`). */
const UNKNOWN_COMPOUND = 0;
/** Paragraphs whose sentences are candidates: the best few of retrieval. */
const CANDIDATE_PASSAGES = 5;
/** A sentence up to this many characters is quoted whole (a clause of it can cut the answer off). */
const WHOLE_SENTENCE = 120;
/** English questions share no words with the text: similarity ranks them. */
const RANK_EN = { similarity: 0.7, passage: 0.2, fit: 0.1 };

/** Rarer words weigh more; a word the corpus never uses weighs most, so a question about it declines. */
function idfWeights(words: string[], retriever: Retriever): Map<string, number> {
  return new Map(
    words.map((w) => {
      const { df, n } = retriever.frequency(w);
      return [w, Math.log(1 + (n + 1) / (df + 0.5))];
    }),
  );
}


const NOUN = /^(n|nr|ns|nt|nz|nrfg|nrt|j|vn|eng|x)$/u;

/**
 * The subject of a question, for pronouns in the next one: the longest run of nouns
 * that the corpus itself uses (e.g. 青岛创客大街 from 青岛/创客/大街).
 */
function subjectOf(tagged: { word: string; tag: string }[], inCorpus: (text: string) => boolean): string | undefined {
  const runs: string[] = [];
  let run = "";
  for (const { word, tag } of tagged) {
    if (NOUN.test(tag) && /\p{Script=Han}/u.test(word)) run += word;
    else if (run) (runs.push(run), (run = ""));
  }
  if (run) runs.push(run);
  // Longest first (the earlier of equal ones): the look-ups stop at the first the corpus holds.
  return runs
    .filter((r) => r.length >= 2)
    .sort((a, b) => b.length - a.length)
    .find((r) => inCorpus(normalize(r)));
}

/** The parts (2–6 characters) of a question's text next to its question word, shortest first: `part(side, n)` for n = 2, 3…. */
function sides(side: string, part: (side: string, n: number) => string): string[] {
  const out: string[] = [];
  for (let n = 2; n <= Math.min(6, side.length); n++) out.push(part(side, n));
  return out;
}

/**
 * The longest of a question's `sides` that a sentence holds, scaled to [0, 1] (n characters: n / 6). Each part
 * holds the shorter ones, so the first one missing ends the search.
 */
function aligned(norm: string, parts: readonly string[]): number {
  let held = 0;
  while (held < parts.length && norm.includes(parts[held]!)) held++;
  return held > 0 ? (held + 1) / 6 : 0;
}

/** Share of the adjacent pairs of a question's words (in question order) that a sentence holds in the same order; `at`: where it holds each (-1: not). */
function orderKept(at: readonly number[]): number {
  let pairs = 0;
  let kept = 0;
  let last = -1;
  for (const i of at) {
    if (i < 0) continue;
    if (last >= 0) (pairs++, i > last && kept++);
    last = i;
  }
  return pairs ? kept / pairs : 0;
}

/** A citation of one sentence of a passage. */
export function citation(documents: Map<string, Document>, passage: Passage, quote: string, score: number): Citation {
  const doc = documents.get(passage.doc)!;
  return {
    doc: doc.id,
    title: doc.title,
    date: doc.date,
    passage: passage.id,
    paragraph: passage.paragraph,
    quote,
    score: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000,
  };
}
