import { describe, expect, it } from "vitest";
import { understand } from "../../src/answer/query.js";
import { readSpans } from "../../src/answer/short.js";
import { shapeKeys, SPAN_FEATURES, spanCandidates, type SpanShapes } from "../../src/answer/span.js";
import { createTokenizer } from "../../src/text/tokenize.js";

const tokenizer = createTokenizer([]);
const candidates = (sentence: string, question: string) => spanCandidates(sentence, understand(question, tokenizer), tokenizer);
const texts = (sentence: string, question: string) => candidates(sentence, question).map((s) => `${s.text}/${s.cls}`);

describe("span candidates", () => {
  it("hold ranges of figures and dates, qualified figures and dates placed within a period", () => {
    const got = texts("龙胆生长于海拔400米至1,700米的地区，已有超过1800个，高丽在14世纪末衰落，1959年到1961年大旱。", "海拔是多少米？");
    expect(got).toContain("400米至1,700米/figure");
    expect(got).toContain("超过1800个/figure");
    expect(got).toContain("14世纪末/date");
    expect(got.some((t) => t.startsWith("1959年到1961年/"))).toBe(true);
  });

  it("take the name right after an office for a person's, though jieba does not know it (副局长|周晓梅)", () => {
    expect(texts("发布会上，苏州市工业和信息化局副局长周晓梅介绍，全市共实施项目2.3万个。", "副局长叫什么名字？")).toContain("周晓梅/person");
    expect(understand("出席发布会的工信局副局长叫什么名字？", tokenizer).kind).toBe("person");
    expect(understand("这个项目叫什么名字？", tokenizer).kind).toBe("thing");
    // jieba cuts the surname off: 王|立新, 韩|卫东.
    expect(texts("合肥高新区管委会副主任王立新介绍，每年安排专项资金不少于3亿元。", "介绍新政的是谁？")).toContain("王立新/person");
    expect(understand("介绍这项政策的是哪个官员？", tokenizer).kind).toBe("person");
  });

  it("take a year for a date, not a count of years (2024年 against 3年)", () => {
    const got = texts("《若干政策措施》自2024年12月1日起施行，有效期3年。", "有效期是几年？");
    expect(got).toContain("2024年/date");
    expect(got).toContain("3年/figure");
  });

  it("mark the part of a date asked: the day for 哪天, the year for 哪一年", () => {
    const grain = SPAN_FEATURES.indexOf("grain");
    const of = (question: string) => Object.fromEntries(candidates("该政策自2024年12月1日起施行。", question).map((s) => [s.text, s.features[grain]]));
    expect(of("该政策从哪天开始施行？")).toMatchObject({ "2024年12月1日": 1, "2024年": 0 });
    expect(of("该政策是哪一年开始施行的？")).toMatchObject({ "2024年": 1, "2024年12月1日": 1 });
    expect(of("该政策什么时候开始施行？")["2024年12月1日"]).toBe(0);
  });

  it("never cut a written number: no span starts or ends inside 6,476 or 5000万", () => {
    const got = texts("地球体育场可以容纳6,476名观众，最初由加拿大联邦政府出资5000万加元建成。", "地球体育场能容纳多少名观众？");
    expect(got).toContain("6,476名/figure");
    expect(got.some((t) => /^(?:476|,476|万加元|加元)/u.test(t))).toBe(false);
    expect(got.some((t) => /^6\//u.test(t))).toBe(false);
    // The thousands separator ends no clause: the clause holds the whole figure.
    expect(got).toContain("地球体育场可以容纳6,476名观众/clause");
  });

  it("hold the marks they enclose paired: no span opens a title or a quote without closing it (签署《)", () => {
    const got = texts("双方签署《南北关系发展与和平繁荣宣言》。", "宣言是何时签订的？");
    expect(got).toContain("《南北关系发展与和平繁荣宣言》/title");
    expect(got.some((t) => /《[^》]*\/|^[^《]*》/u.test(t))).toBe(false);
    // A sentence whose quote opened in the sentence before keeps its spans.
    expect(texts("现在南昌空虚，可以一举攻破。”", "南昌怎么样？")).toContain("现在南昌空虚，可以一举攻破。”/clause");
  });

  it("take an organisation's name with 和 inside whole (住房和城乡建设局), up to the word that ends it", () => {
    expect(texts("市住房和城乡建设局牵头简化审批流程。", "由哪个部门牵头？")).toContain("市住房和城乡建设局/org");
    // jieba glues the office to the name's last character: 更新|局局长.
    expect(texts("武汉市住房和城市更新局局长王建军在发布会上介绍。", "王建军是哪个部门的局长？")).toContain("武汉市住房和城市更新局/org");
    // 和 between two things that are no organisation's name joins nothing.
    expect(texts("园区将建设厂房和仓库，总面积80万平方米。", "园区将建设什么？").some((t) => t.includes("和") && t.endsWith("/org"))).toBe(false);
  });

  it("take a year of an era with the common era's after it as one date (正德五年（1510年）)", () => {
    expect(texts("正德五年（1510年）十月，刘六、刘七在霸州起义。", "刘六和刘七是何时起义的？")).toContain("正德五年（1510年）/date");
    expect(texts("到2026年底，园区将实现全覆盖。", "园区什么时候实现全覆盖？")).toContain("2026年底/date");
  });

  it("never hold a span of marks alone", () => {
    const got = candidates("“理顺科技服务机制对崂山来说已刻不容缓。”", "崂山区成立了什么机构来理顺科技服务机制？");
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((s) => /[\p{L}\p{N}]/u.test(s.text))).toBe(true);
  });

  it("hold a transcribed name whole across its joiners, not only its first part", () => {
    const got = texts("条款由美国副财政部长亨利·迪克特·怀特设计。", "条款的设计者是谁？");
    expect(got).toContain("亨利·迪克特·怀特/person");
    expect(got).not.toContain("美国副财政部长亨利·迪克特·怀特/person");
  });

  it("mark an enumeration item whose neighbouring item the question names", () => {
    const sibling = SPAN_FEATURES.indexOf("listSibling");
    const spans = candidates("主要把土著蛮夷分成蛮人、俚人、僚人三种类型。", "蛮夷被分为三种，包括蛮人、僚人以及哪种？");
    expect(spans.find((s) => s.text === "俚人")!.features[sibling]).toBe(1);
    expect(spans.find((s) => s.text === "土著蛮夷")!.features[sibling]).toBe(0);
    const inTraditional = candidates("主要把土著蠻夷分成蠻人、俚人、僚人三種類型。", "蠻夷被分為三種，包括蠻人、僚人以及哪種？");
    expect(inTraditional.find((s) => s.text === "俚人")!.features[sibling]).toBe(1);
  });

  it("measure the question's text around its question word around each span", () => {
    const left = SPAN_FEATURES.indexOf("leftGrams");
    const right = SPAN_FEATURES.indexOf("rightGrams");
    const spans = candidates("该项目由青岛市政府投资建设，总额为8亿元。", "该项目由哪个机构投资建设？");
    const org = spans.find((s) => s.text === "青岛市政府")!;
    const other = spans.find((s) => s.text === "8亿元")!;
    expect(org.features[left]).toBeGreaterThan(0);
    expect(org.features[right]).toBe(1);
    expect(other.features[right]).toBe(0);
    expect(org.features[right]).toBeGreaterThan(other.features[right]!);
  });

  it("count a span's length and its characters the question holds by character, one outside the BMP included", () => {
    const length = SPAN_FEATURES.indexOf("logLength");
    const inQuestion = SPAN_FEATURES.indexOf("inQuestion");
    for (const name of ["张三丰", "张𠀾丰"]) {
      const span = candidates(`会长是${name}，任期三年。`, "会长是谁？").find((s) => s.text === name)!;
      expect(span.features[length]).toBe(Math.log(1 + 3));
      expect(span.features[inQuestion]).toBe(0);
    }
    const clause = candidates("会长是张𠀾丰，任期三年。", "会长是谁？").find((s) => s.text === "会长是张𠀾丰")!;
    expect(clause.features[length]).toBe(Math.log(1 + 6));
    expect(clause.features[inQuestion]).toBeCloseTo(2 / 6);
  });
});

describe("span candidates and their opening and closing words", () => {
  it("hold a clause without the connective that opens it, and mark connectives and postpositions", () => {
    const connective = SPAN_FEATURES.indexOf("connective");
    const postposition = SPAN_FEATURES.indexOf("postposition");
    const spans = candidates("他曾在北京工作，但晋廷因为冉闵称帝而不理。", "为何晋廷不理？");
    const whole = spans.find((s) => s.text === "但晋廷因为冉闵称帝而不理")!;
    const bare = spans.find((s) => s.text === "晋廷因为冉闵称帝而不理")!;
    expect(whole.features[connective]).toBe(1);
    expect(bare.features[connective]).toBe(0);
    const at = candidates("卢循之乱时他退却了。", "他在哪一个事件时退却？").find((s) => s.text === "卢循之乱时");
    expect(at?.features[postposition]).toBe(1);
  });
});

describe("what answers of the kind asked look like at their edges (SpanShapes)", () => {
  const [end, start] = [SPAN_FEATURES.indexOf("endShape"), SPAN_FEATURES.indexOf("startShape")];
  const shapes: SpanShapes = { end: { person: { 华: 1.2, 席: -1.5 } }, start: { person: { 张: 0.8 } } };
  const read = (question: string) =>
    Object.fromEntries(spanCandidates("张华就任市政协主席后，宣布投入3亿元。", understand(question, tokenizer), tokenizer, shapes).map((s) => [s.text, [s.features[end], s.features[start]]]));

  it("reads the asked kind's tables by the span's last and first characters (0 where they say nothing)", () => {
    const got = read("谁宣布投入3亿元？");
    expect(got["张华"]).toEqual([1.2, 0.8]);
    expect(got["市政协主席"]).toEqual([-1.5, 0]);
    expect(got["3亿元"]).toEqual([0, 0]);
    expect(read("投入了多少钱？")["张华"]).toEqual([0, 0]);
  });

  it("keys a span by its last and first characters, a digit as 0 and a Latin letter as a", () => {
    expect(shapeKeys("主席张华", 2, 4)).toEqual(["华", "张"]);
    expect(shapeKeys("共7项Q", 1, 4)).toEqual(["a", "0"]);
  });

  it("lead the committed model to the person asked, not the office they took (张华, not 市政协主席)", () => {
    for (const [sentence, question, name] of [
      ["张华就任市政协主席后，宣布启动新一轮城市更新计划。", "谁宣布启动新一轮城市更新计划？", "张华"],
      ["王芳当选区妇联主席后，提出了三项帮扶措施。", "谁提出了三项帮扶措施？", "王芳"],
    ] as const)
      expect(readSpans(sentence, understand(question, tokenizer), tokenizer).best).toBe(name);
  });
});
