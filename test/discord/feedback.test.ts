/** 👍/👎 under every answer in the fake Discord: stored once per user and answer, the reply seen only by the voter. */
import { MessageFlags } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../bots/log.js";
import { countingFeedback, createMetrics } from "../../bots/metrics.js";
import { observe } from "../../bots/observe.js";
import { createMemoryFeedbackStore, createRateLimiter, messages } from "../../src/index.js";
import { createTestAssistant, startHarness, type Harness, type TestAssistant } from "./harness.js";

const metrics = createMetrics();
const store = createMemoryFeedbackStore();
const feedback = countingFeedback(store, metrics);
let core: TestAssistant;
let h: Harness;

beforeAll(async () => {
  core = await createTestAssistant();
  const assistant = observe(core.assistant, { platform: "discord", log: createLogger({ write: () => {} }), metrics, feedback });
  h = await startHarness(assistant, { start: { shared: { limiter: createRateLimiter({ limit: 0 }), feedback } } });
});
afterAll(async () => {
  await h?.close();
  await core?.dispose();
});

describe("feedback in Discord", () => {
  it("adds 👍 and 👎 to an answer and stores one vote per user, each reply ephemeral", async () => {
    const answer = await h.fake.edited(h.fake.slash("ask", { question: "崂山众创空间总面积将达到多少？" }).token);
    const buttons = answer.body.components.flatMap((row: any) => row.components);
    const votes = buttons.filter((b: any) => b.custom_id.startsWith("vote:"));
    expect(votes.map((b: any) => b.label)).toEqual(["👍", "👎"]);
    const down = votes[1].custom_id;
    expect(down).toMatch(/^vote:[\w-]+:down$/);

    const m = messages("zh");
    const press = async (id: string, user?: string) => {
      const handle = h.fake.click(id, h.fake.messageFrom(answer.body), user ? { user: { ...h.fake.user, id: user } } : {});
      return (await h.fake.callback(handle)).body;
    };
    const first = await press(down);
    expect(first.data.content).toBe(m.feedbackThanks);
    expect(first.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect((await press(votes[0].custom_id)).data.content).toBe(m.feedbackAlready);
    expect((await press(down, "500000000000000009")).data.content).toBe(m.feedbackThanks);
    expect((await store.votes(0)).map((v) => v.vote)).toEqual(["down", "down"]);
    expect((await metrics.feedback.get()).values.find((v) => v.labels.vote === "down")?.value).toBe(2);
  });

  it("adds no vote buttons to commands", async () => {
    const help = await h.fake.edited(h.fake.slash("help").token);
    const buttons = help.body.components.flatMap((row: any) => row.components);
    expect(buttons.some((b: any) => b.custom_id.startsWith("vote:"))).toBe(false);
  });
});
