import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../bots/config.js";
import { createLogger } from "../../bots/log.js";

describe("loadConfig", () => {
  it("fills every default from an empty environment", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ SEEDS_DIR: "seeds", INDEX_DIR: "index", EMBEDDER: "auto", RATE_LIMIT_PER_MINUTE: 10, PORT: 8080 });
    expect(c.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it("treats empty values in .env as unset", () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: "", DISCORD_SHARDS: " " }).TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it("names each bad variable and what it should look like", () => {
    expect(() => loadConfig({ EMBEDDER: "gpt", PORT: "abc", TELEGRAM_API_ROOT: "http://x/" })).toThrow(ConfigError);
    try {
      loadConfig({ EMBEDDER: "gpt", TELEGRAM_API_ROOT: "http://localhost:1/", TELEGRAM_BOT_TOKEN: "nope" });
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toMatch(/EMBEDDER/);
      expect(msg).toMatch(/TELEGRAM_API_ROOT: must not end with '\/'/);
      expect(msg).toMatch(/TELEGRAM_BOT_TOKEN: looks like/);
      expect(msg).not.toContain("nope");
    }
  });

  it("requires a webhook secret with a webhook URL", () => {
    expect(() => loadConfig({ TELEGRAM_WEBHOOK_URL: "https://example.org/tg" })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });

  it("reads DISCORD_SHARDS as a number or auto", () => {
    expect(loadConfig({ DISCORD_SHARDS: "2" }).DISCORD_SHARDS).toBe(2);
    expect(loadConfig({ DISCORD_SHARDS: "auto" }).DISCORD_SHARDS).toBe("auto");
  });
});

describe("createLogger", () => {
  it("never writes a secret, in a message or in an error", () => {
    const lines: string[] = [];
    const token = "123456:SECRET-token_value";
    const log = createLogger({ secrets: [token], write: (l) => lines.push(l) });
    log.error(`calling https://api.telegram.org/bot${token}/getMe`, new Error(`401 for bot${token}`));
    expect(lines.join("\n")).not.toContain(token);
    expect(lines[0]).toContain("bot***");
  });

  it("drops lines under its level", () => {
    const lines: string[] = [];
    const log = createLogger({ level: "warn", write: (l) => lines.push(l) });
    log.info("quiet");
    log.warn("loud");
    expect(lines).toHaveLength(1);
  });
});
