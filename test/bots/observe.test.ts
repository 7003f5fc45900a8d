import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../bots/log.js";
import { createMetrics } from "../../bots/metrics.js";
import { answerIdOf, hashId, observe } from "../../bots/observe.js";
import { createMemoryFeedbackStore, type Assistant } from "../../src/index.js";
import { seedAssistant } from "../helpers.js";

let core: Awaited<ReturnType<typeof seedAssistant>>;
beforeAll(async () => {
  core = await seedAssistant();
});
afterAll(async () => core.cleanup());

function setup(logQuestions = false, inner: Assistant = core) {
  const lines: string[] = [];
  const log = createLogger({ format: "json", write: (l) => lines.push(l) });
  const metrics = createMetrics();
  const feedback = createMemoryFeedbackStore();
  const assistant = observe(inner, { platform: "telegram", log, metrics, feedback, logQuestions });
  const json = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const count = async (kind: string) =>
    (await metrics.questions.get()).values.find((v) => v.labels.kind === kind && v.labels.platform === "telegram")?.value ?? 0;
  return { assistant, lines, json, metrics, feedback, count };
}

describe("observe", () => {
  it("writes one JSON line per question: platform, conversation hash, kind, confidence, passages, latency; no question text", async () => {
    const { assistant, json, lines } = setup();
    const reply = await assistant.ask("tg:42", "崂山众创空间总面积将达到多少？");
    expect(lines).toHaveLength(1);
    const line = json()[0]!;
    expect(line).toMatchObject({ level: "info", msg: "question", platform: "telegram", conversation: hashId("tg:42"), kind: "answer", reply: "answer", passages: ["000_4f5b4b3408eff9cd#3"] });
    expect(line.confidence).toBeGreaterThan(0.3);
    expect(typeof line.ms).toBe("number");
    expect(line.answer).toBe(answerIdOf(reply));
    expect(lines[0]).not.toContain("崂山众创空间");
    expect(lines[0]).not.toContain("tg:42");
  });

  it("adds the question text only with LOG_QUESTIONS=on", async () => {
    const { assistant, json } = setup(true);
    await assistant.ask("tg:1", "崂山众创空间总面积将达到多少？");
    expect(json()[0]!.question).toBe("崂山众创空间总面积将达到多少？");
  });

  it("counts answers, declines and commands, and records questions (not commands) for the report", async () => {
    const { assistant, json, count, feedback } = setup();
    const declined = await assistant.ask("tg:1", "青岛的平均房价是多少？");
    const help = await assistant.ask("tg:1", "/help");
    await assistant.ask("tg:1", "/nonsense");
    await assistant.ask("tg:1", "/ask 崂山众创空间总面积将达到多少？");
    expect(json().map((l) => l.kind)).toEqual(["decline", "command", "command", "answer"]);
    expect([await count("answer"), await count("decline"), await count("command"), await count("error")]).toEqual([1, 1, 2, 0]);
    expect(answerIdOf(declined)).toBeTruthy();
    expect(answerIdOf(help)).toBeUndefined();
    const records = await feedback.answers(0);
    expect(records.map((r) => [r.outcome, r.question])).toEqual([
      ["decline", "青岛的平均房价是多少？"],
      ["answer", "/ask 崂山众创空间总面积将达到多少？"],
    ]);
    expect(records[1]!.articles).toEqual(["打造国际创客社区 激发创新创业活力 崂山区倾力为创客“筑巢”"]);
  });

  it("logs and counts a failure as an error, then lets the front end handle it", async () => {
    const failing = Object.assign(Object.create(core) as Assistant, { ask: async () => Promise.reject(new Error("index broken")) });
    const { assistant, json, count } = setup(false, failing);
    await expect(assistant.ask("tg:1", "崂山众创空间总面积将达到多少？")).rejects.toThrow("index broken");
    expect(json()[0]).toMatchObject({ level: "error", kind: "error", error: "Error: index broken" });
    expect(await count("error")).toBe(1);
  });

  it("passes everything else through", () => {
    const { assistant } = setup();
    expect(assistant.embedderId).toBe(core.embedderId);
    expect(assistant.passages("", 3)).toEqual(core.passages("", 3));
  });
});
