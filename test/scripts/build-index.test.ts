import { execFile, execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { tempDir } from "../helpers.js";

const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

it("npm run index logs every file and ends with a summary, a FIFO in seeds/ notwithstanding", async () => {
  const seeds = await tempDir("qa-seeds-");
  const index = await tempDir("qa-index-");
  await writeFile(join(seeds.dir, "a.txt"), "标题\n2016年5月11日\n第一段。\n第二段。");
  await writeFile(join(seeds.dir, "notes.odt"), "x");
  execFileSync("mkfifo", [join(seeds.dir, "pipe.txt")]);
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", tsx, resolve("scripts/build-index.ts")], {
    cwd: index.dir,
    env: { PATH: process.env.PATH ?? "", SEEDS_DIR: seeds.dir, INDEX_DIR: index.dir, EMBEDDER: "hashed" },
    timeout: 60_000,
  });
  expect(stderr).toMatch(/INFO .*a\.txt: 2 passages, dated 2016-05-11/u);
  expect(stderr).toMatch(/WARN .*notes\.odt skipped: unsupported type \(\.odt\)/u);
  expect(stderr).toMatch(/WARN .*pipe\.txt skipped: not a regular file \(a FIFO\)/u);
  expect(stderr).toContain("index: embedding passages…");
  expect(stdout).toMatch(/^Index summary \([\d.]+ s\)\n {2}files read: {4}1\n {2}passages: {6}2\n {2}files skipped: 2\n/u);
  expect(stdout).toContain("unsupported type (1): notes.odt [.odt]");
  expect(stdout).toContain("not a regular file (1): pipe.txt [a FIFO]");
  await seeds.cleanup();
  await index.cleanup();
});
