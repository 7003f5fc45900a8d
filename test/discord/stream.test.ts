import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAiGenerator } from "../../src/index.js";
import { startFakeLlm, type FakeLlm } from "../../scripts/fake-llm.js";
import { DOC, seedAssistant } from "../helpers.js";
import { startHarness, type Harness } from "./harness.js";

const QUESTION = "崂山区每年拿出多少钱扶持创新创业？";
const answerWith = (amount: string) =>
  `根据崂山区出台的《“构建创客新高地打造青岛中央创新区”行动计划》，崂山区每年设立${amount}的政府创新创业资金池，用于扶持创新创业[${DOC}#5]。`;

let llm: FakeLlm;
let core: Awaited<ReturnType<typeof seedAssistant>>;
let h: Harness;
let answer = answerWith("5亿元");

beforeAll(async () => {
  // Chunks 100 ms apart: the answer takes about two seconds to stream.
  llm = await startFakeLlm(() => ({ answer, chunkDelayMs: 100 }));
  core = await seedAssistant({ llm: { generator: createOpenAiGenerator({ baseURL: llm.baseURL, model: "fake-model" }) } });
  h = await startHarness(core);
  await h.fake.identified();
});
afterAll(async () => {
  await h?.close();
  await core?.cleanup();
  await llm?.close();
});

/** Every edit of an interaction's reply, in order; resolves once the final one (with buttons) arrived. */
async function edits(token: string) {
  const isEdit = (r: { method: string; path: string }) => r.method === "PATCH" && r.path === `/webhooks/${h.fake.applicationId}/${token}/messages/@original`;
  await h.fake.request((r) => isEdit(r) && r.body.components.length > 0, "the final edit");
  return h.fake.requests.filter(isEdit);
}

describe("Discord streaming of model answers", () => {
  it("edits the deferred reply with the answer so far at most once a second, then with the checked answer", async () => {
    answer = answerWith("5亿元");
    const all = await edits(h.fake.slash("ask", { question: QUESTION }).token);
    const drafts = all.slice(0, -1);
    const final = all.at(-1)!;
    expect(drafts.length).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < drafts.length; i++) expect(drafts[i]!.at - drafts[i - 1]!.at).toBeGreaterThanOrEqual(950);
    for (const d of drafts) expect(d.body.embeds[0].description).toMatch(/ …$/);
    expect(final.body.embeds[0].description).toContain("崂山区每年设立5亿元的政府创新创业资金池，用于扶持创新创业\\[1\\]。"); // brackets escaped for Markdown
    expect(final.body.embeds[0].fields[0].value).toContain("5亿元");
  });

  it("replaces a draft that fails the check by the extractive answer", async () => {
    answer = answerWith("8亿元");
    const all = await edits(h.fake.slash("ask", { question: QUESTION }).token);
    expect(all.slice(0, -1).some((d) => d.body.embeds[0].description.includes("8亿元"))).toBe(true);
    expect(all.at(-1)!.body.embeds[0].description).not.toContain("8亿元");
    expect(all.at(-1)!.body.embeds[0].description).toContain("5亿元");
  });
});
