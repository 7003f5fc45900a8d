import { afterEach, expect, it } from "vitest";
import { loadConfig } from "../../bots/config.js";
import { createLogger } from "../../bots/log.js";
import { startTelegram, type TelegramHandle } from "../../bots/telegram/start.js";
import { startFakeBotApi, type FakeBotApi } from "../telegram/fake-bot-api.js";
import { TEST_FLOOD_LIMITS, TOKEN } from "../telegram/harness.js";
import { answersByChat, chatIds, echoCore, inOrderOnce, pushLoad, waitForAnswers } from "./load.js";

/**
 * The real grammY bot and polling loop under 64 chats × 20 questions against the fake Bot API, with the
 * API failing. Backoffs are shortened through options (production: 1 s doubling to 10 s, for 90 s), and
 * Telegram's flood limits keep each chat's messages one at a time without their waits.
 */

const CHATS = 64;
const PER_CHAT = 20;
const TOTAL = CHATS * PER_CHAT;

let api: FakeBotApi | undefined;
let telegram: TelegramHandle | undefined;
const logs: string[] = [];

afterEach(async () => {
  await telegram?.stop();
  await api?.close();
  logs.length = 0;
});

async function start(): Promise<FakeBotApi> {
  api = await startFakeBotApi({ token: TOKEN });
  const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, RATE_LIMIT_PER_MINUTE: "0" });
  const log = createLogger({ level: "info", write: (line) => logs.push(line) });
  telegram = await startTelegram(echoCore(), config, log, {
    retry: { initialDelayMs: 100, maxDelayMs: 1_000 },
    polling: { retry: { initialDelayMs: 50, maxDelayMs: 500 } },
    floodLimits: TEST_FLOOD_LIMITS, // Telegram's real limits would stretch 1280 answers over 45 s
  });
  return api;
}

it("answers every question exactly once, in order per chat, through an 8-second sendMessage outage", async () => {
  const api = await start();
  const chats = chatIds(CHATS);
  const started = Date.now();
  pushLoad(api, chats, PER_CHAT);
  await waitForAnswers(api, 100, 30_000);
  const outageFrom = Date.now();
  const OUTAGE_MS = 8_000;
  api.before = (method) => (method === "sendMessage" && Date.now() - outageFrom < OUTAGE_MS ? "network" : undefined);
  await waitForAnswers(api, TOTAL, 90_000);
  const byChat = answersByChat(api);
  const dropped = api.calls.filter((c) => c.method === "sendMessage" && c.status === 0).length;
  const answered = [...byChat.values()].reduce((n, list) => n + list.length, 0);
  console.log(
    `[chaos] ${CHATS}×${PER_CHAT} with sendMessage down ${OUTAGE_MS / 1000} s: ${answered}/${TOTAL} answered, ` +
      `${answered - new Set([...byChat].flatMap(([c, l]) => l.map((n) => `${c}-${n}`))).size} twice, ${dropped} sends dropped and retried, ` +
      `all answered ${((Date.now() - started) / 1000).toFixed(1)} s after the first question`,
  );
  expect(dropped).toBeGreaterThan(0);
  expect(answered).toBe(TOTAL);
  expect(inOrderOnce(byChat, chats, PER_CHAT)).toBe(true);
  expect(logs.filter((l) => l.includes("retrying sends"))).toHaveLength(1);
  expect(logs.some((l) => l.includes("sending works again"))).toBe(true);
});

it("answers every question once and in order per chat when 10% of calls get 429 and 10% a 5xx", async () => {
  const api = await start();
  const chats = chatIds(CHATS, 900_000);
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  let refused429 = 0;
  let refused5xx = 0;
  api.before = () => {
    const r = random();
    if (r < 0.1) {
      refused429++;
      return { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } };
    }
    if (r < 0.2) {
      refused5xx++;
      return { error_code: 502, description: "Bad Gateway" };
    }
    return undefined;
  };
  const started = Date.now();
  pushLoad(api, chats, PER_CHAT);
  await waitForAnswers(api, TOTAL, 90_000);
  const byChat = answersByChat(api);
  const answered = [...byChat.values()].reduce((n, list) => n + list.length, 0);
  console.log(
    `[chaos] ${CHATS}×${PER_CHAT} with ${refused429} 429s and ${refused5xx} 502s injected: ${answered}/${TOTAL} answered in order ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  expect(refused429).toBeGreaterThan(100);
  expect(refused5xx).toBeGreaterThan(100);
  expect(answered).toBe(TOTAL);
  expect(inOrderOnce(byChat, chats, PER_CHAT)).toBe(true);
});

it("hands over to the next process on a stop under load: every question answered exactly once across both", async () => {
  const api = await start();
  const chats = chatIds(CHATS, 950_000);
  // Slow sends, so that a good share of the load is still waiting when the first process stops.
  api.before = (method) => (method === "sendMessage" ? new Promise((resolve) => setTimeout(resolve, 20)) : undefined);
  pushLoad(api, chats, PER_CHAT);
  await waitForAnswers(api, 300, 30_000);
  const first = telegram!;
  await first.stop();
  const afterFirst = answersByChat(api);
  const byFirst = [...afterFirst.values()].reduce((n, list) => n + list.length, 0);
  const report = logs.find((l) => l.includes("telegram: stopped;"))!;
  // The next process polls the same fake.
  const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, RATE_LIMIT_PER_MINUTE: "0" });
  telegram = await startTelegram(echoCore(), config, createLogger({ level: "warn", write: (line) => logs.push(line) }), {
    floodLimits: TEST_FLOOD_LIMITS,
  });
  await waitForAnswers(api, TOTAL, 60_000);
  await new Promise((resolve) => setTimeout(resolve, 300)); // a duplicate would arrive now
  const byChat = answersByChat(api);
  const answered = [...byChat.values()].reduce((n, list) => n + list.length, 0);
  console.log(`[chaos] stop under ${CHATS}×${PER_CHAT}: first process answered ${byFirst}, the next ${answered - byFirst}; ${report.replace(/^.*stopped; /, "")}`);
  expect(byFirst).toBeLessThan(TOTAL);
  expect(answered).toBe(TOTAL);
  expect(inOrderOnce(byChat, chats, PER_CHAT)).toBe(true);
});
