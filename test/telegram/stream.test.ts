import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAiGenerator } from "../../src/index.js";
import { startFakeLlm, type FakeLlm } from "../../scripts/fake-llm.js";
import { DOC, seedAssistant } from "../helpers.js";
import { plain, type ApiCall } from "./fake-bot-api.js";
import { startHarness, type Harness } from "./harness.js";
import { group, privateChat, textUpdate, user } from "./updates.js";

const QUESTION = "崂山区每年拿出多少钱扶持创新创业？";
const GOOD = `根据崂山区出台的行动计划，崂山区每年设立5亿元的政府创新创业资金池，用于扶持创新创业[${DOC}#5]。`;
const BAD = `根据崂山区出台的行动计划，崂山区每年设立8亿元的政府创新创业资金池，用于扶持创新创业[${DOC}#5]。`;

let llm: FakeLlm;
let core: Awaited<ReturnType<typeof seedAssistant>>;
let h: Harness;
let answer = GOOD;

beforeAll(async () => {
  // Chunks 60 ms apart: the answer takes about a second to stream, long enough for several drafts.
  llm = await startFakeLlm(() => ({ answer, chunkDelayMs: 60 }));
  core = await seedAssistant({ llm: { generator: createOpenAiGenerator({ baseURL: llm.baseURL, model: "fake-model" }) } });
  h = await startHarness(core);
});
afterAll(async () => {
  await h?.stop();
  await core?.cleanup();
  await llm?.close();
});

const seen = (call: ApiCall) => plain(call.payload.text, call.payload.parse_mode);

describe("Telegram streaming of model answers", () => {
  it("streams drafts into a private chat, then sends the checked answer as a message", async () => {
    answer = GOOD;
    const u = user(201);
    const from = h.api.mark();
    const sent = await h.exchange(textUpdate(QUESTION, { chat: privateChat(u), from: u }), u.id);
    const drafts = h.api.callsOf("sendMessageDraft", from);
    expect(drafts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(drafts.map((d) => d.payload.draft_id)).size).toBe(1);
    const shown = GOOD.replace(`[${DOC}#5]`, "[1]");
    // Each draft is the answer so far, as it will read: never a half-written passage id.
    for (const d of drafts) expect(d.payload.chat_id === u.id && shown.startsWith(d.payload.text)).toBe(true);
    expect(h.api.calls.indexOf(drafts.at(-1)!)).toBeLessThan(h.api.calls.indexOf(sent));
    expect(seen(sent)).toContain("崂山区每年设立5亿元的政府创新创业资金池，用于扶持创新创业[1]。");
    expect(seen(sent)).toContain("第5段");
  });

  it("replaces a draft that fails the check by the extractive answer", async () => {
    answer = BAD;
    const u = user(202);
    const from = h.api.mark();
    const sent = await h.exchange(textUpdate(QUESTION, { chat: privateChat(u), from: u }), u.id);
    expect(h.api.callsOf("sendMessageDraft", from).some((d) => d.payload.text.includes("8亿元"))).toBe(true);
    expect(seen(sent)).not.toContain("8亿元");
    expect(seen(sent)).toContain("5亿元");
  });

  it("shows typing in a group and sends one message, no drafts", async () => {
    answer = GOOD;
    const u = user(203);
    const chat = group(-1_001_203);
    const from = h.api.mark();
    const sent = await h.exchange(textUpdate(`/ask ${QUESTION}`, { chat, from: u }), chat.id);
    expect(h.api.callsOf("sendMessageDraft", from)).toEqual([]);
    expect(h.api.callsOf("sendChatAction", from).some((c) => c.payload.action === "typing" && c.payload.chat_id === chat.id)).toBe(true);
    expect(h.api.callsOf("sendMessage", from)).toHaveLength(1);
    expect(seen(sent)).toContain("5亿元");
  });
});
