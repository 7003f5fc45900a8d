import type { AnswerRecord, Vote } from "../src/index.js";

/** What `npm run report` prints: what the corpus lacks and what users disliked. */
export interface Report {
  since: string;
  totals: { questions: number; answered: number; declined: number; errors: number; up: number; down: number };
  /** Questions declined most often (same text, whitespace aside), with how often and when last. */
  declined: { question: string; count: number; last: string }[];
  /** Answers voted down most often, by question and answer text. */
  votedDown: { question: string; answer: string; down: number; up: number }[];
  /** Articles cited most often by answers. */
  cited: { article: string; count: number }[];
}

/**
 * Sums up answer records and votes: declined questions, answers voted down, articles cited, most first.
 *
 * @example buildReport(await feedback.answers(since), await feedback.votes(since), { since, top: 10 });
 */
export function buildReport(answers: AnswerRecord[], votes: Vote[], { since, top = 10 }: { since: number; top?: number }): Report {
  const key = (q: string) => q.replace(/\s+/gu, " ").trim();
  const declined = new Map<string, { question: string; count: number; last: number }>();
  const cited = new Map<string, number>();
  const byId = new Map(answers.map((a) => [a.id, a]));
  for (const a of answers) {
    if (a.outcome === "decline") {
      const k = key(a.question);
      const d = declined.get(k) ?? { question: k, count: 0, last: 0 };
      d.count += 1;
      d.last = Math.max(d.last, a.at);
      declined.set(k, d);
    }
    if (a.outcome === "answer") for (const t of a.articles) cited.set(t, (cited.get(t) ?? 0) + 1);
  }
  const voted = new Map<string, { question: string; answer: string; down: number; up: number }>();
  for (const v of votes) {
    const a = byId.get(v.answer);
    const question = a ? key(a.question) : `(answer ${v.answer}, not in the log)`;
    const answer = a?.answer ?? "";
    const k = `${question}\n${answer}`;
    const e = voted.get(k) ?? { question, answer, down: 0, up: 0 };
    e[v.vote] += 1;
    voted.set(k, e);
  }
  const count = (o: AnswerRecord["outcome"]) => answers.filter((a) => a.outcome === o).length;
  return {
    since: new Date(since).toISOString(),
    totals: {
      questions: answers.length,
      answered: count("answer"),
      declined: count("decline"),
      errors: count("error"),
      up: votes.filter((v) => v.vote === "up").length,
      down: votes.filter((v) => v.vote === "down").length,
    },
    declined: [...declined.values()]
      .sort((a, b) => b.count - a.count || b.last - a.last)
      .slice(0, top)
      .map((d) => ({ question: d.question, count: d.count, last: new Date(d.last).toISOString() })),
    votedDown: [...voted.values()]
      .filter((v) => v.down > 0)
      .sort((a, b) => b.down - a.down || a.up - b.up)
      .slice(0, top),
    cited: [...cited]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([article, count]) => ({ article, count })),
  };
}

/** The report as text for a terminal. */
export function renderReport(r: Report): string {
  const t = r.totals;
  const lines = [
    `Since ${r.since}: ${t.questions} questions, ${t.answered} answered, ${t.declined} declined, ${t.errors} failed; votes 👍 ${t.up} / 👎 ${t.down}.`,
    "",
    "Questions declined most often (what the articles do not say):",
    ...(r.declined.length ? r.declined.map((d) => `  ${String(d.count).padStart(4)}×  ${d.question}   (last ${d.last.slice(0, 16).replace("T", " ")})`) : ["  (none)"]),
    "",
    "Answers voted down most often:",
    ...(r.votedDown.length
      ? r.votedDown.map((v) => `  👎 ${v.down} 👍 ${v.up}  ${v.question}\n           → ${v.answer}`)
      : ["  (none)"]),
    "",
    "Articles cited most often:",
    ...(r.cited.length ? r.cited.map((c) => `  ${String(c.count).padStart(4)}×  《${c.article}》`) : ["  (none)"]),
  ];
  return lines.join("\n");
}

/**
 * Reads `7d`, `24h`, `30m` or a date (`2026-11-01`) into epoch milliseconds.
 *
 * @example parseSince("7d", Date.parse("2026-11-28")); // 2026-11-21
 */
export function parseSince(value: string, now = Date.now()): number {
  const m = /^(\d+(?:\.\d+)?)\s*([mhdw])$/i.exec(value.trim());
  if (m) return now - Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2]!.toLowerCase() as "m"]!;
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new Error(`--since ${value}: use a duration like 7d, 24h, 30m, or a date like 2026-11-01.`);
  return at;
}
