import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDocx } from "../../src/corpus/formats/docx.js";
import { readHtml } from "../../src/corpus/formats/html.js";
import { readMarkdown } from "../../src/corpus/formats/markdown.js";
import { readPdf } from "../../src/corpus/formats/pdf.js";
import { buildDocument } from "../../src/corpus/parse.js";
import { FIXTURES, makeDocx, NOTICE } from "./make-fixtures.js";

const texts = (blocks: { text: string }[]) => blocks.map((b) => b.text);

describe("readMarkdown", () => {
  it("quotes text without markup: no **, no list dashes, no link targets", async () => {
    const doc = buildDocument("startup.md", "startup.md", readMarkdown(await readFile(join(FIXTURES, "startup.md"), "utf8")));
    expect(doc.title).toBe("青岛出台创业扶持新政 大学生创业最高可获20万元");
    expect(doc.date).toBe("2024-03-18");
    const passages = doc.passages.map((p) => p.text);
    expect(passages[0]).toBe("本报记者 王晓明");
    expect(passages).toContain("开办补贴：最高20万元");
    expect(passages).toContain("市人社局有关负责人表示，新政策自4月1日起受理申请，申请人可通过青岛人社网上服务大厅在线办理。");
    expect(passages).toContain("一次性创业岗位开发补贴 每个岗位2000元");
    expect(passages.join("\n")).not.toMatch(/\*\*|^- |\]\(|https?:|---/mu);
  });

  it("takes title and date from front matter when the text has no heading", () => {
    const read = readMarkdown("---\ntitle: 前言里的标题\ndate: 2020-01-02\n---\n正文第一段。\n");
    expect(buildDocument("a.md", "a.md", read)).toMatchObject({ title: "前言里的标题", date: "2020-01-02" });
  });

  it("joins a paragraph's wrapped lines without spaces in Chinese, with one in English", () => {
    expect(texts(readMarkdown("第一行\n第二行。\n\nfirst line\nsecond line.").blocks)).toEqual(["第一行第二行。", "first line second line."]);
  });
});

describe("readHtml", () => {
  it("reads the page's main content, not its menus, sidebar, footer or scripts", async () => {
    const doc = buildDocument("housing.html", "housing.html", readHtml(await readFile(join(FIXTURES, "housing.html"), "utf8")));
    expect(doc.title).toBe("黄岛区启动人才公寓建设");
    expect(doc.date).toBe("2023-11-02");
    const all = doc.passages.map((p) => p.text).join("\n");
    expect(all).toContain("计划三年内新建人才公寓3200套");
    expect(all).toContain("据介绍，人才公寓将集中布局在中德生态园和古镇口创新示范区，配套建设食堂、健身房和共享办公空间。");
    for (const chrome of ["首页", "相关新闻", "市北区举办招聘会", "版权所有", "不要读这段脚本"]) expect(all).not.toContain(chrome);
  });

  it("falls back to <title> and meta dates when the page has no heading", () => {
    const read = readHtml(`<html><head><title>页面标题</title><meta property="article:published_time" content="2019-07-01T08:00:00+08:00"></head><body><p>只有一段正文。</p></body></html>`);
    expect(buildDocument("p.html", "p.html", read)).toMatchObject({ title: "页面标题", date: "2019-07-01" });
  });
});

describe("readPdf", () => {
  it("rebuilds paragraphs from line positions and drops the page number", async () => {
    const read = await readPdf(await readFile(join(FIXTURES, "report.pdf")));
    const doc = buildDocument("report.pdf", "report.pdf", read);
    expect(doc.title).toBe("市南区发放科技创新券 助力中小企业研发");
    expect(doc.date).toBe("2023-09-06");
    // Three indented paragraphs, each wrapped over two or three lines, joined without spaces.
    expect(doc.passages.map((p) => p.text)).toEqual([
      "记者从市南区科技局获悉，市南区今年将发放科技创新券总额8000万元，重点支持中小企业购买检验检测、研究开发和技术转移等科技服务。",
      "按照实施方案，单家企业每年申领的科技创新券最高不超过50万元，创新券可在全市科技服务平台上使用，服务机构凭券向区财政兑付。",
      "市南区科技局相关负责人介绍，去年全区共有312家企业使用创新券，带动企业研发投入增长18.6%。今年还将把软件测试和知识产权分析纳入支持范围。",
    ]);
  });

  it("rejects bytes that are not a PDF", async () => {
    await expect(readPdf(Buffer.from("not a pdf at all"))).rejects.toThrow();
  });
});

describe("readDocx", () => {
  it("reads paragraphs and headings; the Title style is the title", async () => {
    const read = await readDocx(await makeDocx({ title: "属性里的标题", created: "2021-04-15T02:00:00Z", paragraphs: NOTICE }));
    const doc = buildDocument("notice.docx", "notice.docx", read);
    expect(doc.title).toBe(NOTICE[0]!.text);
    expect(doc.date).toBe("2021-04-15");
    expect(doc.passages.map((p) => p.text)).toEqual(NOTICE.slice(1).map((p) => p.text));
  });

  it("takes the document properties' title and date when the text has neither", async () => {
    const read = await readDocx(await makeDocx({ title: "属性里的标题", created: "2020-02-03T00:00:00Z", paragraphs: [{ text: "正文第一段，没有标题。" }] }));
    expect(buildDocument("a.docx", "a.docx", read)).toMatchObject({ title: "属性里的标题", date: "2020-02-03" });
  });
});
