import { copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import iconv from "iconv-lite";
import JSZip from "jszip";
import { createAssistant, type Assistant, type AssistantOptions } from "../../src/index.js";
import { DOC, SEEDS, tempDir } from "../helpers.js";

/** Committed fixtures: a Markdown article, a saved web page, a PDF with an embedded CJK font (make-pdf.mjs). */
export const FIXTURES = join(import.meta.dirname, "fixtures");

/** A paragraph of a generated Word file; `style` is a Word style id (`Title`, `Heading1`). */
export interface DocxParagraph {
  text: string;
  style?: string;
}

const esc = (s: string) => s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");

/**
 * A real `.docx` (the parts Word writes: content types, relationships, styles, document, core
 * properties), small enough to build in a test.
 */
export async function makeDocx(o: { title?: string; created?: string; paragraphs: DocxParagraph[] }): Promise<Buffer> {
  const zip = new JSZip();
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
  );
  zip.file(
    "word/_rels/document.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  );
  const style = (id: string, name: string) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`;
  zip.file(
    "word/styles.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${W}>${style("Normal", "Normal")}${style("Title", "Title")}${style("Heading1", "heading 1")}${style("Heading2", "heading 2")}</w:styles>`,
  );
  const body = o.paragraphs
    .map((p) => `<w:p>${p.style ? `<w:pPr><w:pStyle w:val="${p.style}"/></w:pPr>` : ""}<w:r><w:t xml:space="preserve">${esc(p.text)}</w:t></w:r></w:p>`)
    .join("");
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  zip.file(
    "docProps/core.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${o.title ? `<dc:title>${esc(o.title)}</dc:title>` : ""}${o.created ? `<dcterms:created xsi:type="dcterms:W3CDTF">${o.created}</dcterms:created>` : ""}</cp:coreProperties>`,
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/**
 * A government notice as Word writes it: title, document number, addressees, the measure it issues
 * (with the short name it defines), issuer and date of issue, then the measure with its effective and
 * expiry dates. Also the registry's fixture.
 */
export const NOTICE: DocxParagraph[] = [
  { text: "市北区人民政府关于印发《市北区促进大学生创业就业实施办法》的通知", style: "Title" },
  { text: "北政发〔2021〕7号" },
  { text: "各街道办事处，区政府各部门，各有关单位：" },
  { text: "现将《市北区促进大学生创业就业实施办法》（以下简称《实施办法》）印发给你们，请结合实际认真贯彻执行。" },
  { text: "市北区人民政府" },
  { text: "2021年4月15日" },
  { text: "市北区促进大学生创业就业实施办法", style: "Heading1" },
  { text: "第一条 为鼓励高校毕业生在市北区创业就业，根据《青岛市就业创业促进条例》，结合本区实际，制定本办法。" },
  { text: "第二条 对首次创办小微企业的大学生，给予一次性创业补贴1.5万元。" },
  { text: "第三条 大学生创业团队入驻区级孵化基地的，三年内免收场地租金。" },
  { text: "第四条 本办法自2021年5月1日起施行，有效期至2023年12月31日。" },
];

/** A GBK text article (as saved by Chinese Windows editors), dated 2016/5/11. */
export const GBK_ARTICLE = "李沧区今年新增城市绿地45公顷\n2016/5/11\n李沧区园林局介绍，今年全区将新建口袋公园12处，新增城市绿地45公顷，绿化覆盖率提高到42%。\n";
/** A UTF-16 text article (Windows Notepad's "Unicode"), dated 11.05.2016 10:31. */
export const UTF16_ARTICLE = "城阳区地铁3号线延长线开工\r\n\r\n11.05.2016  10:31\r\n\r\n城阳区轨道交通3号线延长线全长27公里，设车站11座，计划2019年建成通车。\r\n";
/** A Big5 text article (Traditional Chinese), dated 2016年5月11日. */
export const BIG5_ARTICLE = "臺北市推動青年創業\n2016年5月11日\n臺北市政府今年編列青年創業貸款預算五億元，協助青年取得創業資金。\n";

/**
 * A seeds folder with the seed article plus one article in each format and encoding: Markdown, HTML,
 * PDF, Word, a GBK text file and a UTF-16 (LE, with BOM) text file.
 */
export async function writeFormatSeeds(dir: string): Promise<void> {
  await copyFile(join(SEEDS, `${DOC}.txt`), join(dir, `${DOC}.txt`));
  for (const name of ["startup.md", "housing.html", "report.pdf"]) await copyFile(join(FIXTURES, name), join(dir, name));
  await writeFile(join(dir, "notice.docx"), await makeDocx({ title: "关于印发实施办法的通知", created: "2021-04-15T02:00:00Z", paragraphs: NOTICE }));
  await writeFile(join(dir, "greening.txt"), iconv.encode(GBK_ARTICLE, "gbk"));
  await writeFile(join(dir, "metro.txt"), iconv.encode(UTF16_ARTICLE, "utf16-le", { addBOM: true }));
}


/**
 * The real core over `writeFormatSeeds` plus `extra` fixture files, with the offline embedder and
 * throwaway folders; `close` removes them.
 */
export async function formatAssistant(extra: string[] = [], options: Partial<AssistantOptions> = {}): Promise<Assistant & { close: () => Promise<void> }> {
  const seeds = await tempDir("qa-seeds-");
  const index = await tempDir("qa-index-");
  await writeFormatSeeds(seeds.dir);
  for (const name of extra) await copyFile(join(FIXTURES, name), join(seeds.dir, name));
  const assistant = await createAssistant({ seedsDir: seeds.dir, indexDir: index.dir, embedder: "hashed", ...options });
  const closeCore = assistant.close.bind(assistant);
  const close = async () => {
    await closeCore();
    await seeds.cleanup();
    await index.cleanup();
  };
  return Object.assign(assistant, { close });
}
