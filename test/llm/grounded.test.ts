import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/index.js";
import type { LlmOutcome } from "../../src/llm/grounded.js";
import { createOpenAiGenerator } from "../../src/llm/openai.js";
import { startFakeLlm, type FakeLlm, type FakeScript } from "../../scripts/fake-llm.js";
import { DOC, seedAssistant } from "../helpers.js";

const KEY = "sk-test-secret-key-0123456789";
const QUESTION = "崂山区每年拿出多少钱扶持创新创业？";
const GOOD = `崂山区每年设立5亿元的政府创新创业资金池[${DOC}#5]。`;
const TIMEOUT_MS = 600;

let llm: FakeLlm;
let assistant: Awaited<ReturnType<typeof seedAssistant>>;
let extractiveOnly: Awaited<ReturnType<typeof seedAssistant>>;
const logs: string[] = [];
const outcomes: LlmOutcome[] = [];
let chat = 0;
/** A fresh conversation per ask, so turns of one test do not reach another. */
const ask = (text: string, options = {}) => assistant.ask(`t${++chat}`, text, options);
const answerWith = (script: FakeScript) => (llm.script = () => script);

beforeAll(async () => {
  llm = await startFakeLlm(() => ({ answer: GOOD }));
  const generator = createOpenAiGenerator({ baseURL: llm.baseURL, apiKey: KEY, model: "fake-model", timeoutMs: TIMEOUT_MS, concurrency: 2 });
  assistant = await seedAssistant({
    llm: { generator, timeoutMs: TIMEOUT_MS, onOutcome: (o) => outcomes.push(o) },
    log: (level, msg) => logs.push(`${level} ${msg}`),
  });
  extractiveOnly = await seedAssistant();
});
afterAll(async () => {
  await assistant.cleanup();
  await extractiveOnly.cleanup();
  await llm.close();
});
beforeEach(() => {
  llm.requests.length = 0;
  outcomes.length = 0;
  answerWith({ answer: GOOD });
});

async function extractive(text: string): Promise<Reply> {
  return extractiveOnly.ask("x", text);
}

/** A reply without its follow-ups: those are checked in the background, so the first ask may offer fewer. */
const answerOf = ({ followUps: _, followUpIds: _ids, ...rest }: Reply) => rest;

describe("grounded answers", () => {
  it("shows a checked model answer with the passage it cites, quoted by the sentence that holds the figure", async () => {
    const reply = await ask(QUESTION);
    expect(reply).toMatchObject({ kind: "answer", model: "fake-model", text: "崂山区每年设立5亿元的政府创新创业资金池[1]。" });
    expect(reply.citations).toHaveLength(1);
    expect(reply.citations[0]).toMatchObject({ passage: `${DOC}#5`, paragraph: 5, date: "2016-05-11" });
    expect(reply.citations[0]!.quote).toContain("每年设立5亿元的政府创新创业资金池");
    expect(outcomes).toEqual([{ type: "accepted", model: "fake-model" }]);
  });

  it("gives the model the rules, the question and the passages with id, title and date", async () => {
    await ask(QUESTION);
    const { body, authorization } = llm.requests[0]!;
    expect(authorization).toBe(`Bearer ${KEY}`);
    expect(body.model).toBe("fake-model");
    expect(body.messages[0]!.role).toBe("system");
    expect(body.messages[0]!.content).toMatch(/只能根据.*段落/u);
    const user = body.messages.at(-1)!.content;
    expect(user).toContain(`[${DOC}#5] 《打造国际创客社区 激发创新创业活力 崂山区倾力为创客“筑巢”》 2016-05-11`);
    expect(user).toContain("每年设立5亿元的政府创新创业资金池");
    expect(user).toContain(QUESTION);
  });

  it("streams drafts while the model writes, and returns the checked answer", async () => {
    const drafts: string[] = [];
    const reply = await ask(QUESTION, { onDraft: (t: string) => drafts.push(t) });
    expect(llm.requests[0]!.body.stream).toBe(true);
    expect(drafts.length).toBeGreaterThan(2);
    expect(drafts.every((d) => !d.includes("[0"))).toBe(true); // a half-written id is never shown
    expect(drafts.at(-1)).toBe(reply.text);
    expect(reply.model).toBe("fake-model");
  });

  it("asks for an answer in the question's language, whatever the interface language", async () => {
    const reply = await ask(QUESTION, { lang: "en" });
    expect(llm.requests[0]!.body.messages[0]!.content).toContain("用中文");
    expect(reply).toMatchObject({ lang: "en", model: "fake-model" });
  });

  it("accepts the article's title and date, which the model was shown with the passage", async () => {
    answerWith({ answer: `《打造国际创客社区 激发创新创业活力 崂山区倾力为创客“筑巢”》（2016年5月11日）报道，崂山区每年设立5亿元资金池[${DOC}#5]。` });
    expect((await ask(QUESTION)).model).toBe("fake-model");
    answerWith({ answer: `2015年5月11日的报道说，崂山区每年设立5亿元资金池[${DOC}#5]。` });
    expect((await ask(QUESTION)).model).toBeUndefined();
  });

  it("passes the conversation's last turns to the model", async () => {
    await assistant.ask("turns", QUESTION);
    await assistant.ask("turns", "崂山众创空间总面积将达到多少？");
    const messages = llm.requests[1]!.body.messages;
    expect(messages.slice(1, 3)).toEqual([
      { role: "user", content: QUESTION },
      { role: "assistant", content: "崂山区每年设立5亿元的政府创新创业资金池[1]。" },
    ]);
  });
});

describe("answers that fail the check", () => {
  it("rejects a figure the passages never state and shows the extractive answer", async () => {
    answerWith({ answer: `崂山区每年设立8亿元的政府创新创业资金池[${DOC}#5]。` });
    const reply = await ask(QUESTION);
    expect(reply.model).toBeUndefined();
    expect(answerOf(reply)).toEqual(answerOf(await extractive(QUESTION)));
    expect(outcomes).toEqual([{ type: "rejected", model: "fake-model", reason: "unsupported-figure", detail: "8亿元" }]);
    expect(logs.some((l) => l.startsWith("warn") && l.includes("rejected (unsupported-figure: 8亿元)"))).toBe(true);
  });

  it("rejects an id it was not given", async () => {
    answerWith({ answer: `崂山区每年设立5亿元的政府创新创业资金池[${DOC}#99]。` });
    const reply = await ask(QUESTION);
    expect(answerOf(reply)).toEqual(answerOf(await extractive(QUESTION)));
    expect(outcomes[0]).toMatchObject({ type: "rejected", reason: "unknown-id" });
  });

  it("replaces a streamed draft that fails the check by the extractive answer", async () => {
    answerWith({ answer: `崂山区每年设立8亿元的政府创新创业资金池[${DOC}#5]。` });
    const drafts: string[] = [];
    const reply = await ask(QUESTION, { onDraft: (t: string) => drafts.push(t) });
    expect(drafts.at(-1)).toContain("8亿元");
    expect(answerOf(reply)).toEqual(answerOf(await extractive(QUESTION)));
  });
});

describe("faults fall back to the extractive answer", () => {
  for (const fault of ["429", "500", "timeout", "malformed", "empty"] as const) {
    it(`on ${fault}, within the timeout`, async () => {
      answerWith({ fault });
      const t0 = performance.now();
      const reply = await ask(QUESTION);
      expect(performance.now() - t0).toBeLessThan(TIMEOUT_MS + 2000);
      expect(answerOf(reply)).toEqual(answerOf(await extractive(QUESTION)));
      const reason = { "429": "rate-limited", "500": "server-error", timeout: "timeout", malformed: "malformed", empty: "empty" }[fault];
      expect(outcomes).toEqual([{ type: "failed", model: "fake-model", reason }]);
    });
  }

  it("on a stream cut off before it finished", async () => {
    answerWith({ fault: "cut-off" });
    const drafts: string[] = [];
    const reply = await ask(QUESTION, { onDraft: (t: string) => drafts.push(t) });
    expect(drafts.length).toBeGreaterThan(0);
    expect(answerOf(reply)).toEqual(answerOf(await extractive(QUESTION)));
    expect(outcomes).toEqual([{ type: "failed", model: "fake-model", reason: "cut-off" }]);
  });

  it("on a malformed stream", async () => {
    answerWith({ fault: "malformed" });
    const reply = await ask(QUESTION, { onDraft: () => {} });
    expect(answerOf(reply)).toEqual(answerOf(await extractive(QUESTION)));
  });
});

describe("what costs no model call", () => {
  it("a declined question", async () => {
    const reply = await ask("青岛的房价是多少？");
    expect(reply.kind).toBe("not-found");
    expect(llm.requests).toHaveLength(0);
  });

  it("commands; /about names the model", async () => {
    const about = await ask("/about");
    expect(about.text).toContain("fake-model");
    expect(llm.requests).toHaveLength(0);
    expect((await extractiveOnly.ask("x", "/about")).text).not.toContain("fake-model");
  });
});

describe("English through the model", () => {
  it("searches the Chinese rewrite and answers in English, checked the same way", async () => {
    llm.script = ({ body }) =>
      body.messages[0]!.content.startsWith("Translate")
        ? { answer: QUESTION }
        : { answer: `Laoshan sets up a fund of 500 million yuan every year [${DOC}#5].` };
    const reply = await ask("How much money does Laoshan District provide each year for innovation and entrepreneurship?");
    expect(llm.requests).toHaveLength(2);
    expect(llm.requests[1]!.body.messages[0]!.content).toContain("Answer in English");
    expect(reply).toMatchObject({ lang: "en", model: "fake-model", text: "Laoshan sets up a fund of 500 million yuan every year [1]." });
    expect(reply.citations[0]!.quote).toContain("5亿元");
  });

  it("rejects an English answer with a figure the passages do not state", async () => {
    llm.script = ({ body }) =>
      body.messages[0]!.content.startsWith("Translate") ? { answer: QUESTION } : { answer: `Laoshan sets up 800 million yuan every year [${DOC}#5].` };
    const reply = await ask("How much money does Laoshan District provide each year for innovation?");
    expect(reply.model).toBeUndefined();
    expect(reply.lang).toBe("en");
    expect(reply.citations[0]!.passage).toBe(`${DOC}#5`);
  });
});

describe("secrets", () => {
  it("never writes the API key to a log line", async () => {
    for (const fault of ["429", "500", "malformed"] as const) {
      answerWith({ fault });
      await ask(QUESTION);
    }
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.filter((l) => l.includes(KEY))).toEqual([]);
  });
});
