import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAssistant, type Assistant } from "../src/index.js";
import { tempDir } from "./helpers.js";

/** English questions with the offline embedder, over the two fixture articles (not the seed one). */
const ARTICLES = join(import.meta.dirname, "fixtures", "articles");
let assistant: Assistant;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const temp = await tempDir("qa-english-");
  cleanup = temp.cleanup;
  const seeds = join(temp.dir, "seeds");
  await mkdir(seeds);
  for (const f of ["101_hefei_startups.txt", "102_chengdu_data.txt"]) await copyFile(join(ARTICLES, f), join(seeds, f));
  assistant = await createAssistant({ seedsDir: seeds, indexDir: join(temp.dir, "index"), embedder: "hashed", log: () => {} });
});
afterAll(async () => (await assistant?.close(), await cleanup?.()));

describe("English questions, offline", () => {
  it("answers with the Chinese span and cites the paragraph that holds it", async () => {
    const reply = await assistant.ask("e1", "How much living allowance does a PhD get per month?");
    expect(reply.kind).toBe("answer");
    expect(reply.lang).toBe("en");
    expect(reply.short).toBe("3000元");
    expect(reply.citations[0]).toMatchObject({ doc: "101_hefei_startups", paragraph: 4 });
  });

  it("answers a date from the other article", async () => {
    const reply = await assistant.ask("e2", "When does the Chengdu digital economy policy expire?");
    expect(reply.short).toBe("2025年12月31日");
    expect(reply.citations[0]).toMatchObject({ doc: "102_chengdu_data", paragraph: 5 });
  });

  it("declines, with the nearest passages, a question about what the articles never mention", async () => {
    const reply = await assistant.ask("e3", "How many hospitals does Hefei plan to build?");
    expect(reply.kind).toBe("not-found");
    expect(reply.text).toMatch(/^Sorry/u);
    expect(reply.citations.length).toBeGreaterThan(0);
  });

  it("asks for Chinese when none of the question's words is in the articles", async () => {
    const reply = await assistant.ask("e4", "Hello, how are you today?");
    expect(reply.kind).toBe("needs-model");
  });
});
