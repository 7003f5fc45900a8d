import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseDate } from "../date.js";
import type { Block, Extracted } from "../parse.js";
import { joinLines, needsSpace } from "./text.js";

/** pdf.js's character maps and standard fonts, shipped in its package: Chinese PDFs without embedded fonts need them. */
const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

/** One line of a page, rebuilt from text items that share a baseline. */
interface Line {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
  page: number;
}

/** A page number alone on a line (`3`, `- 3 -`, `第 3 页`, `3/12`): not article text. */
const PAGE_NUMBER = /^[-—–\s]*(?:第\s*)?\d+\s*(?:页|\/\s*\d+)?(?:\s*共\s*\d+\s*页)?[-—–\s]*$/u;
const SENTENCE_END = /[。！？!?：:；;…”」』）)]$/u;

/**
 * Reads a PDF with pdf.js: lines rebuilt from text positions, then paragraphs from them (a wider gap,
 * an indented first line, a larger font, or a previous line that stops short of the margin starts a
 * new one); page numbers dropped. Title and date from the document properties.
 *
 * @example await readPdf(await readFile("notice.pdf"))
 */
export async function readPdf(bytes: Uint8Array): Promise<Extracted> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: join(PDFJS_DIR, "cmaps") + "/",
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS_DIR, "standard_fonts") + "/",
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const lines: Line[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      lines.push(...pageLines(content.items.filter((i) => "str" in i) as unknown as PdfItem[], n));
      page.cleanup();
    }
    const { info, metadata } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown>; metadata: { get(k: string): string | null } | null };
    const title = (typeof info.Title === "string" && info.Title.trim()) || metadata?.get("dc:title")?.trim() || undefined;
    const date = parseDate(typeof info.CreationDate === "string" ? info.CreationDate : metadata?.get("xmp:createdate")) || undefined;
    return { blocks: paragraphs(lines), title, date };
  } finally {
    await doc.destroy();
  }
}

interface PdfItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

/** Items sharing a baseline (within half a font size) make a line; its pieces in x order. */
function pageLines(items: PdfItem[], page: number): Line[] {
  const rows: { y: number; size: number; items: PdfItem[] }[] = [];
  for (const item of items) {
    if (!item.str) continue;
    const y = item.transform[5]!;
    const size = Math.abs(item.transform[3]!) || item.height || 10;
    const row = rows.find((r) => Math.abs(r.y - y) < Math.max(r.size, size) / 2);
    if (row) {
      row.items.push(item);
      row.size = Math.max(row.size, size);
    } else rows.push({ y, size, items: [item] });
  }
  rows.sort((a, b) => b.y - a.y);
  const lines: Line[] = [];
  for (const row of rows) {
    row.items.sort((a, b) => a.transform[4]! - b.transform[4]!);
    let text = "";
    let end = -Infinity;
    for (const item of row.items) {
      const x = item.transform[4]!;
      // A gap of a third of the font size between pieces of Latin text is a space the PDF did not write.
      if (text && x - end > row.size / 3 && !/\s$/u.test(text) && !/^\s/u.test(item.str)) text += needsSpace(text, item.str) ? " " : "";
      text += item.str;
      end = x + item.width;
    }
    // A glyph without a Unicode mapping comes out as a control character: not text.
    text = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/gu, "").replace(/\s+/gu, " ").trim();
    if (text && !PAGE_NUMBER.test(text)) lines.push({ text, x: row.items[0]!.transform[4]!, right: end, y: row.y, size: row.size, page });
  }
  return lines;
}

/** Lines joined into paragraphs by layout: gaps, indents, font size and short last lines. */
function paragraphs(lines: Line[]): Block[] {
  if (lines.length === 0) return [];
  const sizes = lines.map((l) => l.size).sort((a, b) => a - b);
  const body = sizes[Math.floor(sizes.length / 2)]!;
  const left = Math.min(...lines.filter((l) => Math.abs(l.size - body) < 0.5).map((l) => l.x));
  const right = Math.max(...lines.map((l) => l.right));
  const gaps = lines.slice(1).filter((l, i) => l.page === lines[i]!.page).map((l, i) => lines[i]!.y - l.y).filter((g) => g > 0).sort((a, b) => a - b);
  const spacing = gaps[Math.floor(gaps.length / 2)] ?? body * 1.5;
  const blocks: Block[] = [];
  let current: Line[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const heading = current[0]!.size > body * 1.15;
    blocks.push({ text: joinLines(current.map((l) => l.text)), start: blocks.length, line: blocks.length + 1, heading });
    current = [];
  };
  for (const line of lines) {
    const prev = current.at(-1);
    const breaks =
      !prev ||
      Math.abs(line.size - prev.size) > body * 0.15 ||
      (line.page === prev.page && prev.y - line.y > spacing * 1.4) ||
      line.x > left + body * 1.5 ||
      (prev.right < right - body * 2 && SENTENCE_END.test(prev.text)) ||
      prev.right < right - body * 6;
    if (breaks) flush();
    current.push(line);
  }
  flush();
  return blocks;
}
