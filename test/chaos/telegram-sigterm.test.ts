import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tempDir } from "../helpers.js";
import { plain, startFakeBotApi, type FakeBotApi } from "../telegram/fake-bot-api.js";
import { TOKEN } from "../telegram/harness.js";
import { privateChat, textUpdate, user } from "../telegram/updates.js";

/**
 * `npm start` (bots/main.ts in a child process, the real start path) gets SIGTERM while eight answers
 * are being sent and the fake Bot API takes 2 s over each send.
 */

const QUESTION = "崂山众创空间总面积将达到多少？";
const SEND_DELAY_MS = 2_000;

let api: FakeBotApi;
let child: ChildProcess;
const cleanups: (() => Promise<void>)[] = [];

/** `npm start`'s entry in a child process, polling `fake`; its stderr is collected in `output.text`. */
async function spawnMain(fake: FakeBotApi, output: { text: string }): Promise<ChildProcess> {
  const temp = await tempDir("chaos-main-");
  cleanups.push(temp.cleanup);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const proc = spawn(process.execPath, ["--import", tsx, resolve("bots/main.ts")], {
    cwd: temp.dir, // no .env there: the child sees only this environment
    env: {
      PATH: process.env.PATH ?? "",
      LOG_FORMAT: "text", // the assertions read text lines (JSON is the default off a terminal)
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      SEEDS_DIR: resolve("seeds"),
      INDEX_DIR: resolve(temp.dir, "index"),
      MODELS_DIR: resolve(temp.dir, "models"),
      EMBEDDER: "hashed",
      CONSOLE: "off",
      RATE_LIMIT_PER_MINUTE: "0",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  proc.stderr!.on("data", (chunk) => (output.text += chunk));
  cleanups.push(async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
  });
  return proc;
}

const output = { text: "" };
beforeAll(async () => {
  api = await startFakeBotApi({ token: TOKEN });
  child = await spawnMain(api, output);
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await api?.close();
});

it("finishes the 8 answers in flight on SIGTERM, exits 0, and leaves the update not yet started to the next process", async () => {
  await api.waitForLongPoll({ timeoutMs: 90_000 });
  let sending = 0;
  let eight!: () => void;
  const allSending = new Promise<void>((resolve) => (eight = resolve));
  api.before = async (method) => {
    if (method !== "sendMessage") return;
    if (++sending === 8) eight();
    await new Promise((resolve) => setTimeout(resolve, SEND_DELAY_MS));
  };
  const users = Array.from({ length: 8 }, (_, i) => user(9_100 + i));
  for (const u of users) api.push(textUpdate(QUESTION, { chat: privateChat(u), from: u }));
  // A second question in the first chat waits for the first answer: not started when SIGTERM comes.
  const waiting = api.push(textUpdate("侨商创客谷整体空间多大？", { chat: privateChat(users[0]!), from: users[0]! }));
  await allSending;

  const started = Date.now();
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const [code] = await exited;
  const tookMs = Date.now() - started;

  const answers = api.callsOf("sendMessage");
  console.log(`[chaos] SIGTERM with 8 answers in flight (sends delayed ${SEND_DELAY_MS} ms): ${answers.length} sent, exit ${code} after ${tookMs} ms`);
  expect(code).toBe(0);
  expect(answers.map((c) => c.payload.chat_id).sort()).toEqual(users.map((u) => u.id).sort());
  for (const a of answers) expect(plain(a.payload.text, a.payload.parse_mode)).toContain("150万平方米");
  // The last offset confirmed stops before the update not yet started: Telegram keeps it for the next process.
  const polls = api.calls.filter((c) => c.method === "getUpdates" && c.ok);
  expect(polls.at(-1)!.payload.offset).toBeLessThanOrEqual(waiting.update_id);
  expect(polls.every((c) => (c.payload.offset ?? 0) <= waiting.update_id)).toBe(true);
  expect(output.text).toContain("finished 8 answer(s) in progress, left 1 update(s) for the next process");
  expect(output.text).not.toContain(TOKEN);
});

it("exits 1 with one line naming the cause when getUpdates is refused with 409", async () => {
  const fake = await startFakeBotApi({ token: TOKEN });
  cleanups.push(() => fake.close());
  fake.before = (method) => (method === "getUpdates" ? { error_code: 409, description: "Conflict: terminated by other getUpdates request" } : undefined);
  const out = { text: "" };
  const proc = await spawnMain(fake, out);
  const [code] = await once(proc, "exit");
  // Each line starts with its ISO time, whose milliseconds can read 409 too: the cause is looked for in the message.
  const causes = out.text.split("\n").map((l) => l.replace(/^\S+ /, "")).filter((l) => l.includes("409"));
  console.log(`[chaos] getUpdates refused with 409: exit ${code}; ${causes[0]}`);
  expect(code).toBe(1);
  expect(causes).toHaveLength(1);
  expect(causes[0]).toMatch(/ERROR telegram: polling stopped: 409 Conflict .*another process polls with this token/);
});
