/**
 * Two `npm run ask` processes on one REDIS_URL share a conversation: a follow-up asked through the
 * second resolves against the question asked through the first. A second article whose sentence matches
 * the follow-up just as well makes the context decide: without it, the answer is that article's figure.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOC, SEEDS, tempDir } from "../helpers.js";
import { dropPrefix, REDIS_URL, requireRedis, testPrefix } from "./redis.js";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..", "..");
const prefix = testPrefix();
let dir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  await requireRedis();
  dir = await tempDir("qa-redis-cli-");
  await mkdir(join(dir.dir, "seeds"));
  await copyFile(join(SEEDS, `${DOC}.txt`), join(dir.dir, "seeds", `${DOC}.txt`));
  await writeFile(
    join(dir.dir, "seeds", "001_marine.txt"),
    ["西海岸海洋创新园正式开园", "2016-06-01", "西海岸新区的海洋创新园日前正式开园，园区面向海洋科技企业开放。", "相关负责人介绍,年底前入驻企业计划达到40家。"].join("\n"),
  );
});
afterAll(async () => {
  await dropPrefix(prefix);
  await dir?.cleanup();
});

/** One `ask --json --stdin` process fed one line; resolves with its parsed answer. */
async function askOnce(chat: string, text: string) {
  const child = run(process.execPath, ["--import", "tsx", "bots/console/ask.ts", "--json", "--stdin"], {
    cwd: ROOT,
    env: {
      ...process.env,
      SEEDS_DIR: join(dir.dir, "seeds"),
      INDEX_DIR: join(dir.dir, "index"),
      DATA_DIR: join(dir.dir, "data"),
      EMBEDDER: "hashed",
      REDIS_URL,
      REDIS_PREFIX: prefix,
      TELEGRAM_BOT_TOKEN: "",
      DISCORD_TOKEN: "",
    },
  });
  child.child.stdin!.end(JSON.stringify({ chat, text }) + "\n");
  return JSON.parse((await child).stdout.trim()) as { answer: string; citations: { doc: string }[] };
}

describe("two processes with the same REDIS_URL", () => {
  it("share a conversation: the second resolves a follow-up against the first's question", async () => {
    const first = await askOnce("x", "侨商创客谷是什么地方？");
    expect(first.answer).toContain("侨商创客谷");
    const [followUp, stranger] = await Promise.all([askOnce("x", "它年底前计划入驻多少家企业？"), askOnce("y", "它年底前计划入驻多少家企业？")]);
    expect(followUp.answer).toContain("15家");
    expect(followUp.citations[0]?.doc).toBe(DOC);
    // The same words in a conversation that never named 侨商创客谷 find the other article.
    expect(stranger.answer).toContain("40家");
  });
});
