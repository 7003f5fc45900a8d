import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers.js";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..", "..");
let index: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  index = await tempDir("qa-damaged-");
});
afterAll(async () => index.cleanup());

const ask = (question: string) =>
  run(process.execPath, ["--import", "tsx", "bots/console/ask.ts", "--json", question], {
    cwd: ROOT,
    env: { ...process.env, INDEX_DIR: index.dir, EMBEDDER: "hashed", TELEGRAM_BOT_TOKEN: "", DISCORD_TOKEN: "", LOG_LEVEL: "info" },
  });

describe("npm run ask with a damaged index (issue 13)", () => {
  it("the HNSW entry point overwritten with 100000: one warning, a rebuild, the right answer, exit 0", async () => {
    await ask("崂山众创空间总面积将达到多少？");
    const file = join(index.dir, "vectors.hnsw");
    const buf = await readFile(file);
    buf.writeUInt32LE(0x000186a0, 52);
    await writeFile(file, buf);
    const { stdout, stderr } = await ask("崂山众创空间总面积将达到多少？"); // rejects on a non-zero exit
    expect(JSON.parse(stdout).answer).toContain("150万平方米");
    // (The seed article's own warnings about dropped headline lines are not about the index.)
    const warnings = stderr.split("\n").filter((l) => /warn/i.test(l) && !/dropped a trailing headline/.test(l));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/vectors\.hnsw.*rebuilding/);
    // The rebuild ran in a child process (its memory left with it); this one loaded what the child saved.
    expect(stderr).toMatch(/index built in a child process and loaded from/);
    const after = await ask("崂山众创空间总面积将达到多少？");
    expect(after.stderr).not.toMatch(/rebuilding|indexing/);
  });
});
