/**
 * The production build: tsc compiles the code to JavaScript that runs on plain node, without tsx.
 * (Into a folder of its own under test/.tmp, so a parallel run or a real dist/ is never touched.)
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "./helpers.js";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..");
let out: string;
let data: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  await mkdir(join(ROOT, "test", ".tmp"), { recursive: true }); // absent in a fresh clone
  out = await mkdtemp(join(ROOT, "test", ".tmp", "dist-"));
  data = await tempDir("qa-build-");
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  await run(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json"), "--outDir", out], { cwd: ROOT });
}, 180_000);
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
  await data?.cleanup();
});

const env = () => ({ ...process.env, INDEX_DIR: join(data.dir, "index"), DATA_DIR: join(data.dir, "data"), EMBEDDER: "hashed", REDIS_URL: "", TELEGRAM_BOT_TOKEN: "", DISCORD_TOKEN: "" });

describe("npm run build", () => {
  it("compiles the front ends and scripts to JavaScript that answers on plain node", async () => {
    const { stdout } = await run(process.execPath, [join(out, "bots", "console", "ask.js"), "--json", "青岛的平均房价是多少？"], { cwd: ROOT, env: env() });
    expect(JSON.parse(stdout)).toMatchObject({ abstained: true, kind: "not-found" });
    const compiled = await readFile(join(out, "bots", "discord", "start.js"), "utf8");
    expect(compiled).toContain('"./shard.js"'); // shards run compiled too, without tsx
  });

  it("starts the compiled core as the bench's start-up child does (plain node, no tsx)", async () => {
    const { stdout } = await run(process.execPath, [
      join(ROOT, "bench", "lib", "cold-child.mjs"),
      JSON.stringify({ entry: join(out, "src", "index.js"), seedsDir: join(ROOT, "seeds"), indexDir: join(data.dir, "cold-index"), embedder: "hashed", question: "崂山众创空间总面积将达到多少？" }),
    ]);
    const result = JSON.parse(stdout.split("\n").find((l) => l.startsWith("BENCH-RESULT "))!.slice("BENCH-RESULT ".length));
    expect(result).toMatchObject({ abstained: false, modulesMs: expect.any(Number), readyMs: expect.any(Number), firstAnswerMs: expect.any(Number) });
    expect(result.firstAnswerMs).toBeGreaterThanOrEqual(result.readyMs);
  });

  it("compiles the report, which lists the declined question", async () => {
    const { stdout } = await run(process.execPath, [join(out, "scripts", "report.js"), "--json"], { cwd: ROOT, env: env() });
    expect(JSON.parse(stdout).declined).toEqual([expect.objectContaining({ question: "青岛的平均房价是多少？", count: 1 })]);
  });
});
