import { describe, expect, it } from "vitest";
import { loadConfig } from "../../bots/config.js";
import { llmOptions } from "../../bots/wire.js";

describe("LLM settings", () => {
  it("leave the model off when unset, with the documented defaults", () => {
    const c = loadConfig({});
    expect(c.LLM_BASE_URL).toBeUndefined();
    expect(c).toMatchObject({ LLM_TIMEOUT_MS: 20_000, LLM_MAX_TOKENS: 512, LLM_CONCURRENCY: 4 });
  });

  it("need a model name with a base URL, and name the bad variable", () => {
    expect(() => loadConfig({ LLM_BASE_URL: "http://127.0.0.1:11434/v1" })).toThrow(/LLM_MODEL is required/);
    expect(() => loadConfig({ LLM_BASE_URL: "ollama", LLM_MODEL: "qwen2.5:7b" })).toThrow(/LLM_BASE_URL/);
    expect(() => loadConfig({ LLM_TIMEOUT_MS: "0" })).toThrow(/LLM_TIMEOUT_MS/);
    expect(() => loadConfig({ LLM_CONCURRENCY: "many" })).toThrow(/LLM_CONCURRENCY/);
  });

  it("build a generator for the configured model", () => {
    const c = loadConfig({ LLM_BASE_URL: "http://127.0.0.1:11434/v1", LLM_MODEL: "qwen2.5:7b", LLM_TIMEOUT_MS: "5000" });
    const o = llmOptions(c);
    expect(o.generator.model).toBe("qwen2.5:7b");
    expect(o.timeoutMs).toBe(5000);
  });
});
