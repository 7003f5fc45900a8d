import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptOf, toSimplified } from "../../src/lang/zh/script.js";
import { normalize } from "../../src/text/normalize.js";
import { seedAssistant } from "../helpers.js";

let assistant: Awaited<ReturnType<typeof seedAssistant>>;
beforeAll(async () => {
  assistant = await seedAssistant();
});
afterAll(async () => assistant.cleanup());

describe("the short answer", () => {
  it("is the figure with its unit, cited from the paragraph that holds it", async () => {
    const reply = await assistant.ask("short:1", "崂山众创空间总面积将达到多少？");
    expect(reply.abstained).toBe(false);
    expect(reply.short).toMatch(/^达?150万平方米$/u);
    expect(reply.citations[0]!.paragraph).toBe(3);
    expect(reply.citations[0]!.quote).toContain(reply.short);
  });

  it("is absent when the assistant declines", async () => {
    const reply = await assistant.ask("short:2", "青岛的平均房价是多少？");
    expect(reply.abstained).toBe(true);
    expect(reply.short).toBeUndefined();
  });
});

describe("Traditional script", () => {
  it("folds character for character, so offsets stay valid", () => {
    const t = "嶗山眾創空間總面積將達到多少？";
    expect(toSimplified(t)).toBe("崂山众创空间总面积将达到多少？");
    expect(normalize(t)).toHaveLength(t.length);
    expect(scriptOf(t)).toBe("traditional");
    expect(scriptOf("崂山众创空间")).toBe("simplified");
  });

  it("answers a Traditional question from a Simplified article, quoting the article as written", async () => {
    const reply = await assistant.ask("short:3", "嶗山眾創空間總面積將達到多少？");
    expect(reply.abstained).toBe(false);
    expect(reply.short).toMatch(/150万平方米/u);
    expect(reply.citations[0]!.quote).toContain("崂山众创空间总面积将达150万平方米");
  });
});
