import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { Reply } from "../../src/types.js";

/** Kinds of questions in `test/fixtures/questions.json` (see its README). */
export const KINDS = ["figure", "name", "list", "date", "paraphrase", "policy", "followup", "english", "unanswerable"] as const;
export type QuestionKind = (typeof KINDS)[number];

const expectationSchema = z
  .object({
    /** Substrings that must all appear in the reply text. */
    answer: z.array(z.string().min(1)).optional(),
    /** Substrings of which at least one must appear. */
    anyOf: z.array(z.string().min(1)).optional(),
    /** Paragraph (1-based) holding the answer. */
    paragraph: z.number().int().positive().optional(),
    /** Document of `paragraph`; default: the seed article. */
    doc: z.string().optional(),
    /** The corpus cannot answer: the assistant should decline. */
    abstain: z.literal(true).optional(),
  })
  .refine((e) => e.abstain || e.answer?.length || e.anyOf?.length, { message: 'expect needs "answer", "anyOf" or "abstain": true' });

const questionSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(KINDS),
  /** Same chat = same conversation, asked in file order. */
  chat: z.string().optional(),
  question: z.string(),
  expect: expectationSchema,
});

export type Expectation = z.infer<typeof expectationSchema>;
export type Question = z.infer<typeof questionSchema>;

/** Document that `expect.paragraph` refers to when `expect.doc` is absent. */
export const SEED_DOC = "000_4f5b4b3408eff9cd";

export const DEFAULT_QUESTIONS = new URL("../../test/fixtures/questions.json", import.meta.url);

/** Reads and checks a question file; throws naming the file and the bad entry. */
export async function loadQuestions(file: string | URL = DEFAULT_QUESTIONS): Promise<Question[]> {
  const parsed = z.array(questionSchema).min(1).safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: question ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
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
