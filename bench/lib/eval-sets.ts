/**
 * The four evaluation sets as one shape: a seeds folder to write and the questions to ask it.
 * `seed` is the project's own articles (seeds/ plus test/fixtures/articles/) with their question files; `fresh`
 * the articles and questions of test/fixtures/fresh/ (written blind, never fitted on) over those and its own;
 * `cmrc` and `drcd` come from bench/lib/datasets.ts (same split, same metric everywhere).
 */
import { createHash } from "node:crypto";
import { copyFile, mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadDataset, writeSeeds, type SetName, type Split } from "./datasets.js";
import { loadQuestions, SEED_DOC, type Question } from "./questions.js";

export const EVAL_SETS = ["seed", "fresh", "cmrc", "drcd"] as const;
export type EvalSet = (typeof EVAL_SETS)[number];

/** One question as every set gives it. */
export interface EvalItem {
  id: string;
  /** Question kind (seed set) or the set's name. */
  kind: string;
  question: string;
  /** Same chat = same conversation, in order; otherwise a conversation of its own. */
  chat?: string;
  /** Gold answers: EM and F1 of the short answer take the best of them. */
  golds: string[];
  /** Substrings that must all be in the answer text for it to count as right. */
  required: string[];
  /** Substrings of which one must be in the answer text (none: no such condition). */
  anyOf: string[];
  /** What a right first citation points at: a passage id (seed set) or a document id (datasets). */
  target: string | null;
  /** Whether `target` is a passage id or a document id. */
  level: "passage" | "doc";
  /** The corpus cannot answer: the right reply declines. */
  abstain: boolean;
}

const FIXTURES = fileURLToPath(new URL("../../test/fixtures/", import.meta.url));
const SEEDS = fileURLToPath(new URL("../../seeds/", import.meta.url));
/** Question files of the seed set: the seed article's, then the added articles'. */
export const SEED_QUESTION_FILES = [join(FIXTURES, "questions.json"), join(FIXTURES, "questions-articles.json")];
/** Articles of the seed set besides seeds/. */
export const SEED_ARTICLES = join(FIXTURES, "articles");
/**
 * The `fresh` set: policy-news articles and questions written blind (by someone who never saw the assistant's
 * answers), asked over them and the seed set's articles. Never fitted on: `npm run train` reads the seed set only.
 */
const FRESH = join(FIXTURES, "fresh");
/** Whether a set is one of the project's own (articles and question files), not a shared dataset. */
export const ownSet = (set: EvalSet): boolean => set === "seed" || set === "fresh";

/**
 * Writes the set's articles into `dir` and returns its questions (for datasets, those of `split`;
 * `limit` keeps an evenly spread subset so a short run still covers every article range).
 */
export async function prepareSet(set: EvalSet, dir: string, split: Split = "all", limit?: number, fold?: FoldChoice): Promise<EvalItem[]> {
  let items: EvalItem[];
  if (ownSet(set)) {
    await mkdir(dir, { recursive: true });
    const fresh = join(FRESH, "articles");
    for (const folder of set === "fresh" ? [SEEDS, SEED_ARTICLES, fresh] : [SEEDS, SEED_ARTICLES])
      for (const f of await readdir(folder)) if (/\.(txt|md)$/u.test(f)) await copyFile(join(folder, f), join(dir, f));
    const files = set === "fresh" ? (await readdir(FRESH)).filter((f) => f.endsWith(".json")).sort().map((f) => join(FRESH, f)) : SEED_QUESTION_FILES;
    items = (await Promise.all(files.map((f) => loadQuestions(f)))).flat().map(fromQuestion);
  } else {
    const data = await loadDataset(set as SetName, split);
    await writeSeeds(dir, data.passages);
    items = data.questions.map((q) => ({
      id: q.id,
      kind: set,
      question: q.question,
      golds: q.answers,
      required: [],
      anyOf: q.answers,
      target: q.doc,
      level: "doc" as const,
      abstain: false,
    }));
    // A dev fold of the train split: the questions of whole articles (every passage stays in the corpus).
    if (fold) items = items.filter((i) => (foldOf(i.target!, fold.of) === fold.index) === (fold.keep === "in"));
  }
  return limit && limit < items.length && !ownSet(set) ? spread(items, limit) : items.slice(0, limit ?? items.length);
}

function fromQuestion(q: Question): EvalItem {
  const e = q.expect;
  return {
    id: q.id,
    kind: q.kind,
    question: q.question,
    chat: q.chat,
    golds: e.anyOf ?? e.answer ?? [],
    required: e.answer ?? [],
    anyOf: e.anyOf ?? [],
    target: e.paragraph ? `${e.doc ?? SEED_DOC}#${e.paragraph}` : null,
    level: "passage",
    abstain: e.abstain === true,
  };
}

/** One of `of` folds of a dataset's articles: its questions only ("in"), or all but them ("out"). */
export interface FoldChoice {
  index: number;
  of: number;
  keep: "in" | "out";
}

/**
 * The fold (0 … of − 1) of a dataset question's article, from its document id (`cmrc_0012_003` → article
 * `cmrc_0012`), so every paragraph of an article falls in one fold. For fitting on part of the train split and
 * measuring on the rest (`npm run train -- --dev 0/5`, `npm run eval -- --split train --fold 0/5`).
 */
export function foldOf(doc: string, of: number): number {
  const article = doc.split("_").slice(0, 2).join("_");
  return createHash("sha256").update(article).digest().readUInt32BE(0) % of;
}

/** Parses "k/K" (fold k of K). */
export function parseFold(text: string, keep: "in" | "out"): FoldChoice {
  const m = /^(\d+)\/(\d+)$/u.exec(text);
  if (!m || Number(m[1]) >= Number(m[2]) || Number(m[2]) < 2) throw new Error(`a fold is k/K with 0 ≤ k < K, K ≥ 2 (got ${JSON.stringify(text)})`);
  return { index: Number(m[1]), of: Number(m[2]), keep };
}

/** `n` items spread evenly over `items` (deterministic). */
export function spread<T>(items: T[], n: number): T[] {
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]!);
}
