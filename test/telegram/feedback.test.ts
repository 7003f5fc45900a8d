/**
 * 👍/👎 under every answer in the fake Telegram: a vote is stored once per user and answer, counted in the
 * metrics, and `npm run report` then lists the declined question and the answer voted down.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../bots/log.js";
import { countingFeedback, createMetrics } from "../../bots/metrics.js";
import { observe } from "../../bots/observe.js";
import { createFileFeedbackStore, createMemoryDeduper, createRateLimiter, messages } from "../../src/index.js";
import { tempDir } from "../helpers.js";
import type { ApiCall } from "./fake-bot-api.js";
import { realAssistant, startHarness, TEST_FLOOD_LIMITS, type Harness } from "./harness.js";
import { callbackUpdate, privateChat, textUpdate, user } from "./updates.js";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..", "..");
const metrics = createMetrics();
let h: Harness;
let data: Awaited<ReturnType<typeof tempDir>>;
let dispose: () => Promise<void>;

beforeAll(async () => {
  data = await tempDir("qa-feedback-");
  const real = await realAssistant();
  dispose = real.dispose;
  const feedback = countingFeedback(createFileFeedbackStore(data.dir), metrics);
  const log = createLogger({ write: () => {} });
  const assistant = observe(real.assistant, { platform: "telegram", log, metrics, feedback });
  h = await startHarness(assistant, {}, TEST_FLOOD_LIMITS, { shared: { limiter: createRateLimiter({ limit: 0 }), deduper: createMemoryDeduper(), feedback } });
});
afterAll(async () => {
  await h?.stop();
  await dispose?.();
  await data?.cleanup();
});

const buttonsOf = (call: ApiCall) => ((call.payload.reply_markup?.inline_keyboard ?? []) as { text: string; callback_data?: string }[][]).flat();
const asMessage = (call: ApiCall, chat: Message["chat"]): Message =>
  ({ message_id: 900_000 + h.api.calls.indexOf(call), date: 0, chat, text: call.payload.text, reply_markup: call.payload.reply_markup }) as Message;

async function press(u: ReturnType<typeof user>, message: Message, data: string): Promise<string | undefined> {
  const from = h.api.mark();
  h.api.push(callbackUpdate(u, message, data));
  return (await h.api.waitFor("answerCallbackQuery", (c) => c.ok, { from })).payload.text;
}

describe("feedback in Telegram", () => {
  it("puts 👍 and 👎 under an answer and a decline, stores a vote once per user, and the report lists them", async () => {
    const [alice, bob] = [user(501), user(502)];
    const chat = privateChat(alice);
    const answer = await h.exchange(textUpdate("崂山众创空间总面积将达到多少？", { chat, from: alice }), alice.id);
    const votes = buttonsOf(answer).filter((b) => b.text === "👍" || b.text === "👎");
    expect(votes.map((b) => b.text)).toEqual(["👍", "👎"]);
    const down = votes[1]!.callback_data!;
    expect(down).toMatch(/^v:[\w-]+:d$/);

    const declined = await h.exchange(textUpdate("青岛的平均房价是多少？", { chat, from: alice }), alice.id);
    expect(buttonsOf(declined).map((b) => b.text)).toContain("👎");

    const m = messages("zh");
    expect(await press(alice, asMessage(answer, chat), down)).toBe(m.feedbackThanks);
    expect(await press(alice, asMessage(answer, chat), votes[0]!.callback_data!)).toBe(m.feedbackAlready);
    expect(await press(bob, asMessage(answer, privateChat(bob)), down)).toBe(m.feedbackThanks);
    const counted = (await metrics.feedback.get()).values.find((v) => v.labels.vote === "down")?.value;
    expect(counted).toBe(2);

    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/report.ts", "--json", "--since", "1h"], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: data.dir, REDIS_URL: "", TELEGRAM_BOT_TOKEN: "", DISCORD_TOKEN: "" },
    });
    const report = JSON.parse(stdout);
    expect(report.declined).toEqual([expect.objectContaining({ question: "青岛的平均房价是多少？", count: 1 })]);
    expect(report.votedDown).toEqual([expect.objectContaining({ question: "崂山众创空间总面积将达到多少？", down: 2, up: 0 })]);
    expect(report.votedDown[0].answer).toContain("150万平方米");
    expect(report.cited[0]).toMatchObject({ article: "打造国际创客社区 激发创新创业活力 崂山区倾力为创客“筑巢”", count: 1 });
    expect(report.totals).toMatchObject({ questions: 2, answered: 1, declined: 1, down: 2, up: 0 });
  });
});
