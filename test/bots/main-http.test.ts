/**
 * `npm start` with HTTP_PORT: /healthz, /readyz and /metrics answer, and the question counter rises by one
 * per question asked (here through the terminal chat).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers.js";
import { freePort } from "../telegram/harness.js";

const ROOT = join(import.meta.dirname, "..", "..");
let child: ChildProcess;
let dir: Awaited<ReturnType<typeof tempDir>>;
let port: number;
let stdout = "";
let stderr = "";

beforeAll(async () => {
  dir = await tempDir("qa-main-http-");
  port = await freePort();
  child = spawn(process.execPath, ["--import", "tsx", "bots/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      INDEX_DIR: join(dir.dir, "index"),
      DATA_DIR: join(dir.dir, "data"),
      EMBEDDER: "hashed",
      CONSOLE: "on",
      HTTP_PORT: String(port),
      HOST: "127.0.0.1",
      LOG_FORMAT: "json",
      REDIS_URL: "",
      TELEGRAM_BOT_TOKEN: "",
      DISCORD_TOKEN: "",
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
});
afterAll(async () => {
  if (child.exitCode === null) {
    child.stdin!.end();
    await new Promise((r) => child.once("exit", r));
  }
  await dir?.cleanup();
});

const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end || child.exitCode !== null) throw new Error(`${what} did not happen; stderr:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function consoleQuestions(): Promise<number> {
  const text = await (await get("/metrics")).text();
  const lines = text.split("\n").filter((l) => l.startsWith('assistant_questions_total{platform="console"'));
  return lines.reduce((n, l) => n + Number(l.split(" ").at(-1)), 0);
}

describe("npm start with HTTP_PORT", () => {
  it("serves /healthz, /readyz and /metrics on HOST, and counts each question once", async () => {
    await until(async () => ((await get("/healthz")).ok ? true : undefined), "/healthz");
    const ready = await until(async () => {
      const res = await get("/readyz");
      return res.ok ? res.json() : undefined;
    }, "/readyz");
    expect(ready).toEqual({ ready: true, checks: { index: true } });
    expect(await (await get("/metrics")).text()).toMatch(/^assistant_index_passages 8$/m);
    expect(await consoleQuestions()).toBe(0);

    child.stdin!.write("崂山众创空间总面积将达到多少？\n");
    await until(async () => (stdout.includes("150万平方米") ? true : undefined), "the answer");
    expect(await consoleQuestions()).toBe(1);
    child.stdin!.write("青岛的平均房价是多少？\n");
    await until(async () => ((await consoleQuestions()) === 2 ? true : undefined), "the second count");
    const text = await (await get("/metrics")).text();
    expect(text).toMatch(/^assistant_questions_total\{platform="console",kind="answer"\} 1$/m);
    expect(text).toMatch(/^assistant_questions_total\{platform="console",kind="decline"\} 1$/m);
    expect(stderr).toContain(`"msg":"http: /healthz /readyz /metrics on http://127.0.0.1:${port}"`);
  });
});
