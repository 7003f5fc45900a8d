import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { surerNear, tenseAsked, tenseFirst } from "../../src/answer/answer.js";
import { SENTENCE_FEATURES } from "../../src/answer/features.js";
import { createAssistant } from "../../src/assistant.js";
import { normalize } from "../../src/text/normalize.js";

/** Candidate sentences, best first, with the sentence model's scores. */
const scored = (...sentences: [string, number][]) => sentences.map(([text, score]) => ({ norm: normalize(text), score, text }));
const first = (question: string, candidates: ReturnType<typeof scored>, within = 1.4) => {
  const asked = tenseAsked(normalize(question));
  if (asked) tenseFirst(candidates, asked, within);
  return candidates[0]!.text;
};

const GOAL = "到2027年底，全市力争建成加氢站30座，推广新能源重型货车5000辆。";
const NOW = "目前，全市已建成投用加氢站9座。";

describe("what is so and what is planned", () => {
  it("puts first a sentence of what is so, scored near the best, when the question asks what is so and the best states only a goal", () => {
    expect(first("青岛目前已经建成了几座加氢站？", scored([GOAL, 2.0], [NOW, 1.2]))).toBe(NOW);
    expect(first("去年底全市有几座加氢站？", scored([GOAL, 2.0], [NOW, 1.2]))).toBe(NOW);
  });

  it("puts first a sentence stating a goal when the question asks the goal", () => {
    expect(first("到2027年青岛要建成几座加氢站？", scored([NOW, 2.0], [GOAL, 1.2]))).toBe(GOAL);
  });

  it("leaves the order when the tenses agree, nothing is asked of them, or the other sentence scores far below", () => {
    expect(first("青岛目前已经建成了几座加氢站？", scored([NOW, 2.0], [GOAL, 1.9]))).toBe(NOW);
    expect(first("青岛建成了几座加氢站？", scored([GOAL, 2.0], [NOW, 1.9]))).toBe(GOAL);
    expect(first("青岛目前已经建成了几座加氢站？", scored([GOAL, 3.0], [NOW, 1.0]))).toBe(GOAL);
    // A rule (按…给予补贴) is no more what is so than a goal.
    const rule = "对完成交易的企业，按交易额的10%给予补贴，每年最高100万元。";
    const fact = "去年全市技术合同成交额达到22.88亿元。";
    expect(first("去年全市技术交易额有多少？", scored([rule, 2.0], [fact, 1.2]))).toBe(fact);
    // A sentence stating both (截至…已…, 到2027年…) is not a goal only.
    const both = "截至去年底已建成加氢站9座，到2027年建成30座。";
    expect(first("青岛目前已经建成了几座加氢站？", scored([both, 2.0], [NOW, 1.9]))).toBe(both);
  });

  it("declines what is so when the articles state only the goal", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tense-"));
    const article = "绍兴发布充电设施新政\n\n2025-06-18\n\n绍兴市发展和改革委员会日前印发充电设施建设行动方案。到2027年，全市力争建成公共充电站1000座，实现乡镇全覆盖。\n";
    await writeFile(join(dir, "601_charging.txt"), article);
    const assistant = await createAssistant({ seedsDir: dir, indexDir: join(dir, "index"), embedder: "hashed" });
    try {
      expect(await assistant.ask("g1", "到2027年绍兴力争建成多少座公共充电站？")).toMatchObject({ kind: "answer", short: "1000座" });
      expect(await assistant.ask("g2", "绍兴目前已经建成了多少座公共充电站？")).toMatchObject({ kind: "not-found", abstained: true });
    } finally {
      await assistant.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the best sentence too unsure to answer by", () => {
  const at = (fit: number) => SENTENCE_FEATURES.map((f) => (f === "fit" ? fit : 0));
  const candidate = (text: string, score: number, confidence: number, fit = 1) => ({ text, score, confidence, features: at(fit) });
  const lines = candidate("宁波舟山港将新增跨境电商海运快线12条。", 9.3, 0.37);
  const measures = candidate("宁波推出20条措施。", 8.8, 0.54);

  it("gives way to one scored near it that covers enough of the question and holds what is asked as well", () => {
    expect(surerNear([lines, measures], lines, 0.38, 1.4)?.text).toBe(measures.text);
  });

  it("does not when it is sure enough, the other is scored far below, holds less of what is asked, or is not allowed", () => {
    expect(surerNear([lines, measures], { ...lines, confidence: 0.4 }, 0.38, 1.4)).toBeUndefined();
    expect(surerNear([lines, { ...measures, score: 7 }], lines, 0.38, 1.4)).toBeUndefined();
    expect(surerNear([lines, candidate("3月14日，管委会召开发布会。", 8.8, 0.6, 0)], lines, 0.38, 1.4)).toBeUndefined();
    expect(surerNear([lines, measures], lines, 0.38, 1.4, () => false)).toBeUndefined();
  });
});
