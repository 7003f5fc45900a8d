import { execFile } from "node:child_process";
import { copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOC, SEEDS, tempDir } from "../helpers.js";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..", "..");
let index: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  index = await tempDir("qa-cli-");
});
afterAll(async () => index.cleanup());

function ask(args: string[], input?: string, env: Record<string, string> = {}) {
  const child = run("npx", ["tsx", "bots/console/ask.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, INDEX_DIR: index.dir, DATA_DIR: join(index.dir, "data"), REDIS_URL: "", EMBEDDER: "hashed", TELEGRAM_BOT_TOKEN: "", DISCORD_TOKEN: "", ...env },
  });
  if (input !== undefined) child.child.stdin!.end(input);
  return child;
}

describe("npm run ask", () => {
  it("--json prints exactly one JSON object with the answer and its citation", async () => {
    const { stdout } = await ask(["--json", "崂山众创空间总面积将达到多少？"]);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(out.answer).toContain("150万平方米");
    expect(out.abstained).toBe(false);
    expect(out.citations[0]).toMatchObject({ doc: "000_4f5b4b3408eff9cd", passage: "000_4f5b4b3408eff9cd#3" });
    expect(typeof out.citations[0].quote).toBe("string");
    expect(typeof out.citations[0].score).toBe("number");
    expect(out.embedder).toMatch(/^hashed-ngram-v1-\d+$/);
    expect(typeof out.ms).toBe("number");
  });

  it("--json declines what the articles do not say", async () => {
    const out = JSON.parse((await ask(["--json", "青岛的平均房价是多少？"])).stdout);
    expect(out.abstained).toBe(true);
  });

  it("--stdin answers each line in order, keeping each chat's conversation", async () => {
    const input = [
      '{"chat": "a", "text": "侨商创客谷是什么地方？"}',
      '{"chat": "b", "text": "青岛创客大街的运营机构是哪家公司？"}',
      '{"chat": "a", "text": "它年底前计划入驻多少家企业？"}',
      "崂山众创空间总面积将达到多少？",
      "{not json",
    ].join("\n");
    const { stdout } = await ask(["--json", "--stdin"], input);
    const out = stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(out).toHaveLength(5);
    expect(out[2].answer).toContain("15家");
    expect(out[3].answer).toContain("150万平方米");
    expect(out[4].error).toMatch(/expected plain text or/);
  });

  it("a one-shot question answers from an article added since the last run", async () => {
    const seeds = await tempDir("qa-cli-seeds-");
    const own = await tempDir("qa-cli-index-");
    await copyFile(join(SEEDS, `${DOC}.txt`), join(seeds.dir, `${DOC}.txt`));
    const env = { SEEDS_DIR: seeds.dir, INDEX_DIR: own.dir };
    expect(JSON.parse((await ask(["--json", "西海岸新区人才公寓项目总投资为多少？"], undefined, env)).stdout).abstained).toBe(true);
    await writeFile(join(seeds.dir, "人才公寓.txt"), "西海岸新区人才公寓项目启动\n\n2024-03-01\n\n青岛西海岸新区人才公寓项目总投资为38亿元，共建设公寓4200套。\n");
    expect(JSON.parse((await ask(["--json", "西海岸新区人才公寓项目总投资为多少？"], undefined, env)).stdout).answer).toContain("38亿元");
    await seeds.cleanup();
    await own.cleanup();
  });

  it("prints a readable answer without --json", async () => {
    const { stdout } = await ask(["崂山众创空间总面积将达到多少？"]);
    expect(stdout).toContain("150万平方米");
    expect(stdout).toContain("第3段");
  });
  it("an unknown option gets one line saying so and the usage, exit 2, no stack trace; --help the usage, exit 0", async () => {
    const bad = await ask(["--jsn", "崂山众创空间总面积将达到多少？"]).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(bad?.code).toBe(2);
    expect(bad?.stderr).toContain("Unknown option '--jsn'");
    expect(bad?.stderr).toContain("Usage: npm run ask");
    expect(bad?.stderr).not.toMatch(/^\s+at /m);
    const help = await ask(["--help"]);
    expect(help.stdout).toMatch(/^Usage: npm run ask/);
  });
});
