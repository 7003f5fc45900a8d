import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../src/messages/en.js";
import { zh } from "../src/messages/zh.js";
import { seedAssistant } from "./helpers.js";

let assistant: Awaited<ReturnType<typeof seedAssistant>>;
const logs: string[] = [];
beforeAll(async () => {
  assistant = await seedAssistant({ log: (level, msg) => logs.push(`${level} ${msg}`) });
});
afterAll(async () => assistant?.cleanup());

/** Every user-facing text of a language, functions included (their template text). */
const wording = (m: object): string => JSON.stringify(m, (_k, v) => (typeof v === "function" ? String(v) : v));

describe("/about and what end users read", () => {
  it("/about says how many articles, the newest one's date and how it searches, in words", async () => {
    const about = await assistant.ask("a", "/about");
    expect(about.text).toContain("资料：1 篇文章，最新一篇发表于 2016-05-11");
    expect(about.text).toContain("离线检索");
    expect(about.text).not.toMatch(/hashed-ngram|\d{4}-\d\d-\d\dT\d\d/);
    const english = await assistant.ask("a", "/about", { lang: "en" });
    expect(english.text).toContain("Library: 1 articles, the newest published on 2016-05-11.\nRetrieval: offline retrieval");
  });

  it("declines an English question without telling the user to run npm; the operator's log says it, once", async () => {
    // Questions none of whose words the article uses (others are read with the dictionary: test/english.test.ts).
    const first = await assistant.ask("e", "Hello, how are you today?");
    await assistant.ask("e", "Good morning, anyone there?");
    expect(first.kind).toBe("needs-model");
    expect(first.text).not.toMatch(/npm|model:fetch/);
    const hints = logs.filter((l) => l.includes("npm run model:fetch"));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatch(/^warn /);
  });

  it("no user-facing wording, in either language, names an npm command", () => {
    for (const m of [zh, en]) expect(wording(m)).not.toMatch(/npm (run|start|ci|install)/);
  });
});
