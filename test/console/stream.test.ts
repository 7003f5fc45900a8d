import { PassThrough, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChat } from "../../bots/console/chat.js";
import { createOpenAiGenerator, messages } from "../../src/index.js";
import { startFakeLlm, type FakeLlm } from "../../scripts/fake-llm.js";
import { DOC, seedAssistant } from "../helpers.js";

const QUESTION = "崂山区每年拿出多少钱扶持创新创业？";
let llm: FakeLlm;
let core: Awaited<ReturnType<typeof seedAssistant>>;
let answer = "";

beforeAll(async () => {
  llm = await startFakeLlm(() => ({ answer, chunkDelayMs: 20 }));
  core = await seedAssistant({ llm: { generator: createOpenAiGenerator({ baseURL: llm.baseURL, model: "fake-model" }) } });
});
afterAll(async () => {
  await core?.cleanup();
  await llm?.close();
});

/** Runs the terminal chat on one question; returns every write in order. */
async function chat(question: string): Promise<string[]> {
  const writes: string[] = [];
  const output = new Writable({ write: (chunk, _enc, done) => (writes.push(String(chunk)), done()) });
  const input = new PassThrough();
  const done = runChat(core, { input, output });
  input.end(`${question}\n/quit\n`);
  await done;
  return writes;
}

describe("terminal chat with a model", () => {
  it("prints the answer as it arrives, then its source", async () => {
    answer = `崂山区每年设立5亿元的政府创新创业资金池[${DOC}#5]。`;
    const writes = await chat(QUESTION);
    const pieces = writes.filter((w) => !w.includes("\n"));
    expect(pieces.length).toBeGreaterThan(2); // streamed: the answer came in several writes
    const all = writes.join("");
    expect(all).toContain("崂山区每年设立5亿元的政府创新创业资金池[1]。\n出处:");
    expect(all).toContain("第5段");
    expect(all).not.toContain(messages("zh").modelRejected);
  });

  it("follows a draft that fails the check with a note and the extractive answer", async () => {
    answer = `崂山区每年设立8亿元的政府创新创业资金池[${DOC}#5]。`;
    const all = (await chat(QUESTION)).join("");
    const note = all.indexOf(messages("zh").modelRejected);
    expect(all.indexOf("8亿元")).toBeGreaterThan(-1);
    expect(note).toBeGreaterThan(all.indexOf("8亿元"));
    expect(all.slice(note)).toContain("每年设立5亿元的政府创新创业资金池");
  });
});
