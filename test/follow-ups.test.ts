import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationOf, loadQuestions } from "../bench/lib/questions.js";
import { createFollowUpCheck, type Asked } from "../src/follow-up-check.js";
import type { Reply } from "../src/index.js";
import { suggestQuestions } from "../src/answer/suggest.js";
import { loadCorpus } from "../src/corpus/load.js";
import { createTokenizer } from "../src/text/tokenize.js";
import { SEEDS, seedAssistant } from "./helpers.js";

describe("the follow-up check", () => {
  const suggestion = (question: string, passage = "d#1") => ({ question, passage });

  it("offers only questions answered from the passage they were made from, asking each once", async () => {
    const verdicts: Record<string, Asked> = {
      "A多少家？": { found: true, passage: "d#1" },
      "B多少个？": { found: false },
      "C多少元？": { found: true, passage: "d#2" },
      "D多少人？": { found: true, passage: "d#1" },
    };
    const asked: string[] = [];
    const check = createFollowUpCheck(async (q) => (asked.push(q), verdicts[q]!), { mode: "await" });
    const candidates = Object.keys(verdicts).map((q) => suggestion(q));
    expect((await check.pick(candidates, 2)).map((s) => s.question)).toEqual(["A多少家？", "D多少人？"]);
    expect((await check.pick(candidates, 2)).map((s) => s.question)).toEqual(["A多少家？", "D多少人？"]);
    expect(asked).toEqual(["A多少家？", "B多少个？", "C多少元？", "D多少人？"]);
    expect(await check.answers(suggestion("C多少元？", "d#2"))).toBe(true);
  });

  it("gives up after a few candidates, and treats a failing answer as no answer", async () => {
    let calls = 0;
    const check = createFollowUpCheck(async () => {
      calls++;
      throw new Error("boom");
    }, { maxTries: 3, mode: "await" });
    expect(await check.pick(Array.from({ length: 10 }, (_, i) => suggestion(`Q${i}`)), 2)).toEqual([]);
    expect(calls).toBe(3);
  });

  it("reads lazy candidates no further than it tries", async () => {
    const made: string[] = [];
    const lazy = function* () {
      for (let i = 0; i < 10; i++) (made.push(`Q${i}`), yield suggestion(`Q${i}`));
    };
    const check = createFollowUpCheck(async () => ({ found: true, passage: "d#1" }), { maxTries: 3, mode: "await" });
    expect((await check.pick(lazy(), 2)).map((s) => s.question)).toEqual(["Q0", "Q1"]);
    expect(made).toEqual(["Q0", "Q1"]);
    made.length = 0;
    const failing = createFollowUpCheck(async () => ({ found: false }), { maxTries: 3, mode: "await" });
    expect(await failing.pick(lazy(), 2)).toEqual([]);
    expect(made).toEqual(["Q0", "Q1", "Q2"]);
  });

  it("in the background, offers only what is already checked and checks the rest after the reply", async () => {
    let calls = 0;
    const check = createFollowUpCheck(async () => (calls++, { found: true, passage: "d#1" }));
    const candidates = [suggestion("A多少家？"), suggestion("B多少个？")];
    expect(await check.pick(candidates, 2)).toEqual([]);
    expect(calls).toBe(0); // nothing asked while the reply waited
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(2);
    expect(await check.pick(candidates, 2)).toEqual(candidates);
  });

  it("keeps at most maxQueued checks waiting in the background, however fast questions come", async () => {
    let calls = 0;
    let tasks = 0;
    const check = createFollowUpCheck(async () => (calls++, { found: true, passage: "d#1" }), { maxQueued: 3, maxTries: 10 });
    const candidates = Array.from({ length: 10 }, (_, i) => suggestion(`Q${i}多少家？`));
    expect(await check.pick(candidates, 10)).toEqual([]);
    for (let i = 0; i < 5; i++) void check.later(() => tasks++);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([calls, tasks]).toEqual([3, 0]);
    // Those left unchecked are checked when they come up again.
    expect(await check.pick(candidates, 10)).toEqual(candidates.slice(0, 3));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(6);
  });

  it("spreads examples over the corpus: one from each stretch", async () => {
    const check = createFollowUpCheck(async (q) => ({ found: true, passage: q.startsWith("x") ? "other" : "d#1" }));
    const candidates = ["x1", "a1", "a2", "x2", "b1", "b2", "x3", "x4", "c1"].map((q) => suggestion(q));
    expect((await check.spread(candidates, 3)).map((s) => s.question)).toEqual(["a1", "b1", "c1"]);
  });
});

describe("suggested questions in the background mode", () => {
  it("makes and checks a passage's suggestions after the first reply that cites it, and offers them in later ones", async () => {
    const assistant = await seedAssistant();
    try {
      const question = "崂山众创空间总面积将达到多少？";
      const first = await assistant.ask("bg1", question);
      expect(first.kind).toBe("answer");
      expect(first.followUps).toEqual([]); // nothing was checked yet, and the reply did not wait to make any
      await new Promise((resolve) => setTimeout(resolve, 500)); // the background: made, then checked
      const again = await assistant.ask("bg2", question);
      expect(again.followUps.length).toBeGreaterThan(0);
      for (const id of again.followUpIds!) expect(assistant.followUp?.(id)).toBeDefined();
    } finally {
      await assistant.cleanup();
    }
  });
});

describe("suggested questions in replies (question set, offline embedder)", () => {
  let assistant: Awaited<ReturnType<typeof seedAssistant>>;
  const replies: { asked: string; reply: Reply }[] = [];
  beforeAll(async () => {
    assistant = await seedAssistant({ followUpCheck: "await" });
    replies.push({ asked: "/help", reply: await assistant.ask("help", "/help") });
    for (const q of await loadQuestions()) replies.push({ asked: q.question, reply: await assistant.ask(conversationOf(q, "follow-ups"), q.question) });
  });
  afterAll(async () => assistant?.cleanup());

  it("made from the seed article are each answered, when asked afresh, from the passage they were made from", async () => {
    const passages = (await loadCorpus(SEEDS)).documents.flatMap((d) => d.passages);
    const made = suggestQuestions(passages, createTokenizer());
    expect(made.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const s of made) {
      const answer = await assistant.ask(`made:${s.question}`, s.question);
      if (answer.kind !== "answer" || answer.abstained || answer.citations[0]?.passage !== s.passage) failures.push(`${s.passage} ${s.question} → ${answer.citations[0]?.passage}: ${answer.text}`);
    }
    expect(failures).toEqual([]);
  });

  it("are each answered when asked, from a passage the reply cited", async () => {
    const offered = replies.flatMap(({ asked, reply }) => reply.followUps.map((f) => ({ asked, reply, f })));
    expect(offered.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const { asked, reply, f } of offered) {
      const answer = await assistant.ask(`fresh:${f}`, f);
      const fromCited = reply.kind !== "answer" || reply.citations.some((c) => c.passage === answer.citations[0]?.passage);
      if (answer.abstained || answer.kind !== "answer" || !fromCited) failures.push(`${asked} → ${f} → ${answer.kind}: ${answer.text}`);
    }
    expect(failures).toEqual([]);
  });
});

describe("follow-up ids", () => {
  it("give each suggested question a short id that any assistant over the same articles reads back", async () => {
    const first = await seedAssistant();
    const second = await seedAssistant(); // another process: nothing shared but the articles
    try {
      const help = await first.ask("ids", "/help");
      expect(help.followUpIds).toHaveLength(help.followUps.length);
      for (const [i, id] of help.followUpIds!.entries()) {
        expect(id).toMatch(/^[^~]+#\d+~[0-9a-z]{1,7}$/);
        expect(Buffer.byteLength(`k:${id}`)).toBeLessThanOrEqual(64);
        expect(second.followUp!(id)).toBe(help.followUps[i]);
      }
      const [id] = help.followUpIds!;
      expect(second.followUp!(id!.replace(/~.*$/, "~zzzz"))).toBeUndefined(); // no such question there
      expect(second.followUp!("no-such-article#1~abc")).toBeUndefined();
      expect(second.followUp!("not an id")).toBeUndefined();
    } finally {
      await first.cleanup();
      await second.cleanup();
    }
  });
});
