/**
 * What operators learn from: one record per question answered (or declined), and the users' 👍/👎.
 * Stored in Redis when configured, else in local JSON-lines files; `npm run report` reads them.
 */

/** How a question ended, as logs, metrics and the report count it. */
export type Outcome = "answer" | "decline" | "command" | "error";

/** One question and what the assistant did with it. */
export interface AnswerRecord {
  /** Short random id; feedback buttons carry it. */
  id: string;
  /** Epoch milliseconds. */
  at: number;
  /** `telegram`, `discord`, `console`… */
  platform: string;
  /** Hash of the conversation id (never the chat id itself). */
  conversation: string;
  outcome: Outcome;
  /** The question as the user wrote it (the operator's own data: see README "Feedback and the report"). */
  question: string;
  /** The reply's first words. */
  answer: string;
  confidence?: number;
  /** Passage ids cited. */
  passages: string[];
  /** Titles of the articles cited, once each. */
  articles: string[];
}

/** A user's 👍 or 👎 on one answer. */
export interface Vote {
  /** `AnswerRecord.id`. */
  answer: string;
  /** Hash of the platform user id. */
  user: string;
  vote: "up" | "down";
  /** Epoch milliseconds. */
  at: number;
}

/** Where answer records and votes live. */
export interface FeedbackStore {
  /** Appends one answer record. */
  record(answer: AnswerRecord): Promise<void>;
  /** Stores a vote once per user and answer: false (and nothing stored) when that user already voted on it. */
  vote(vote: Vote): Promise<boolean>;
  /** Answer records since `since` (epoch ms), oldest first. */
  answers(since: number): Promise<AnswerRecord[]>;
  /** Votes since `since` (epoch ms), oldest first. */
  votes(since: number): Promise<Vote[]>;
  close?(): Promise<void>;
}

/** Defaults of every `FeedbackStore`, written once. */
export const defaultFeedbackOptions = {
  /** Records older than this are dropped (Redis) or ignored by the report. */
  retentionMs: 90 * 86_400_000,
  /** Answer records kept at most. */
  maxRecords: 100_000,
};

/**
 * The in-memory `FeedbackStore` (tests, and a process that keeps nothing).
 *
 * @example const feedback = createMemoryFeedbackStore();
 */
export function createMemoryFeedbackStore(options: { maxRecords?: number } = {}): FeedbackStore {
  const max = options.maxRecords ?? defaultFeedbackOptions.maxRecords;
  const answers: AnswerRecord[] = [];
  const votes: Vote[] = [];
  const voted = new Set<string>();
  return {
    async record(answer) {
      answers.push(answer);
      if (answers.length > max) answers.splice(0, answers.length - max);
    },
    async vote(vote) {
      const key = `${vote.answer}\n${vote.user}`;
      if (voted.has(key)) return false;
      voted.add(key);
      votes.push(vote);
      return true;
    },
    async answers(since) {
      return answers.filter((a) => a.at >= since);
    },
    async votes(since) {
      return votes.filter((v) => v.at >= since);
    },
  };
}
