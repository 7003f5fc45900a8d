import { appendFile, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { AnswerRecord, FeedbackStore, Vote } from "./feedback.js";

/**
 * A `FeedbackStore` in two JSON-lines files in `dir` (`answers.jsonl`, `votes.jsonl`), for a single
 * process without Redis. Votes already cast are read once, so "once per user and answer" survives restarts.
 *
 * @example const feedback = createFileFeedbackStore("data");
 */
export function createFileFeedbackStore(dir: string): FeedbackStore {
  const answersFile = join(dir, "answers.jsonl");
  const votesFile = join(dir, "votes.jsonl");
  let voted: Promise<Set<string>> | undefined;
  const keyOf = (v: Pick<Vote, "answer" | "user">) => `${v.answer}\n${v.user}`;
  const append = async (file: string, value: unknown) => {
    await mkdir(dir, { recursive: true });
    await appendFile(file, JSON.stringify(value) + "\n");
  };
  return {
    record: (answer) => append(answersFile, answer),
    async vote(vote) {
      const seen = await (voted ??= readLines<Vote>(votesFile).then((all) => new Set(all.map(keyOf))));
      if (seen.has(keyOf(vote))) return false;
      seen.add(keyOf(vote));
      await append(votesFile, vote);
      return true;
    },
    answers: async (since) => (await readLines<AnswerRecord>(answersFile)).filter((a) => a.at >= since),
    votes: async (since) => (await readLines<Vote>(votesFile)).filter((v) => v.at >= since),
  };
}

/** Parses a JSON-lines file; a missing file is empty and a torn last line (a crash mid-write) is skipped. */
async function readLines<T>(file: string): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const out: T[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // a partial line from an interrupted write
    }
  }
  return out;
}
