import { afterAll, beforeAll, expect, it } from "vitest";
import type { Assistant } from "../../src/types.js";
import { plain } from "../telegram/fake-bot-api.js";
import { freePort, startHarness, type Harness } from "../telegram/harness.js";
import { privateChat, textUpdate, user } from "../telegram/updates.js";
import { echoCore } from "./load.js";

/** Behind a webhook: a stop answers the update in progress before closing, and refuses new ones. */

const SECRET = "webhook-Secret_for-chaos";
let h: Harness;
let release!: () => void;
let entered!: () => void;
const reached = new Promise<void>((resolve) => (entered = resolve));
const gate = new Promise<void>((resolve) => (release = resolve));

beforeAll(async () => {
  const echo = echoCore();
  const held: Assistant = {
    ...echo,
    ask: async (...args) => {
      entered();
      await gate;
      return echo.ask(...args);
    },
  };
  const port = await freePort();
  h = await startHarness(held, {
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    PORT: String(port),
    RATE_LIMIT_PER_MINUTE: "0",
  });
});

afterAll(async () => {
  release();
  await h?.stop();
});

it("answers the update in progress before it stops, and leaves new ones to Telegram to deliver again", async () => {
  const u = user(6_001);
  const inProgress = h.api.deliver(textUpdate("q6001-0", { chat: privateChat(u), from: u }));
  await reached;
  const stopped = h.telegram.stop();
  const late = user(6_002);
  // Refused (503) or not even connected: either way Telegram keeps the update and delivers it again.
  const lateStatus = await h.api.deliver(textUpdate("q6002-0", { chat: privateChat(late), from: late })).catch(() => "refused");
  release();
  expect(await inProgress).toBe(200);
  await stopped;
  const sent = h.api.callsOf("sendMessage");
  console.log(`[chaos] webhook stop with one answer in progress: ${sent.length} sent, a new update got ${lateStatus}`);
  expect(sent.map((c) => [c.payload.chat_id, plain(c.payload.text, c.payload.parse_mode)])).toEqual([[u.id, "a6001-0"]]);
  expect(lateStatus === "refused" || lateStatus === 503).toBe(true);
  expect(h.logs.some((l) => l.includes("telegram: stopped; finished 1 answer(s) in progress"))).toBe(true);
});
