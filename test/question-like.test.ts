import { describe, expect, it } from "vitest";
import { looksLikeQuestion } from "../src/index.js";

describe("looksLikeQuestion", () => {
  it("knows a question by its mark, its question word or its final particle", () => {
    for (const q of [
      "崂山众创空间总面积将达到多少",
      "侨商创客谷是什么地方",
      "谁负责这个项目",
      "有哪些扶持政策",
      "今年能申请吗",
      "入驻要几个月",
      "这个园区在哪里？",
      "ok?",
      "What does the fund invest in",
    ]) {
      expect(looksLikeQuestion(q), q).toBe(true);
    }
  });

  it("leaves chatter alone, including everyday characters that are also question words", () => {
    for (const s of ["大家好，明天见", "几乎每个人都到了", "很多人都来了", "收到，谢谢", "", "   ", "ok thanks"]) {
      expect(looksLikeQuestion(s), s).toBe(false);
    }
  });
});
