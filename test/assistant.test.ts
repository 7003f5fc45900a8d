import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAssistant } from "../src/index.js";
import { DOC, seedAssistant, tempDir } from "./helpers.js";

let assistant: Awaited<ReturnType<typeof seedAssistant>>;
beforeAll(async () => {
  assistant = await seedAssistant();
});
afterAll(async () => assistant.cleanup());

describe("answers", () => {
  it("cites the paragraph that holds the figure", async () => {
    const reply = await assistant.ask("t1", "崂山众创空间总面积将达到多少？");
    expect(reply.kind).toBe("answer");
    expect(reply.text).toContain("150万平方米");
    expect(reply.citations[0]).toMatchObject({ doc: DOC, passage: `${DOC}#3`, paragraph: 3, date: "2016-05-11" });
    expect(reply.citations[0]!.quote).toContain("150万平方米");
  });

  it("weighs nothing for the asker's adverbs and pronouns the articles never use (这次, 大概)", async () => {
    const plain = await assistant.ask("t-plain", "崂山众创空间总面积将达到多少？");
    const chatty = await assistant.ask("t-chatty", "这次崂山众创空间总面积大概将达到多少？");
    expect(chatty).toMatchObject({ kind: "answer", short: plain.short });
    expect(chatty.confidence).toBeCloseTo(plain.confidence!, 6);
  });

  it("answers when the article was published, with the date as the short answer", async () => {
    const r = await assistant.ask("t-published", "这篇文章是什么时候发表的？");
    expect(r).toMatchObject({ kind: "answer", abstained: false, short: "2016-05-11" });
    // The reply writes the date as Chinese does; the short answer stays ISO.
    expect(r.text).toContain("发表于2016年5月11日");
    expect(r.citations[0]!.doc).toBe(DOC);
  });

  it("quotes the corpus verbatim: every quote is a sentence of the cited passage", async () => {
    const reply = await assistant.ask("t2", "去年崂山区新增了多少市场主体？");
    const source = await assistant.ask("t2", `/source ${reply.citations[0]!.passage}`);
    expect(source.text).toContain(reply.citations[0]!.quote);
    expect(reply.text.replace(/。$/, "")).toSatisfy((t: string) => source.text.includes(t));
  });

  it("declines a question the articles cannot answer, and shows the nearest passages", async () => {
    const reply = await assistant.ask("t3", "青岛的平均房价是多少？");
    expect(reply.kind).toBe("not-found");
    expect(reply.abstained).toBe(true);
    expect(reply.citations.length).toBeGreaterThan(0);
    expect(reply.text).not.toMatch(/\d/);
  });

  it("does not answer from the unrelated headlines at the end of the page", async () => {
    const reply = await assistant.ask("t4", "烟台市委统战部做了什么？");
    expect(reply.abstained).toBe(true);
    expect(JSON.stringify(reply)).not.toContain("烟台");
  });

  it("resolves a follow-up to the earlier subject, and forgets it after /reset", async () => {
    await assistant.ask("t5", "侨商创客谷是什么地方？");
    const followUp = await assistant.ask("t5", "它年底前计划入驻多少家企业？");
    expect(followUp.text).toContain("15家");
    expect((await assistant.ask("t5", "/reset")).kind).toBe("reset");
  });

  it("keeps conversations apart", async () => {
    await assistant.ask("t6a", "青岛创客大街的运营机构是哪家公司？");
    await assistant.ask("t6b", "侨商创客谷是什么地方？");
    const reply = await assistant.ask("t6a", "它那里目前入孵了多少个项目？");
    expect(reply.text).toContain("56个");
  });

  it("reads English questions offline with the dictionary, and asks for Chinese, in both languages, when none of its words is found", async () => {
    const answered = await assistant.ask("t7", "How many new market entities did Laoshan add last year?");
    expect(answered.kind).toBe("answer");
    expect(answered.short).toBe("6585户");
    const reply = await assistant.ask("t7", "Hello, how are you today?");
    expect(reply.kind).toBe("needs-model");
    expect(reply.text).toMatch(/ask in Chinese/);
    expect(reply.text).toMatch(/中文/);
  });

  it("suggests follow-up questions that it can answer", async () => {
    const reply = await assistant.ask("t8", "崂山众创空间总面积将达到多少？");
    const help = await assistant.ask("t8", "/help");
    for (const q of [...reply.followUps, ...help.followUps]) {
      const r = await assistant.ask(`t8-${q}`, q);
      expect(r.kind, q).toBe("answer");
    }
    expect(help.followUps.length).toBeGreaterThan(0);
  });
});

describe("commands", () => {
  it("lists the policy documents, not the media platform 《青岛创客》", async () => {
    const reply = await assistant.ask("c1", "/policies");
    expect(reply.kind).toBe("policies");
    expect(reply.text).toContain("扶持科技服务业发展实施办法");
    expect(reply.text).toContain("行动计划");
    expect(reply.text).not.toContain("青岛创客》");
    expect(reply.citations.length).toBe(4);
  });

  it("answers about one policy by part of its name", async () => {
    const reply = await assistant.ask("c2", "扶持创客及科技型企业实施办法是什么时候出台的？");
    expect(reply.text).toContain("春节前");
  });

  it("shows a full passage by id, and explains a bad id", async () => {
    const ok = await assistant.ask("c3", `/source ${DOC}#6`);
    expect(ok.kind).toBe("source");
    expect(ok.text).toContain("科技创新委员会");
    const bad = await assistant.ask("c3", "/source nope#99");
    expect(bad.kind).toBe("invalid");
    expect(bad.text).toContain("nope#99");
    expect((await assistant.ask("c3", "/source")).kind).toBe("invalid");
  });

  it("tells about the library and how it searches", async () => {
    const reply = await assistant.ask("c4", "/about");
    expect(reply.text).toContain("离线检索");
    expect(reply.text).toMatch(/1 篇文章/);
  });

  it("accepts /ask and /start, and a bot suffix on commands", async () => {
    expect((await assistant.ask("c5", "/ask 崂山众创空间总面积将达到多少？")).text).toContain("150万平方米");
    expect((await assistant.ask("c5", "/start")).kind).toBe("help");
    expect((await assistant.ask("c5", "/help@policy_bot")).kind).toBe("help");
  });

  it("names an unknown command and points to /help", async () => {
    const reply = await assistant.ask("c6", "/frobnicate");
    expect(reply.kind).toBe("invalid");
    expect(reply.text).toMatch(/\/frobnicate.*\/help/);
  });

  it("lists passages for pickers, filtered by id or text", () => {
    expect(assistant.passages().length).toBe(8);
    expect(assistant.passages("科创委").map((p) => p.id)).toContain(`${DOC}#7`);
    expect(assistant.passages(`${DOC}#3`)[0]!.preview.length).toBeLessThanOrEqual(40);
  });
});

describe("bad input gets a clear reply, never a crash", () => {
  it.each([
    ["empty", ""],
    ["blank", "   \n\t "],
    ["emoji only", "🤔🤔🎉"],
    ["punctuation only", "？？？!!!"],
    ["control characters only", "\u0000\u0007\u001b"],
  ])("%s", async (_name, text) => {
    const reply = await assistant.ask("bad", text);
    expect(reply.kind).toBe("invalid");
    expect(reply.text.length).toBeGreaterThan(0);
  });

  it("refuses a 10,000-character message with its limit", async () => {
    const reply = await assistant.ask("bad", "崂山".repeat(5000));
    expect(reply.kind).toBe("invalid");
    expect(reply.text).toContain("500");
  });

  it("reads through control characters, HTML and Markdown in a question", async () => {
    for (const q of ["崂山众创空间\u0007总面积将达到多少？", "<b>崂山众创空间</b>总面积将达到多少？", "**崂山众创空间**总面积将达到`多少`？"]) {
      expect((await assistant.ask("bad", q)).text).toContain("150万平方米");
    }
  });

  it("says the library is empty when seeds/ is missing", async () => {
    const { dir, cleanup } = await tempDir();
    const empty = await createAssistant({ seedsDir: `${dir}/missing`, indexDir: dir, embedder: "hashed" });
    const reply = await empty.ask("x", "崂山众创空间总面积将达到多少？");
    expect(reply.kind).toBe("invalid");
    expect(reply.text).toContain("seeds/");
    expect((await empty.ask("x", "/help")).kind).toBe("help");
    await cleanup();
  });
});

/** An assistant over one article written to a fresh folder, for `use`; closed and the folder removed after, as it ends. */
async function withArticle(file: string, text: string, use: (one: Awaited<ReturnType<typeof createAssistant>>) => Promise<void>): Promise<void> {
  const { dir, cleanup } = await tempDir();
  const { writeFile } = await import("node:fs/promises");
  await writeFile(`${dir}/${file}`, text);
  const one = await createAssistant({ seedsDir: dir, indexDir: `${dir}/index`, embedder: "hashed" });
  try {
    await use(one);
  } finally {
    await one.close();
    await cleanup();
  }
}

describe("a larger library", () => {
  it("names at most ten articles in /help and counts the rest", async () => {
    const { dir, cleanup } = await tempDir();
    const { writeFile } = await import("node:fs/promises");
    for (let i = 0; i < 12; i++) await writeFile(`${dir}/a${String(i).padStart(2, "0")}.txt`, `文章${i}\n2020-01-0${(i % 9) + 1}\n正文第${i}段。\n`);
    const many = await createAssistant({ seedsDir: dir, indexDir: `${dir}/index`, embedder: "hashed" });
    const help = await many.ask("h", "/help");
    expect(help.text.match(/^· /gm)).toHaveLength(10);
    expect(help.text).toContain("另有 2 篇");
    await cleanup();
  });

  it("asks which article is meant by 这篇文章, listing each one's date newest first, and answers once a title names it", async () => {
    const { dir, cleanup } = await tempDir();
    const { copyFile } = await import("node:fs/promises");
    const articles = `${import.meta.dirname}/fixtures/articles`;
    for (const f of ["101_hefei_startups.txt", "102_chengdu_data.txt"]) await copyFile(`${articles}/${f}`, `${dir}/${f}`);
    const two = await createAssistant({ seedsDir: dir, indexDir: `${dir}/index`, embedder: "hashed" });
    const which = await two.ask("w", "这篇文章是什么时候发表的？");
    expect(which).toMatchObject({ kind: "answer", abstained: false });
    expect(which.short).toBeUndefined();
    expect(which.text).toMatch(/2 篇文章[\s\S]*成都[^\n]*2023-08-09[\s\S]*合肥[^\n]*2021-03-18/u);
    expect(which.citations.map((c) => c.date)).toEqual(["2023-08-09", "2021-03-18"]);
    const named = await two.ask("n", "合肥高新区那篇文章是什么时候发表的？");
    expect(named.short).toBe("2021-03-18");
    await two.close();
    await cleanup();
  });

  it("answers from an article of one line that ends without 。 (the line is its title and its text)", async () => {
    await withArticle("one-line.txt", "青岛市今年新建人才公寓3000套", async (one) => {
      const reply = await one.ask("a", "青岛市今年新建多少套人才公寓？");
      expect(reply).toMatchObject({ kind: "answer", abstained: false, short: "3000套" });
      expect(reply.citations[0]).toMatchObject({ doc: "one-line", paragraph: 1, quote: "青岛市今年新建人才公寓3000套" });
    });
  });

  it("answers who holds an office only from a sentence that names that office (not the 书记 for the 主任)", async () => {
    await withArticle("301_kechuang.txt", "某区成立科技创新委员会\n\n2024-05-10\n\n在区科创委挂牌成立大会上，区委书记张明远表示，科创委将统筹全区科技创新工作。\n\n区发展改革局副主任王丽介绍了扶持科技型企业的十项措施。\n", async (one) => {
      expect(await one.ask("a", "区科创委的主任是谁？")).toMatchObject({ kind: "not-found", abstained: true });
      expect((await one.ask("b", "区委书记是谁？")).text).toContain("张明远");
    });
  });

  it("answers who holds an office of the organisation the question names (not the 交通运输局's 局长 for the 财政局's)", async () => {
    await withArticle("302_drones.txt", "成都无人机物流航线达47条\n\n2024-11-02\n\n成都市交通运输局局长李红梅表示，全市已开通无人机物流配送航线47条。\n\n市发改委主任赵刚介绍，低空经济产业园已投入运营。\n", async (one) => {
      expect(await one.ask("a", "成都市财政局局长是谁？")).toMatchObject({ kind: "not-found", abstained: true });
      // Named whole or shortened.
      expect(await one.ask("b", "成都市交通局局长是谁？")).toMatchObject({ kind: "answer", short: "李红梅" });
      expect((await one.ask("c", "市发改委主任叫什么名字？")).text).toContain("赵刚");
    });
  });

  it("answers who holds an office from the sentence naming it, though a sentence about another office scores higher", async () => {
    await withArticle("304_homes.txt", "太原发布适老化改造办法\n\n2025-05-20\n\n太原市民政局局长郭建华介绍，太原市财政局今年安排改造资金5000万元，太原市老年人口达到86.7万人。\n\n市财政局副局长韩晓东表示，资金将实行先建后补。\n", async (one) => {
      expect(await one.ask("a", "太原市财政局副局长叫什么？")).toMatchObject({ kind: "answer", short: "韩晓东" });
      expect(await one.ask("b", "太原市财政局局长叫什么？")).toMatchObject({ kind: "not-found", abstained: true });
    });
  });

  it("reads a compound the articles never use by its parts they do (月工资 by 工资, 培训班 by 培训)", async () => {
    await withArticle("303_care.txt", "某市提高养老护理员待遇\n\n2024-09-12\n\n全市养老护理员平均工资达到每月5200元，比上年提高8%。\n\n市民政局今年举办护理技能培训42期，累计培训护理员3100人次。\n\n全市新建社区食堂120个，覆盖老年人口超过30万。\n", async (one) => {
      expect(await one.ask("a", "养老护理员的平均月工资是多少？")).toMatchObject({ kind: "answer", short: "5200元" });
      expect(await one.ask("b", "护理员月工资多少钱？")).toMatchObject({ kind: "answer", short: "5200元" });
      expect(await one.ask("c", "培训班办了多少期？")).toMatchObject({ kind: "answer", short: "42期", confidence: 1 });
    });
  });

  it("reads an undated article's date from its lead, and says when it has none", async () => {
    const { dir, cleanup } = await tempDir();
    const { writeFile } = await import("node:fs/promises");
    await writeFile(`${dir}/401_lead.txt`, "成都出台低空经济支持政策\n\n2024年11月20日，成都市政府办公厅印发低空经济支持政策，共22条。\n");
    const one = await createAssistant({ seedsDir: `${dir}`, indexDir: `${dir}/index`, embedder: "hashed" });
    const dated = await one.ask("a", "这篇报道是哪天发布的？");
    expect(dated).toMatchObject({ kind: "answer", short: "2024年11月20日" });
    expect(dated.text).toBe("《成都出台低空经济支持政策》发表于2024年11月20日。");
    await one.close();
    await writeFile(`${dir}/401_lead.txt`, "成都出台低空经济支持政策\n\n成都市政府办公厅近日印发低空经济支持政策，共22条。\n");
    const none = await createAssistant({ seedsDir: `${dir}`, indexDir: `${dir}/index2`, embedder: "hashed" });
    const undated = await none.ask("b", "这篇报道是哪天发布的？");
    expect(undated.text).toBe("《成都出台低空经济支持政策》没有注明发表日期。");
    expect(undated.short).toBeUndefined();
    await none.close();
    await cleanup();
  });

  it("does not give the 副主任 for the 主任, and answers who the 副主任 is", async () => {
    const { dir, cleanup } = await tempDir();
    const { copyFile } = await import("node:fs/promises");
    await copyFile(`${import.meta.dirname}/fixtures/articles/101_hefei_startups.txt`, `${dir}/101_hefei_startups.txt`);
    const one = await createAssistant({ seedsDir: dir, indexDir: `${dir}/index`, embedder: "hashed" });
    expect(await one.ask("a", "合肥高新区管委会主任是谁？")).toMatchObject({ kind: "not-found", abstained: true });
    const deputy = await one.ask("b", "合肥高新区管委会副主任是谁？");
    expect(deputy).toMatchObject({ kind: "answer", abstained: false });
    expect(deputy.text).toContain("王立新");
    // And the other way: the article names only the 局长.
    const { writeFile } = await import("node:fs/promises");
    await writeFile(`${dir}/201_civil.txt`, "长沙推进居家养老服务\n\n2024-09-26\n\n市民政局局长周建华在政策解读会上介绍了养老服务的新举措。\n");
    const both = await createAssistant({ seedsDir: dir, indexDir: `${dir}/index2`, embedder: "hashed" });
    expect(await both.ask("c", "长沙市民政局副局长是谁？")).toMatchObject({ kind: "not-found", abstained: true });
    expect((await both.ask("d", "长沙市民政局局长是谁？")).text).toContain("周建华");
    await both.close();
    await one.close();
    await cleanup();
  });
});
