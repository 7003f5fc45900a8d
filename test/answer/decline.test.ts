import { describe, expect, it } from "vitest";
import { askedKnown, askingWords, partsKnown } from "../../src/answer/focus.js";
import { declineThreshold } from "../../scripts/decline-threshold.js";
import { createTokenizer } from "../../src/text/tokenize.js";

describe("a focus word the articles never write whole", () => {
  const tokenizer = createTokenizer();
  const inText = (text: string) => (w: string) => text.includes(w);

  it("is known when the articles hold each of its words", () => {
    expect(partsKnown("研究成果", tokenizer, inText("他的研究获得了多项成果"))).toBe(true);
  });

  it("is known when the articles hold its head, the word that ends it (月工资 is a kind of 工资)", () => {
    expect(partsKnown("月工资", tokenizer, inText("平均工资达到5200元"))).toBe(true);
    // 培训 is not what 培训班 is.
    expect(partsKnown("培训班", tokenizer, inText("举办培训42期"))).toBe(false);
  });

  it("is not when one of its words is missing, or it is too short to split", () => {
    expect(partsKnown("研究成果", tokenizer, inText("他的研究很深入"))).toBe(false);
    expect(partsKnown("租金", tokenizer, inText("租金"))).toBe(false);
  });
});

describe("the word a question asks about", () => {
  const tokenizer = createTokenizer();
  const inText = (text: string) => (w: string) => text.includes(w);
  const known = (asked: string, question: string, text: string) => askedKnown(asked, question, tokenizer.tag(question), tokenizer, inText(text));

  it("is unknown when the articles never write it", () => {
    expect(known("租金", "侨商创客谷的入驻租金是多少？", "侨商创客谷入驻企业15家")).toBe(false);
  });

  it("is matched as text, even when it holds characters a pattern would read as syntax", () => {
    // (Words come normalised, as the tagger gives them: c++.)
    expect(known("c++", "哪个C++标准加入了模块？", "java标准")).toBe(true);
    expect(known("c++", "C++是谁设计的？", "java由高斯林设计")).toBe(false);
  });

  it("is only the kind of answer after 哪种/哪位, in either script", () => {
    expect(known("人种", "哪種人種佔80-90%都投票給民主黨候選人？", "黑人选民多投票给民主党")).toBe(true);
    expect(known("帝王", "元皇后是哪位帝王的皇后？", "元皇后是北齐孝昭帝高演的皇后")).toBe(true);
  });

  it("is not a sign when jieba guessed two characters across words", () => {
    expect(known("论为", "君主論為誰所寫的？", "《君主论》是马基维利所写")).toBe(true);
  });
});

describe("the words of a question that only ask", () => {
  const tokenizer = createTokenizer();
  const asking = (question: string) => [...askingWords(tokenizer.words(question), tokenizer.tag(question))].sort();

  it("are its question words and what jieba cut from them", () => {
    expect(asking("他在哪一年出生？")).toEqual(["一年", "哪一年"]);
    expect(asking("茶在中國的哪一個時期成為宮廷飲料？")).toEqual(["一个"]);
    expect(asking("甚麼時候建成？")).toEqual(["甚么"]);
  });

  it("are not words that only look like them", () => {
    expect(asking("任何人几乎都能参加吗？")).toEqual([]);
    expect(asking("一个人可以领多少补贴？")).toEqual([]);
  });
});

describe("the decline threshold", () => {
  const rows = (set: "cmrc" | "drcd", confidences: number[], ruled = 0) =>
    confidences.map((confidence, i) => ({ confidence, unanswerable: false, set, ruled: i >= confidences.length - ruled }));

  it("is the lowest of the sets' quantiles of answerable confidences", () => {
    const cmrc = rows("cmrc", Array.from({ length: 100 }, (_, i) => i / 100));
    const drcd = rows("drcd", Array.from({ length: 100 }, (_, i) => 0.5 + i / 200));
    expect(declineThreshold([...cmrc, ...drcd], 0.04)).toBe(0.04);
  });

  it("leaves room for what the rules decline whatever the confidence", () => {
    const cmrc = rows("cmrc", Array.from({ length: 100 }, (_, i) => i / 100), 3);
    // 4 of 100 may be declined, 3 already are by the rules: one more by confidence.
    expect(declineThreshold(cmrc, 0.04)).toBe(0.01);
    expect(declineThreshold(rows("cmrc", Array.from({ length: 100 }, (_, i) => i / 100), 4), 0.04)).toBe(0);
  });

  it("ignores unanswerable questions", () => {
    const cmrc = rows("cmrc", Array.from({ length: 100 }, (_, i) => i / 100));
    const unanswerable = Array.from({ length: 50 }, () => ({ confidence: 0.9, unanswerable: true, set: "cmrc" as const }));
    expect(declineThreshold([...cmrc, ...unanswerable], 0.04)).toBe(0.04);
  });
});
