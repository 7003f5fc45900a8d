import { describe, expect, it } from "vitest";
import { figuresIn, supportingCitations } from "../src/supporting.js";
import type { Citation } from "../src/index.js";

const cite = (passage: string, quote: string): Citation => ({ doc: "d", title: "t", date: "", passage, paragraph: 1, quote, score: 0.5 });

describe("supporting citations", () => {
  it("reads the figures an answer states, with their units, years aside", () => {
    expect(figuresIn("力争到2017年,新增创新创业主体1万户、打造企业100家，增长31.5%")).toEqual(["1万户", "100家", "31.5%"]);
  });

  it("keeps a second citation only when it holds the short answer or the same figure", () => {
    const first = cite("d#3", "崂山众创空间总面积将达150万平方米。");
    const same = cite("d#7", "到年底，众创空间总面积150万平方米的目标将实现。");
    const other = cite("d#8", "全区新认定高新技术企业52家。");
    const answer = { text: "崂山众创空间总面积将达150万平方米。" };
    expect(supportingCitations([first, same, other], answer)).toEqual([first, same]);
    expect(supportingCitations([first, other, same], { text: "前海", short: "金家岭金融聚集区" })).toEqual([first]);
    expect(supportingCitations([first, cite("d#9", "位于金家岭金融聚集区")], { text: "x", short: "金家岭金融聚集区" })).toHaveLength(2);
    expect(supportingCitations([], answer)).toEqual([]);
  });
});
