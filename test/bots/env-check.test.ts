import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, envSchema } from "../../bots/config.js";
import { checkSeedsDir, misspelledSettings } from "../../bots/env-check.js";
import { SEEDS, tempDir } from "../helpers.js";

const settings = Object.keys(envSchema.shape);

describe("misspelled settings", () => {
  it("names the setting a near-miss key most likely meant", () => {
    const keys = ["TELEGRAM_TOKEN", "DISCORD_BOT_TOKEN", "SEED_DIR", "EMBEDER", "telegram_bot_token", "TELEGRAM_API_URL"];
    expect(misspelledSettings(keys, settings)).toEqual([
      { key: "TELEGRAM_TOKEN", likely: "TELEGRAM_BOT_TOKEN" },
      { key: "DISCORD_BOT_TOKEN", likely: "DISCORD_TOKEN" },
      { key: "SEED_DIR", likely: "SEEDS_DIR" },
      { key: "EMBEDER", likely: "EMBEDDER" },
      { key: "telegram_bot_token", likely: "TELEGRAM_BOT_TOKEN" },
      { key: "TELEGRAM_API_URL", likely: "TELEGRAM_API_ROOT" },
    ]);
  });

  it("leaves settings and unrelated keys alone", () => {
    expect(misspelledSettings(["TELEGRAM_BOT_TOKEN", "NODE_OPTIONS", "HOME", "HTTPS_PROXY", "TZ"], settings)).toEqual([]);
  });
});

describe("SEEDS_DIR", () => {
  it("stops start-up naming a missing or empty folder", async () => {
    const { dir, cleanup } = await tempDir("seeds-check-");
    try {
      await expect(checkSeedsDir(join(dir, "nope"))).rejects.toThrow(new RegExp(`SEEDS_DIR folder ${join(dir, "nope")} does not exist`));
      await mkdir(join(dir, "empty"));
      await writeFile(join(dir, "empty", "notes.json"), "");
      await expect(checkSeedsDir(join(dir, "empty"))).rejects.toThrow(ConfigError);
      await expect(checkSeedsDir(join(dir, "empty"))).rejects.toThrow(/holds no articles/);
      await expect(checkSeedsDir(SEEDS)).resolves.toBeUndefined();
    } finally {
      await cleanup();
    }
  });
});

it("npm start warns about TELEGRAM_TOKEN in .env naming TELEGRAM_BOT_TOKEN, and stops on a missing SEEDS_DIR in one line", async () => {
  const { dir, cleanup } = await tempDir("env-slip-");
  try {
    await writeFile(join(dir, ".env"), "TELEGRAM_TOKEN=x\nSEEDS_DIR=no-such-folder\nCONSOLE=off\n");
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const child = spawn(process.execPath, ["--import", tsx, resolve("bots/main.ts")], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", LOG_FORMAT: "text" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    const [code] = await once(child, "exit");
    const lines = stderr.trim().split("\n");
    expect(code).toBe(1);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/WARN \.env: TELEGRAM_TOKEN is not a setting .* did you mean TELEGRAM_BOT_TOKEN\?/);
    expect(lines[1]).toContain(`SEEDS_DIR folder ${join(dir, "no-such-folder")} does not exist`);
  } finally {
    await cleanup();
  }
}, 30_000);
