import { describe, expect, it } from "vitest";
import { buildReport, parseSince, renderReport } from "../../bots/report.js";
import type { AnswerRecord, Vote } from "../../src/index.js";

const at = Date.parse("2026-11-20T10:00:00Z");
const record = (id: string, outcome: AnswerRecord["outcome"], question: string, articles: string[] = []): AnswerRecord => ({
  id, at, platform: "telegram", conversation: "c", outcome, question, answer: `answer to ${question}`, passages: [], articles,
});

describe("npm run report", () => {
  it("ranks declined questions (whitespace aside), answers voted down and articles cited, most first", () => {
    const answers = [
      record("a", "decline", "青岛的平均房价是多少？"),
      record("b", "decline", " 青岛的平均房价是多少？ "),
      record("c", "decline", "深圳的GDP是多少？"),
      record("d", "answer", "崂山众创空间总面积将达到多少？", ["崂山文章"]),
      record("e", "answer", "崂山区成立了什么机构？", ["崂山文章", "另一篇"]),
      record("f", "command", "/help"),
    ];
    const votes: Vote[] = [
      { answer: "e", user: "u1", vote: "down", at },
      { answer: "e", user: "u2", vote: "down", at },
      { answer: "d", user: "u1", vote: "down", at },
      { answer: "d", user: "u2", vote: "up", at },
      { answer: "gone", user: "u3", vote: "down", at },
    ];
    const r = buildReport(answers, votes, { since: at - 1, top: 10 });
    expect(r.declined.map((d) => [d.question, d.count])).toEqual([["青岛的平均房价是多少？", 2], ["深圳的GDP是多少？", 1]]);
    expect(r.votedDown.map((v) => [v.question, v.down, v.up])).toEqual([
      ["崂山区成立了什么机构？", 2, 0],
      ["(answer gone, not in the log)", 1, 0],
      ["崂山众创空间总面积将达到多少？", 1, 1],
    ]);
    expect(r.cited).toEqual([{ article: "崂山文章", count: 2 }, { article: "另一篇", count: 1 }]);
    expect(r.totals).toEqual({ questions: 6, answered: 2, declined: 3, errors: 0, up: 1, down: 4 });
    const text = renderReport(r);
    expect(text).toContain("   2×  青岛的平均房价是多少？");
    expect(text).toContain("👎 2 👍 0  崂山区成立了什么机构？");
  });

  it("reads --since as a duration or a date, and refuses anything else", () => {
    const now = Date.parse("2026-11-28T00:00:00Z");
    expect(parseSince("7d", now)).toBe(Date.parse("2026-11-21T00:00:00Z"));
    expect(parseSince("24h", now)).toBe(Date.parse("2026-11-27T00:00:00Z"));
    expect(parseSince("2026-11-01", now)).toBe(Date.parse("2026-11-01"));
    expect(() => parseSince("last week", now)).toThrow(/--since last week: use a duration like 7d/);
  });
});
