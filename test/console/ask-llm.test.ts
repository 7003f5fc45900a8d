import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeLlm, type FakeLlm } from "../../scripts/fake-llm.js";
import { DOC, tempDir } from "../helpers.js";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..", "..");
const KEY = "sk-cli-secret-0123456789";
const QUESTION = "崂山区每年拿出多少钱扶持创新创业？";
let index: Awaited<ReturnType<typeof tempDir>>;
let llm: FakeLlm;
let answer = "";

beforeAll(async () => {
  index = await tempDir("qa-cli-llm-");
  llm = await startFakeLlm(() => ({ answer }));
});
afterAll(async () => {
  await llm.close();
  await index.cleanup();
});

async function ask(question: string) {
  const { stdout, stderr } = await run("npx", ["tsx", "bots/console/ask.ts", "--json", question], {
    cwd: ROOT,
    env: {
      ...process.env,
      INDEX_DIR: index.dir,
      EMBEDDER: "hashed",
      TELEGRAM_BOT_TOKEN: "",
      DISCORD_TOKEN: "",
      LLM_BASE_URL: llm.baseURL,
      LLM_MODEL: "fake-model",
      LLM_API_KEY: KEY,
    },
  });
  return { out: JSON.parse(stdout), stderr };
}

describe("npm run ask with LLM_BASE_URL set", () => {
  it('prints "mode":"llm" when the model states 5亿元 and cites the passage that says so', async () => {
    answer = `崂山区每年设立5亿元的政府创新创业资金池[${DOC}#5]。`;
    const { out, stderr } = await ask(QUESTION);
    expect(out).toMatchObject({ mode: "llm", model: "fake-model", answer: "崂山区每年设立5亿元的政府创新创业资金池[1]。" });
    expect(out.citations[0].passage).toBe(`${DOC}#5`);
    expect(stderr).not.toContain(KEY);
  });

  it('prints "mode":"extractive" when the model says 8亿元, and logs the rejection without the key', async () => {
    answer = `崂山区每年设立8亿元的政府创新创业资金池[${DOC}#5]。`;
    const { out, stderr } = await ask(QUESTION);
    expect(out.mode).toBe("extractive");
    expect(out.model).toBeUndefined();
    expect(out.answer).toContain("5亿元");
    expect(stderr).toMatch(/rejected \(unsupported-figure: 8亿元\)/);
    expect(stderr).not.toContain(KEY);
  });
});
