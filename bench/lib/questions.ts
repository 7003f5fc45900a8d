import { readFile } from "node:fs/promises";
import type { Reply } from "../../src/types.js";

/** Kinds of questions in `test/fixtures/questions.json` (see its README). */
export const KINDS = ["figure", "name", "list", "date", "paraphrase", "policy", "followup", "english", "unanswerable"] as const;
export type QuestionKind = (typeof KINDS)[number];

export interface Expectation {
  /** Substrings that must all appear in the reply text. */
  answer?: string[];
  /** Substrings of which at least one must appear. */
  anyOf?: string[];
  /** Paragraph (1-based) holding the answer. */
  paragraph?: number;
  /** Document of `paragraph`; default: the seed article. */
  doc?: string;
  /** The corpus cannot answer: the assistant should decline. */
  abstain?: true;
}

export interface Question {
  id: string;
  kind: QuestionKind;
  /** Same chat = same conversation, asked in file order. */
  chat?: string;
  question: string;
  expect: Expectation;
}

/** Document that `expect.paragraph` refers to when `expect.doc` is absent. */
export const SEED_DOC = "000_4f5b4b3408eff9cd";

export const DEFAULT_QUESTIONS = new URL("../../test/fixtures/questions.json", import.meta.url);

/** Reads and checks a question file; throws naming the file and the bad entry. */
export async function loadQuestions(file: string | URL = DEFAULT_QUESTIONS): Promise<Question[]> {
  const list: unknown = JSON.parse(await readFile(file, "utf8"));
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${file}: expected a non-empty JSON array of questions`);
  for (const q of list as Question[]) {
    const where = `${file}: question ${JSON.stringify(q?.id)}`;
    if (typeof q?.question !== "string" || typeof q.id !== "string") throw new Error(`${where} needs string "id" and "question"`);
    if (!KINDS.includes(q.kind)) throw new Error(`${where}: kind must be one of ${KINDS.join(", ")}`);
    if (!q.expect || (!q.expect.abstain && !q.expect.answer?.length && !q.expect.anyOf?.length)) {
      throw new Error(`${where}: expect needs "answer", "anyOf" or "abstain": true`);
    }
  }
  return list as Question[];
}

/** Conversation a question is asked in: its chat, or one of its own. */
export const conversationOf = (q: Question, prefix = "eval") => `${prefix}:${q.chat ?? q.id}`;

/** Passage id holding the answer, or `null` when the question names none. */
export const expectedPassage = (q: Question): string | null =>
  q.expect.paragraph ? `${q.expect.doc ?? SEED_DOC}#${q.expect.paragraph}` : null;

export type Outcome = "answeredCorrectly" | "declinedCorrectly" | "wronglyAnswered" | "wronglyDeclined";

/** Judges one reply against its expectation (rules in test/fixtures/README.md). */
export function judge(q: Question, reply: Pick<Reply, "text" | "abstained">): Outcome {
  if (q.expect.abstain) return reply.abstained ? "declinedCorrectly" : "wronglyAnswered";
  if (reply.abstained) return "wronglyDeclined";
  const all = (q.expect.answer ?? []).every((s) => reply.text.includes(s));
  const any = !q.expect.anyOf?.length || q.expect.anyOf.some((s) => reply.text.includes(s));
  return all && any ? "answeredCorrectly" : "wronglyAnswered";
}
