import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationOf, judge, loadQuestions, type Outcome, type Question } from "../bench/lib/questions.js";
import type { Reply } from "../src/index.js";
import { seedAssistant } from "./helpers.js";

/**
 * The shape of answers over the project's question set (test/fixtures/questions.json) with the offline
 * embedder: coverage, length, citations, English. How often they are right is held by floors measured on
 * text nobody on the team wrote: test/quality-heldout.test.ts.
 */
let results: { q: Question; reply: Reply; outcome: Outcome }[] = [];
let assistant: Awaited<ReturnType<typeof seedAssistant>>;
beforeAll(async () => {
  assistant = await seedAssistant();
  for (const q of await loadQuestions()) {
    const reply = await assistant.ask(conversationOf(q, "quality"), q.question);
    results.push({ q, reply, outcome: judge(q, reply) });
  }
});
afterAll(async () => assistant.cleanup());


describe("answer quality, offline embedder", () => {
  it("covers every paragraph and every kind of question", () => {
    expect(results.length).toBeGreaterThanOrEqual(40);
    const paragraphs = new Set(results.map((r) => r.q.expect.paragraph).filter(Boolean));
    expect([...paragraphs].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("keeps answers short: median at most 120 characters", () => {
    const lengths = results.filter((r) => !r.reply.abstained).map((r) => [...r.reply.text].length).sort((a, b) => a - b);
    expect(lengths[Math.floor(lengths.length / 2)]).toBeLessThanOrEqual(120);
  });

  it("cites the paragraph that holds the answer whenever it answers correctly", () => {
    const cited = results.filter((r) => r.outcome === "answeredCorrectly" && r.q.expect.paragraph);
    const missing = cited.filter((r) => !r.reply.citations.some((c) => c.paragraph === r.q.expect.paragraph)).map((r) => r.q.id);
    expect(missing).toEqual([]);
  });

  it("reads English questions with the dictionary, with the offline embedder: most answered right", () => {
    const english = results.filter((r) => r.q.kind === "english");
    expect(english.every((r) => r.reply.kind !== "needs-model")).toBe(true);
    expect(english.filter((r) => r.outcome === "answeredCorrectly").length).toBeGreaterThanOrEqual(english.length - 1);
  });
});
