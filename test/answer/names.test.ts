import { describe, expect, it } from "vitest";
import type { Document, Passage } from "../../src/corpus/corpus.js";
import { holdsNames, leadOf, namesOf, normalizedSentences } from "../../src/answer/names.js";
import { normalize } from "../../src/text/normalize.js";
import { createTokenizer } from "../../src/text/tokenize.js";

const tokenizer = createTokenizer();
const named = (question: string) => namesOf(tokenizer.tag(question), question, tokenizer);
const holds = (text: string, question: string) => holdsNames(normalize(text), named(question));

describe("the places and years a question names", () => {
  it("are not held by a paragraph about another place", () => {
    expect(holds("崂山区去年新增市场主体6585户。", "深圳去年新增了多少市场主体？")).toBe(false);
    expect(holds("深圳去年新增市场主体6585户。", "深圳去年新增了多少市场主体？")).toBe(true);
  });

  it("are only words that name a place, not common words jieba tags as places (上门, 台风)", () => {
    expect(named("园区打算组建一支多少人的队伍上门帮企业搞改造？").places).toEqual([]);
    expect(named("深圳派了多少人上门服务？").places).toEqual([["深圳"]]);
    // A place the dictionary lacks still counts when it ends like one.
    expect(named("长崎县有多少人口？").places.flat()).toContain("长崎县");
    // One character and a place's ending is a common word (重镇, 环海) unless the dictionary names it (漳州).
    expect(named("布里斯托是哪种贸易的重镇？").places.flat()).not.toContain("重镇");
    expect(named("纽西兰四面环海，主要敌人是什么？").places.flat()).not.toContain("环海");
    expect(named("漳州城被围了多久？").places.flat()).toContain("漳州");
  });

  it("count a city or county by its proper name and ending though jieba tags it a common noun (大同市)", () => {
    expect(named("请问大同市居家适老化改造每户补助标准是多少？").places).toEqual([["大同市", "大同"]]);
    expect(holds("太原市每户改造补助标准最高为5000元。", "大同市每户补助标准是多少？")).toBe(false);
    expect(holds("大同今年每户改造补助标准最高为5000元。", "大同市每户补助标准是多少？")).toBe(true);
    // Not a name with an ending: 开发区, 高新区.
    expect(named("开发区的补助标准是多少？").places).toEqual([]);
  });

  it("count a place by the shorter place inside the word jieba cut", () => {
    expect(holds("群岛现有民用机场1个，位于舟山的朱家尖岛。", "有多少个民用机场位于舟山群岛？")).toBe(true);
    expect(holds("纽西兰移民政策类似澳洲的白澳政策。", "纽西兰奉行和澳洲类似的哪一种移民政策？")).toBe(true);
    expect(holds("纽西兰移民政策类似美国。", "纽西兰奉行和澳洲类似的哪一种移民政策？")).toBe(false);
  });

  it("hold a year written in Chinese digits, without 年, or inside its decade", () => {
    expect(holds("於二零零五年七月一日，電腦學系遷移到資訊學院。", "电脑学系于2005年时搬迁到哪一个学院？")).toBe(true);
    expect(holds("在1848的選舉中，自由土黨反對奴隸制度的擴張。", "在1848年，反对奴隶制度扩张的党派为哪一个？")).toBe(true);
    expect(holds("20世紀50年代東德官方鼓勵社會主義現實主義。", "哪一种艺术形式在1950年代的东德被官方鼓励？")).toBe(true);
    expect(holds("二十世纪五十年代，东德官方鼓励这种艺术。", "1950年代的东德鼓励哪种艺术？")).toBe(true);
  });

  it("do not take another year, or the digits of a larger figure, for the year asked", () => {
    expect(holds("崂山区2016年的GDP增长8%。", "崂山区2015年的GDP是多少？")).toBe(false);
    expect(holds("到20世纪60年代，东德官方鼓励这种艺术。", "1950年代的东德鼓励哪种艺术？")).toBe(false);
    expect(named("1亿1234万5678年前处在中生代的哪一纪？").years).toEqual([]);
    expect(holds("投资2015万元建设。", "2015年投资了多少？")).toBe(false);
  });
});

describe("an article's lead", () => {
  const doc = (id: string, title: string, ...paragraphs: string[]): Document => ({
    id,
    file: `${id}.txt`,
    title,
    date: "",
    passages: paragraphs.map((text, i) => ({ id: `${id}#${i + 1}`, doc: id, paragraph: i + 1, text, start: 0, sentences: [] })),
  });
  const byzantium = [doc("a0", "拜占庭帝国", "拜占庭帝国又称东罗马帝国。"), doc("a1", "拜占庭帝国", "1204年，十字军攻陷君士坦丁堡。")];
  const documents = new Map(byzantium.map((d) => [d.id, d]));
  const question = "东罗马帝国遭到瓜分后，哪个国家继承了法统？";

  it("holds the subject every paragraph of the article is about, also when its paragraphs are files under one title", () => {
    expect(holdsNames(normalize("1204年，十字军攻陷君士坦丁堡。"), named(question), leadOf(documents, byzantium[1]!))).toBe(true);
    expect(holdsNames(normalize("1204年，十字军攻陷君士坦丁堡。"), named(question))).toBe(false);
  });

  it("is not the article's other paragraphs: a place mentioned in passing there is not the subject", () => {
    const news = doc("n", "崂山区倾力为创客筑巢", "崂山区去年新增市场主体6585户。", "崂山要打造青岛的深圳。");
    const docs = new Map([[news.id, news]]);
    expect(holdsNames(normalize(news.passages[0]!.text), named("深圳去年新增了多少市场主体？"), leadOf(docs, news))).toBe(false);
  });
});

describe("a paragraph's normalised sentences", () => {
  /** A passage whose sentences are the given slices of its text (or, with `text`, a sentence of its own). */
  const passage = (text: string, parts: { start: number; end: number; text?: string }[]): Passage => ({
    id: "a#1",
    doc: "a",
    paragraph: 1,
    text,
    start: 0,
    sentences: parts.map((p, i) => ({ id: `a#1.${i + 1}`, start: p.start, end: p.end, text: p.text ?? text.slice(p.start, p.end) })),
  });
  const each = (p: Passage) => p.sentences.map((s) => normalize(s.text));

  it("are each sentence normalised on its own, run together as the paragraph when they tile it", () => {
    const p = passage("據“統計”，總面積達３１．５萬平方米。產業園區已入駐企業", [
      { start: 0, end: 20 },
      { start: 20, end: 29 },
    ]);
    const { norms, joined } = normalizedSentences(p, p.sentences);
    expect(norms).toEqual(each(p));
    expect(joined).toBe(normalize(p.text));
  });

  it("are right for gaps, sentences that are not slices and characters that do not fold alone", () => {
    const gap = passage("第一句。 第二句。", [
      { start: 0, end: 4 },
      { start: 5, end: 9 },
    ]);
    const own = passage("國家統計。地區", [
      { start: 0, end: 5 },
      { start: 5, end: 7, text: "地區統計" },
    ]);
    const slow = passage("㗲國家。地區", [
      { start: 0, end: 4 },
      { start: 4, end: 6 },
    ]);
    for (const p of [gap, own, slow]) {
      const { norms, joined } = normalizedSentences(p, p.sentences);
      expect(norms).toEqual(each(p));
      expect(joined).toBe(each(p).join(""));
    }
  });
});
