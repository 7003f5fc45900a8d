import { describe, expect, it } from "vitest";
import { americanForms, createEnglishReader, glossKeys, type CorpusTerms } from "../../../src/lang/en/to-chinese.js";

/** A corpus that is one text: it uses a term when the text holds it, two together when one sentence holds both. */
const corpusOf = (text: string): CorpusTerms => ({
  df: (t) => (text.includes(t) ? 1 : 0),
  contains: (t) => text.includes(t),
  together: (a, b) => text.split("。").some((s) => s.includes(a) && s.includes(b)),
});

const TEXT =
  "合肥高新区管委会副主任王立新介绍，每年安排专项资金不少于3亿元。高新区将设立规模20亿元的天使投资基金。" +
  "“青创空间”由青岛创客联盟和青岛大学共同主办。去年新增市场主体6585户。";
const reader = createEnglishReader(corpusOf(TEXT));
/** The reading of a question that the corpus has words for. */
const read = async (question: string, by = reader) => (await by.toChinese(question))!;

describe("reading an English question as a Chinese one", () => {
  it("reads the question phrase as the Chinese question word that asks the same", async () => {
    expect((await read("How big is the angel investment fund?")).text).toBe("天使投资基金多少？");
    expect((await read("When will the angel investment fund be set up?")).text).toMatch(/什么时候？$/u);
    expect((await read("Which organizations co-host the Qingchuang Space?")).text).toContain("哪些");
    // "how much money" asks for a figure: "money" is not what is asked about.
    expect((await read("How much money does the angel investment fund get?")).text).toMatch(/^[^a-z]*多少[^a-z]*？$/u);
    expect((await read("By how much did the special funds grow?")).text).toContain("多少");
    // "how much does it get / is it": money (多少钱), whose figure a money unit carries.
    expect((await read("How much does the angel investment fund get?")).text).toContain("多少钱");
    expect((await read("How much special funding does the high-tech zone arrange each year?")).text).not.toContain("多少钱");
  });

  it("uses only words the corpus uses, besides the question word", async () => {
    const reading = (await read("How much special funding does the high-tech zone arrange each year?"));
    for (const { zh } of reading.terms) expect(TEXT, zh).toContain(zh);
    expect(reading.terms).toContainEqual({ en: "each year", zh: "每年" });
  });

  it("reads a year as Chinese writes it, and no phrase of function words run together (there in → 个中 \"therein\")", async () => {
    const corpus = corpusOf(TEXT + "到2027年累计培训托育从业人员5000名。个中原因很多。");
    const by = createEnglishReader(corpus);
    expect((await read("How many childcare workers will be trained by 2027?", by)).text).toContain("2027年");
    expect((await read("How many market entities are there in the high-tech zone?", by)).text).not.toContain("个中");
    // A phrase of content words still runs together ("maker space" → makerspace); one with a function word keeps its sense.
    expect((await read("How much special funding does the high-tech zone arrange each year?", by)).text).toContain("每年");
  });

  it("puts the whole before its part and the asked-about words before 是谁: the X of Y → Y X 是谁", async () => {
    expect((await read("Who is the deputy director of the management committee?")).text).toBe("管委会副主任是谁？");
  });

  it("finds a name the dictionary lacks by its pinyin (Qingchuang → 青创), and carries figures over as digits", async () => {
    expect((await read("Who hosts the Qingchuang Space?")).terms).toContainEqual({ en: "Qingchuang", zh: "青创" });
    expect((await read("Which year saw 6585 new market entities?")).text).toContain("6585");
  });

  it("keeps in English what is asked about when the corpus has no word for it, so the question declines", async () => {
    const reading = (await read("What is the population of Hefei?"));
    expect(reading.text).toBe("合肥population是什么？");
  });

  it("of a gloss's corpus words, takes the one a sentence uses with the question's other words", async () => {
    // "fund" glosses both 基金 and 资金: beside 天使投资 the text says 基金; were 资金 the one beside it, 资金.
    expect((await read("How big is the angel investment fund?")).terms).toContainEqual({ en: "fund", zh: "基金" });
    const swapped = createEnglishReader({ ...corpusOf(TEXT), together: (a, b) => [a, b].includes("资金") });
    expect((await read("How big is the angel investment fund?", swapped)).terms).toContainEqual({ en: "fund", zh: "资金" });
  });

  it("reads nothing when the corpus uses none of the question's words", async () => {
    expect(await reader.toChinese("Hello, how are you today?")).toBeUndefined();
  });

  it("reads the dictionary on the first English question only, naming the fix when it is missing", async () => {
    const missing = createEnglishReader(corpusOf(TEXT), { dictionaryFile: "/nonexistent/all.js" });
    await expect(missing.toChinese("Who is the deputy director?")).rejects.toThrow(/ENOENT|nonexistent/u);
  });

  it("finds a gloss by its words without asides, a leading 'to', or what a place is part of", () => {
    expect(glossKeys("to add (sth new)")).toEqual(["add"]);
    expect(glossKeys("area (of a floor, piece of land etc)")).toEqual(["area"]);
    expect(glossKeys("Laoshan district of Qingdao city 青島市|青岛市, Shandong")).toContain("laoshan district");
  });

  it("reads British spellings as CC-CEDICT's American ones (licence, centre, labour, organisation)", async () => {
    expect(americanForms("licences")).toEqual(["licenses"]);
    expect(americanForms("centre")).toEqual(["center"]);
    expect(americanForms("kilometres")).toEqual(["kilometers"]);
    expect(americanForms("labour")).toEqual(["labor"]);
    expect(americanForms("organisation")).toEqual(["organization"]);
    // Words that only end alike are left alone.
    expect(americanForms("hour")).toEqual([]);
    const licences = createEnglishReader(corpusOf("今年已收回近海捕捞许可证41张。全市设立服务中心12个。"));
    expect((await read("How many fishing licences were taken back this year?", licences)).terms).toContainEqual({ en: "licences", zh: "许可证" });
    expect((await read("How many service centres has the city set up?", licences)).terms).toContainEqual({ en: "centres", zh: "中心" });
  });

  it("reads a measure noun after a number as its unit (three years → 3年), and how many people as 多少人", async () => {
    const corpus = createEnglishReader(corpusOf("三年内新增普惠托位1.2万个，培训托育从业人员5000人。"));
    expect((await read("How many childcare places will be added over three years?", corpus)).terms).toContainEqual({ en: "three years", zh: "3年" });
    expect((await read("How many people will childcare training reach?", corpus)).text).toMatch(/多少人？$/u);
  });

  it("writes deputy and vice as 副 before the word read for what follows", async () => {
    // As the keyword index cuts it: 副 | 主任, no term 副主任.
    const split = createEnglishReader({ ...corpusOf(TEXT), df: (t) => (t !== "副主任" && TEXT.includes(t) ? 1 : 0) });
    const reading = await read("Who is the deputy director of the management committee?", split);
    expect(reading.text).toBe("管委会副主任是谁？");
    expect(reading.terms).toContainEqual({ en: "deputy director", zh: "副主任" });
  });
});
