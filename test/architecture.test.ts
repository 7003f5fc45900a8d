import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..", "src");
const BOTS = join(import.meta.dirname, "..", "bots");

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)])));
  return nested.flat().filter((f) => f.endsWith(".ts"));
}

describe("the core", () => {
  it("imports nothing from bots/, grammy or discord.js, and reads no environment variable", async () => {
    const offenders: string[] = [];
    for (const file of await files(SRC)) {
      const code = await readFile(file, "utf8");
      if (/from\s+["'](?:\.\.\/)+bots\//.test(code) || /from\s+["'](grammy|@grammyjs\/[^"']+|discord\.js|@discordjs\/[^"']+)["']/.test(code)) offenders.push(`${file}: platform import`);
      if (/process\.env/.test(code)) offenders.push(`${file}: process.env`);
    }
    expect(offenders).toEqual([]);
  });

  it("loads the Redis and model clients and the encoding detector when first used, not with the core (a start without them skips their imports)", async () => {
    const offenders: string[] = [];
    for (const file of await files(SRC)) {
      if (/^import\s+(?!type\b)[^;]*from\s+["'](ioredis|openai|(?:\.\.?\/)+(?:corpus\/)?decode\.js)["']/m.test(await readFile(file, "utf8"))) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});

describe("the front ends", () => {
  it("reach the core only through its entry point, src/index.ts", async () => {
    const offenders: string[] = [];
    for (const file of await files(BOTS)) {
      for (const m of (await readFile(file, "utf8")).matchAll(/from\s+["']((?:\.\.\/)+src\/[^"']+)["']/g)) {
        if (!m[1]!.endsWith("src/index.js")) offenders.push(`${file}: ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
