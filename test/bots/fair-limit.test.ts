import { describe, expect, it } from "vitest";
import { isQuestion, takeIfQuestion } from "../../bots/fair-limit.js";
import { createRateLimiter } from "../../src/index.js";

describe("fair limits", () => {
  it("counts questions and /ask, not commands", () => {
    expect(isQuestion("崂山众创空间总面积将达到多少？")).toBe(true);
    expect(isQuestion("/ask 崂山众创空间总面积将达到多少？")).toBe(true);
    expect(isQuestion("/ask@policy_qa_bot 问题")).toBe(true);
    for (const c of ["/help", "/start", "/about", "/reset", "/policies", "/source 000_4f5b4b3408eff9cd#3", "／help", "/ask", "  "]) {
      expect(isQuestion(c), c).toBe(false);
    }
  });

  it("refuses the question past the limit while commands still pass", async () => {
    const limiter = createRateLimiter({ limit: 2 });
    expect((await takeIfQuestion(limiter, "u", "问题一？")).ok).toBe(true);
    expect((await takeIfQuestion(limiter, "u", "/help")).ok).toBe(true);
    expect((await takeIfQuestion(limiter, "u", "问题二？")).ok).toBe(true);
    expect((await takeIfQuestion(limiter, "u", "/source x#1")).ok).toBe(true);
    expect((await takeIfQuestion(limiter, "u", "问题三？")).ok).toBe(false);
  });
});
