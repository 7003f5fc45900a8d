import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { understand } from "../../src/answer/query.js";
import { readSpans, wholeDate, wholeName } from "../../src/answer/short.js";
import { SPAN_FEATURES, spanCandidates } from "../../src/answer/span.js";
import { modelWeights } from "../../src/answer/weights.js";
import { scriptOf, toSimplified } from "../../src/lang/zh/script.js";
import { normalize } from "../../src/text/normalize.js";
import { createTokenizer } from "../../src/text/tokenize.js";
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
    // The reply's own words follow the question's script; the quote stays the article's.
    expect(reply.lang).toBe("zh-Hant");
    const declined = await assistant.ask("short:4", "臺北市的捷運路網有多長？");
    expect(declined.abstained).toBe(true);
    expect(declined.text).toContain("資料中沒有找到");
    expect((await assistant.ask("short:5", "崂山众创空间总面积将达到多少？")).lang).toBe("zh");
  });
});

describe("the span reading that re-ranks sentences", () => {
  it("scores a sentence holding an answer of the kind asked above one that only repeats the question", async () => {
    const { readSpans } = await import("../../src/answer/short.js");
    const { understand } = await import("../../src/answer/query.js");
    const { corpusTerms, createTokenizer } = await import("../../src/text/tokenize.js");
    const holds = "到2020年，崂山众创空间总面积将达到150万平方米。";
    const repeats = "崂山众创空间总面积将进一步扩大，成为创业者的聚集地。";
    const tokenizer = createTokenizer(corpusTerms([holds, repeats]));
    const query = understand("崂山众创空间总面积将达到多少？", tokenizer);
    const [a, b] = [readSpans(holds, query, tokenizer), readSpans(repeats, query, tokenizer)];
    expect(a.best).toMatch(/150万平方米/u);
    expect(a.support).toBeGreaterThan(b.support);
    expect(readSpans("。", query, tokenizer)).toEqual({ support: 0 });
  });

  it("comes with a fitted weight and reach that the weights file checks", async () => {
    const { checkWeights } = await import("../../src/answer/weights.js");
    const { WEIGHTS } = await import("../../src/answer/weights-data.js");
    const w = checkWeights();
    expect(w.sentence.rerank?.support).toBeGreaterThan(0);
    const data = WEIGHTS as { sentence: object };
    expect(() => checkWeights({ ...(data as object), sentence: { ...data.sentence, rerank: { support: -1, within: 1 } } })).toThrow();
  });
});

describe("what the question pins down", () => {
  const tokenizer = createTokenizer([]);
  const read = (sentence: string, question: string) => readSpans(sentence, understand(question, tokenizer), tokenizer).best;

  it("gives a figure in the unit the question names (几个百分点 → 1.8个百分点, not 1.8)", () => {
    expect(read("全市高新技术产业产值占规上工业比重达到52.3%，比上年提高1.8个百分点。", "高新技术产业产值占比比上年提高了几个百分点？")).toBe("1.8个百分点");
    expect(read("一季度全市新能源汽车占新车上牌比重达46.2%，比去年同期高6.1个百分点。", "新能源汽车上牌比重比去年同期高了几个百分点？")).toBe("6.1个百分点");
    // 日 and 天 measure the same.
    expect(read("按规定，其上映期间不得少于7天，且须在本市影院连续放映。", "上映期间不得少于几日？")).toBe("7天");
  });

  it("gives the day when the day is asked (哪天 → 2025年4月8日, not 2025年)", () => {
    expect(read("该市于2025年4月8日正式公布老旧小区加装电梯新政，补贴标准提高到每台20万元。", "加装电梯新政是哪天公布的？")).toBe("2025年4月8日");
  });

  it("reads a date cut short where the sentence's date goes on whole, unless the year is asked", () => {
    const sentence = "“青年安居十条”自2024年8月1日起施行，有效期至2028年12月31日。";
    const read = (question: string) => {
      const query = understand(question, tokenizer);
      const spans = spanCandidates(sentence, query, tokenizer);
      return spans[wholeDate(sentence, spans, spans.findIndex((s) => s.text === "2024年"), query)]!.text;
    };
    expect(read("“青年安居十条”从什么时候起施行？")).toBe("2024年8月1日");
    expect(read("“青年安居十条”是哪一年开始施行的？")).toBe("2024年");
  });

  it("reads a name with the noun the question asks for when the sentence writes it right after (哪所小学 → 南昌路小学)", () => {
    expect(read("渠成是江苏南京人，小学就读于南昌路小学，四年级进入南京市足球代表队。", "渠成小学就读于哪所小学？")).toBe("南昌路小学");
    // Not a noun the question goes on to say something of, nor a verb.
    expect(read("明仁对明治天皇、特别是昭和天皇感情深厚。", "明仁和哪一个天皇感情特别深厚？")).not.toMatch(/感情/u);
    expect(read("相对于以「银币」作为主要收入的普通市民，军队的薪酬相当稳定。", "普通市民以什么作为主要收入？")).not.toMatch(/作为/u);
  });

  it("reads an organisation asked with the words that end its name right after it (人民政府|办公厅)", () => {
    expect(read("《实施办法》由济南市人民政府办公厅印发，自2025年3月1日起施行。", "《实施办法》是由哪个单位印发的？")).toBe("济南市人民政府办公厅");
    expect(read("3月5日，合肥市人民政府新闻办公室召开新闻发布会。", "发布会是哪个机构召开的？")).toBe("合肥市人民政府新闻办公室");
  });

  it("gives the figure whose own label holds what the question tells apart, of figures stated side by side", () => {
    expect(read("对新入职养老机构的毕业生，按本科3万元、专科2万元、中职1万元标准给予一次性奖励。", "专科毕业生能拿多少奖励？")).toBe("2万元");
    expect(read("对本科毕业生，给予每人每月600元租房补贴；硕士研究生每人每月1000元，博士研究生每人每月1500元。", "硕士研究生每月能领多少租房补贴？")).toBe("1000元");
    // A figure a noun follows counts that noun: it is not compared by the text before it.
    expect(read("溧阳境内拥有2处国家湿地公园，1处国家森林公园。", "溧阳境内有多少处国家森林公园？")).toBe("1处");
  });

  it("reads a date whole with the part of its time that follows (2026年底), and an era's year with its gloss", () => {
    const whole = (sentence: string, question: string, from: string) => {
      const query = understand(question, tokenizer);
      const spans = spanCandidates(sentence, query, tokenizer);
      return spans[wholeDate(sentence, spans, spans.findIndex((s) => s.text === from), query)]!.text;
    };
    const end = "到2026年底，园区将实现规上工业企业全覆盖，数控化率达到75%。";
    expect(whole(end, "园区计划在什么时候实现全覆盖？", "2026年")).toBe("2026年底");
    expect(whole(end, "园区计划在哪一年实现全覆盖？", "2026年")).toBe("2026年");
    // An approximation is not part of the date; a century asked is the century.
    expect(whole("有文字记载的韩国文学约在公元前1世纪左右出现。", "韩国文学何时出现？", "公元前1世纪")).toBe("公元前1世纪");
    expect(whole("中国一直到20世纪初还是君主制的国家。", "中国在哪一世纪仍是君主制国家？", "20世纪")).toBe("20世纪");
    const era = "正德五年（1510年）十月，刘六、刘七在霸州起义。";
    expect(whole(era, "刘六和刘七是何时起义的？", "1510年")).toBe("正德五年（1510年）");
    expect(whole(era, "刘六和刘七是何时起义的？", "正德五年")).toBe("正德五年（1510年）");
  });

  it("reads no date from the years a title covers when the sentence has a date of its own", () => {
    const sentence = "2025年6月18日，记者从绍兴市发改委获悉，绍兴市人民政府办公厅近日印发《绍兴市充电基础设施建设实施方案（2025—2027年）》。";
    const best = read(sentence, "绍兴充电设施实施方案是什么时候印发的？");
    expect(best).not.toMatch(/2027/u);
    expect(best).toMatch(/2025年6月18日/u);
  });

  it("reads a piece of a transcribed name as the whole name, not one that runs on past it", () => {
    const whole = (sentence: string, piece: string) => {
      const spans = spanCandidates(sentence, understand("谁饰演市长？", tokenizer), tokenizer);
      return spans[wholeName(sentence, spans, spans.findIndex((s) => s.text === piece))]!.text;
    };
    const sentence = "这部电影在北爱尔兰的贝尔法斯特拍摄，贝尔·默里饰演市长。";
    expect(whole(sentence, "贝尔")).toBe("贝尔·默里");
    expect(whole(sentence, "默里")).toBe("贝尔·默里");
    // Not a piece: no joiner next to it.
    expect(whole(sentence, "北爱尔兰")).toBe("北爱尔兰");
    expect(read(sentence, "谁饰演市长？")).toBe("贝尔·默里");
  });

  it("reads no span without a number when a figure is asked and the sentence has one", () => {
    // A model that likes the sentence's subject best (企业) still reads a figure.
    const span = modelWeights().span;
    const likesSubject = { ...span, trees: [], weights: SPAN_FEATURES.map((f) => (f === "startsSentence" ? 10 : 0)) };
    const sentence = "企业为员工提供技能培训的，每个岗位给予2000元补贴。";
    expect(readSpans(sentence, understand("每个岗位补贴多少钱？", tokenizer), tokenizer, likesSubject).best).toMatch(/\d/u);
    expect(readSpans(sentence, understand("谁为员工提供技能培训？", tokenizer), tokenizer, likesSubject).best).toMatch(/^企业/u);
    // A figure without a number (多段) leaves the spans as they are: some span is read.
    const many = "她曾遇上多段恋情，但最终由于种种原因，爱情未能开花结果。";
    expect(readSpans(many, understand("她病逝的时候享年几岁？", tokenizer), tokenizer).best).toBeTruthy();
  });
});
