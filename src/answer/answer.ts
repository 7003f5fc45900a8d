import type { Document, Passage, Sentence } from "../corpus/corpus.js";
import type { Retriever } from "../retrieval/retriever.js";
import { normalize } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenize.js";
import type { Citation } from "../types.js";
import { pickAnswer, typeFit } from "./extract.js";
import { ANAPHORA, focusOf, type QuestionAnalysis } from "./question.js";
import { understand } from "./query.js";
import { shortAnswer } from "./short.js";

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

export interface AnswerOptions {
  /** Below this confidence the assistant declines (Chinese questions: share of the question's weighted words found). */
  minConfidence: number;
  /** Below this cosine similarity an English question is declined (multilingual model only). */
  minSimilarity: number;
  /** Citations per answer at most. */
  maxCitations: number;
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
  const quoted = [...normalize(question).matchAll(/《[^《》]{2,40}》|"([^"]{2,40})"/gu)].map((m) => m[1] ?? m[0]);
  const words = [...new Set([...tokenizer.words(resolved), ...quoted])];
  const weight = idfWeights(words, retriever);
  // What is asked about must be in the articles at all: a question about 租金 or GDP cannot be answered from them.
  // The question cut and tagged once: for its focus word, its phrases and its subject.
  const tagged = tokenizer.tag(question);
  const asked = q.english ? undefined : focusOf(tagged);
  const focusKnown = !asked || parts.inCorpus(normalize(asked));
  if (asked && weight.has(asked)) weight.set(asked, weight.get(asked)! * 2);
  // The subject a pronoun stood for says which thing, not what is asked: it weighs less.
  const subjectWords: Set<string> = followUp && previous.subject ? new Set(tokenizer.words(previous.subject)) : new Set<string>();
  for (const w of subjectWords) if (weight.has(w)) weight.set(w, weight.get(w)! * 0.3);
  /** Share of the question's weighted words found in a (normalised) text, in [0, 1]. */
  const coverageOf = (norm: string, skip: Set<string> = new Set()) => {
    let got = 0;
    let all = 0;
    for (const w of words) {
      if (skip.has(w)) continue;
      all += weight.get(w)!;
      if (norm.includes(w)) got += weight.get(w)!;
    }
    return all > 0 ? got / all : 0;
  };

  const retrieval = await retriever.retrieve(resolved, {
    contextTerms: followUp ? previous.words : [],
    focus: [...(followUp ? previous.passages : []), ...focus],
  });
  const candidates = retrieval.passages.slice(0, 4).flatMap((r) => r.passage.sentences.map((s) => ({ s, r })));
  const sims = await retriever.sentenceSimilarity(candidates.map((c) => c.s), retrieval.queryVector);
  // Adjacent question words that stand together in a sentence (整体空间) tell it apart from one that only shares them.
  const cut = (resolved === question ? tagged : tokenizer.tag(resolved)).map((t) => t.word).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const phrases = cut.slice(1).map((w, i) => cut[i]! + w).filter((p) => p.length >= 3);
  const phraseShare = (norm: string) => (phrases.length ? phrases.filter((p) => norm.includes(p)).length / phrases.length : 0);
  const passageCoverage = new Map(retrieval.passages.map((r) => [r.passage.id, coverageOf(normalize(r.passage.text))]));
  const scored = candidates.map(({ s, r }, i) => {
    const norm = normalize(s.text);
    // 「这里整体空间近2万平方米」 is about what the sentence before it names.
    const before = r.passage.sentences[r.passage.sentences.indexOf(s) - 1];
    const cov = Math.max(coverageOf(norm), before && REFERS_BACK.test(s.text) ? 0.85 * coverageOf(normalize(before.text) + norm) : 0);
    const passageCov = passageCoverage.get(r.passage.id)!;
    const fit = typeFit(s.text, q);
    const score = q.english
      ? RANK_EN.similarity * sims[i]! + RANK_EN.passage * r.vector + RANK_EN.fit * fit
      : RANK.coverage * cov +
        RANK.passageCoverage * passageCov +
        RANK.keyword * (retrieval.sentenceKeyword.get(s.id) ?? 0) +
        RANK.passage * r.score +
        RANK.similarity * sims[i]! +
        RANK.fit * fit +
        RANK.phrase * phraseShare(norm);
    // A figure question answered by a sentence without a figure is a weak answer.
    const confidence = q.english ? sims[i]! : (0.75 * cov + 0.25 * passageCov) * (q.type === "figure" && fit === 0 ? 0.6 : 1);
    return { sentence: s, passage: r.passage, score, confidence };
  });
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  const topic: Topic = {
    subject: subjectOf(tagged, parts.inCorpus) ?? previous?.subject,
    words: followUp ? [...new Set([...words, ...previous.words])] : words,
    passages: best ? [best.passage.id] : [],
  };
  const cite = (c: { sentence: Sentence; passage: Passage; confidence: number }): Citation =>
    citation(parts.documents, c.passage, c.sentence.text, c.confidence);

  if (!best || !focusKnown || best.confidence < (q.english ? options.minSimilarity : options.minConfidence)) {
    // The nearest passages in the order of their best sentence, each quoted by that sentence.
    const nearest = scored
      .filter((c, i) => scored.findIndex((d) => d.passage.id === c.passage.id) === i)
      .slice(0, 3)
      .map((c) => citation(parts.documents, c.passage, c.sentence.text, c.confidence));
    return { found: false, nearest, confidence: best?.confidence ?? 0, topic: { ...topic, passages: [] } };
  }
  // Within the sentence, the clause that answers is the one with the asked-about words, not the named topic.
  const topicWords = new Set([...quoted, ...quoted.flatMap((t) => tokenizer.words(t)), ...subjectWords]);
  const text = pickAnswer(best.sentence.text, q, (t) => coverageOf(normalize(t), topicWords));
  const seen = new Set([best.passage.id]);
  const more = scored.filter((c) => {
    if (seen.has(c.passage.id) || c.score < 0.6 * best.score) return false;
    seen.add(c.passage.id);
    return true;
  });
  const citations = [best, ...more].slice(0, options.maxCitations).map(cite);
  const query = understand(resolved, tokenizer, (w) => weight.get(w) ?? 1);
  const short = shortAnswer(best.sentence.text, query, tokenizer);
  return { found: true, text, short, citations, confidence: best.confidence, topic };
}

/**
 * How a candidate sentence is ranked for a Chinese question: the share of the question's words it holds
 * (and its paragraph holds), its BM25 score, its paragraph's fused rank, its vector similarity, whether it
 * holds what is asked (typeFit), and question phrases it holds whole.
 */
const RANK = { coverage: 0.35, passageCoverage: 0.2, keyword: 0.1, passage: 0.1, similarity: 0.1, fit: 0.15, phrase: 0.1 };
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

/** A sentence that points back to the one before it. */
const REFERS_BACK = /这里|这儿|此处|该|其|这一|这个/u;

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
  const known = runs.filter((r) => r.length >= 2 && inCorpus(normalize(r)));
  return known.sort((a, b) => b.length - a.length)[0];
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
