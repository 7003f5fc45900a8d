import { describe, expect, it } from "vitest";
import { loadConfig } from "../../bots/config.js";
import { DiscordStartError, startDiscord } from "../../bots/discord/start.js";
import { createLogger } from "../../bots/log.js";
import { createShared } from "../../bots/shared.js";
import { createAssistantFromConfig } from "../../bots/wire.js";
import { SEEDS, tempDir, unusedCore } from "../helpers.js";
import { freePort } from "../telegram/harness.js";


const closedRoot = async () => `http://127.0.0.1:${await freePort()}`;

describe("a network error at start-up names the setting that points there", () => {
  it("Discord: one line naming DISCORD_API_ROOT, not a bare ECONNREFUSED", async () => {
    const root = `${await closedRoot()}/api`;
    const token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.token-for-tests";
    const error = await startDiscord(unusedCore, loadConfig({ DISCORD_TOKEN: token, DISCORD_API_ROOT: root }), createLogger({ write: () => {} })).then(
      () => new Error("expected startDiscord to fail"),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(DiscordStartError);
    expect(error.message).toMatch(new RegExp(`^Could not reach the Discord API at ${root} \\(.*ECONNREFUSED.*\\)\\. Check DISCORD_API_ROOT and the network\\.$`));
    expect(error.message).not.toContain("\n");
    expect(error.message).not.toContain(token);
  });

  it("Redis: a warning naming REDIS_URL, and start-up goes on without shared state", async () => {
    const url = `redis://:hunter22@127.0.0.1:${await freePort()}`;
    const lines: string[] = [];
    const shared = await createShared(loadConfig({ REDIS_URL: url }), createLogger({ write: (l) => lines.push(l), secrets: ["hunter22"] }), {
      redisWaitMs: 300,
    });
    try {
      const warning = lines.find((l) => l.includes("WARN"));
      expect(warning).toMatch(/redis: could not reach redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ within 0\.3 s; check REDIS_URL/);
      expect((await shared.limiter.take("u")).ok).toBe(true); // requests still let through
    } finally {
      await shared.close();
    }
  });

  it("LLM: the warning for an unreachable model names LLM_BASE_URL", async () => {
    const base = `${await closedRoot()}/v1`;
    const { dir, cleanup } = await tempDir("llm-unreachable-");
    const lines: string[] = [];
    const config = loadConfig({ SEEDS_DIR: SEEDS, INDEX_DIR: dir, EMBEDDER: "hashed", LLM_BASE_URL: base, LLM_MODEL: "m", LLM_TIMEOUT_MS: "3000" });
    const assistant = await createAssistantFromConfig(config, createLogger({ write: (l) => lines.push(l) }));
    try {
      const reply = await assistant.ask("u", "崂山众创空间总面积将达到多少？");
      expect(reply.text).toContain("150万平方米"); // the extractive answer stands in
      expect(lines.find((l) => l.includes("llm: no model answer"))).toContain(`check LLM_BASE_URL=${base}`);
    } finally {
      await assistant.close();
      await cleanup();
    }
  });
});
