import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Assistant } from "../../src/index.js";
import { DOC } from "../helpers.js";
import { formatAssistant } from "./make-fixtures.js";

/** The acceptance corpus: the seed article plus one article per format and encoding. */
describe("a seeds folder of every format and encoding", () => {
  let assistant: Assistant;
  const logs: string[] = [];
  beforeAll(async () => {
    assistant = await formatAssistant([], { log: (level, msg) => logs.push(`${level} ${msg}`) });
  });
  afterAll(() => assistant.close());

  it.each([
    ["the seed article (.txt)", "崂山众创空间总面积将达到多少？", DOC, "150万平方米"],
    ["Markdown", "开办补贴最高多少？", "startup.md", "开办补贴：最高20万元"],
    ["HTML", "黄岛区计划新建多少套人才公寓？", "housing.html", "3200套"],
    ["PDF", "市南区今年发放科技创新券总额多少？", "report.pdf", "8000万元"],
    ["Word", "首次创办小微企业的大学生可以获得多少创业补贴？", "notice.docx", "1.5万元"],
    ["GBK text", "李沧区今年新增城市绿地多少公顷？", "greening", "45公顷"],
    ["UTF-16 text", "城阳区轨道交通3号线延长线全长多少公里？", "metro", "27公里"],
  ])("answers from %s, quoting its text without markup", async (_format, question, doc, fact) => {
    const reply = await assistant.ask(`c-${doc}`, question);
    expect(reply.kind).toBe("answer");
    expect(reply.text).toContain(fact);
    expect(reply.citations[0]!.doc).toBe(doc);
    expect(reply.citations[0]!.quote).toContain(fact);
    for (const c of reply.citations) expect(c.quote).not.toMatch(/\*\*|^\s*[-*+] |<\/?\w+[^>]*>|\]\(/u);
  });

  it("logs each file with its passage count, and the encoding when not UTF-8", () => {
    for (const file of [`${DOC}.txt`, "startup.md", "housing.html", "report.pdf", "notice.docx", "greening.txt", "metro.txt"]) {
      expect(logs.some((l) => l.startsWith("info ") && l.includes(`${file}: `) && / \d+ passages/u.test(l))).toBe(true);
    }
    expect(logs.some((l) => l.includes("greening.txt") && l.includes("read as GB18030"))).toBe(true);
    expect(logs.some((l) => l.includes("metro.txt") && l.includes("read as UTF-16LE"))).toBe(true);
  });

  it("keeps the seed article's passage ids", async () => {
    const reply = await assistant.ask("c-source", `/source ${DOC}#3`);
    expect(reply.kind).toBe("source");
    expect(reply.citations[0]!.passage).toBe(`${DOC}#3`);
  });

  it("lists every article with its date in /help", async () => {
    const reply = await assistant.ask("c-help", "/help");
    for (const title of ["黄岛区启动人才公寓建设（2023-11-02）", "市南区发放科技创新券 助力中小企业研发（2023-09-06）", "城阳区地铁3号线延长线开工（2016-05-11）"]) {
      expect(reply.text).toContain(title);
    }
  });
});
