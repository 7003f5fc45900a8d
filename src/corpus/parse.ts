import type { Document, Passage, Sentence } from "./corpus.js";

import { dateLine } from "./date.js";

/** A body line that ends like a finished paragraph (sentence end, closing quote or bracket). */
const COMPLETE = /[。！？!?.…”」』"'）)]\s*$/u;

/** A trailing line at most this long that does not end like a sentence reads as a scraped headline or teaser. */
const HEADLINE_MAX = 40;
/** Blocks after the title searched for a dateline. */
const DATELINE_WITHIN = 3;

/** A line dropped from the end of an article as a scraped headline: 1-based line number and text. */
export interface DroppedLine {
  line: number;
  text: string;
}

/** One block of text a reader found: a paragraph, heading, list item or table row, without markup. */
export interface Block {
  text: string;
  /** Offset of the block in the text the reader worked on (the decoded file for text formats). */
  start: number;
  /** 1-based line (text formats) or block number (others), for log lines. */
  line: number;
  /** A heading, per the document's own markup (Markdown `#`, `<h1>`, Word heading styles). */
  heading?: boolean;
}

/** What a format reader found in one file. */
export interface Extracted {
  blocks: Block[];
  /** Title from metadata (`<title>`, PDF or Word properties, front matter), when it has one. */
  title?: string;
  /** Date from metadata, ISO, when it has one; a dateline near the top wins over it. */
  date?: string;
  /** Scraped page text: a trailing run of headline-like lines is the site's, not the article's. */
  scraped?: boolean;
}

/**
 * Parses one plain-text article: title (first line), an optional dateline near the top
 * (`DD.MM.YYYY HH:mm`, ISO, `2016/5/11`, `2016年5月11日`…), then one passage per non-empty line.
 * A trailing run of short lines that do not end like a sentence, after a body that does, is the
 * scraped page's "more news" headlines and teasers, not the article: those lines are dropped and
 * reported through `dropped`. The body itself is never dropped (a one-line article without 。 is kept).
 *
 * @example parseDocument("000_x", "000_x.txt", "标题\n\n11.05.2016 10:31\n\n正文。")
 */
export function parseDocument(id: string, file: string, raw: string, dropped: (line: DroppedLine) => void = () => {}): Document {
  return buildDocument(id, file, { blocks: textBlocks(raw), scraped: true }, dropped);
}

/** One block per non-empty line of a text, with offsets into it; a leading BOM and `#` marks are dropped. */
export function textBlocks(raw: string): Block[] {
  const text = raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const blocks: Block[] = [];
  let offset = 0;
  for (const [n, line] of text.split("\n").entries()) {
    const trimmed = line.trim();
    if (trimmed) blocks.push({ text: trimmed.replace(/^#+\s*/, ""), start: offset + line.indexOf(trimmed), line: n + 1 });
    offset += line.length + 1;
  }
  return blocks;
}

/**
 * Turns a reader's blocks into an article: the title is the first block when it is a heading, when
 * there is no metadata title, or when it repeats that title; a dateline among the first blocks gives
 * the date (metadata otherwise); every other block is a passage.
 *
 * @example buildDocument("a.md", "a.md", { blocks: [{ text: "标题", start: 0, line: 1, heading: true }, …] })
 */
export function buildDocument(id: string, file: string, extracted: Extracted, dropped: (line: DroppedLine) => void = () => {}): Document {
  const lines = [...extracted.blocks];
  const first = lines[0];
  let title = extracted.title?.trim() || id;
  let titleLine: Block | undefined;
  if (first && (first.heading || !extracted.title?.trim() || sameTitle(first.text, extracted.title))) {
    title = first.text;
    titleLine = lines.shift();
  }
  let date = "";
  for (let i = 0; i < Math.min(DATELINE_WITHIN, lines.length); i++) {
    date = dateLine(lines[i]!.text);
    if (date) {
      lines.splice(i, 1);
      break;
    }
    if (!lines[i]!.heading && [...lines[i]!.text].length > HEADLINE_MAX) break;
  }
  date ||= extracted.date ?? "";
  if (extracted.scraped) dropTrailer(lines, dropped);
  // A file of one plain line is an article of that line (its title and its text): nothing written is lost. A lone
  // heading stays a title without an article.
  if (lines.length === 0 && titleLine && !titleLine.heading) lines.push(titleLine);
  const passages = lines.map((line, i): Passage => {
    const pid = `${id}#${i + 1}`;
    return { id: pid, doc: id, paragraph: i + 1, text: line.text, start: line.start, sentences: splitSentences(pid, line.text) };
  });
  return { id, file, title, date, passages };
}

/**
 * Drops a trailing run of short unfinished lines that follows a finished paragraph (a scraped
 * page's other headlines). A run that ends in a dateline is a signature (issuer and date) and stays.
 */
function dropTrailer(lines: Block[], dropped: (line: DroppedLine) => void): void {
  let bodyEnd = lines.length;
  while (bodyEnd > 0 && !COMPLETE.test(lines[bodyEnd - 1]!.text) && [...lines[bodyEnd - 1]!.text].length <= HEADLINE_MAX) bodyEnd--;
  const signed = bodyEnd < lines.length && dateLine(lines[lines.length - 1]!.text) !== "";
  // Only a run that follows a finished paragraph is a trailer; otherwise the short lines are the article.
  if (!signed && bodyEnd > 0 && bodyEnd < lines.length && COMPLETE.test(lines[bodyEnd - 1]!.text)) {
    for (const l of lines.splice(bodyEnd)) dropped({ line: l.line, text: l.text });
  }
}

/** A metadata title and a first line name the same thing (a page title often adds the site's name). */
function sameTitle(line: string, title: string): boolean {
  const a = line.replace(/\s+/gu, "");
  const b = title.replace(/\s+/gu, "");
  return a.length > 0 && b.length > 0 && (b.includes(a) || a.includes(b));
}

/** Sentence terminators, and what may close a quotation right after one (kept with its sentence). */
const TERMINATOR = /[。！？!?]/u;
const CLOSER_AFTER_END = /[”」』"']/u;
/** Quotation and title marks: a sentence never ends inside a matched pair (《你好！世界》, “好！我们走”). */
const PAIRS: Record<string, string> = { "《": "》", "“": "”", "「": "」", "『": "』" };
const PAIR_SPAN = 200;

/** Offsets inside a matched 《…》/“…”/「…」/『…』 pair (unmatched marks open nothing). */
function insidePairs(text: string): Uint8Array {
  const inside = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const close = PAIRS[text[i]!];
    if (!close) continue;
    let depth = 0;
    for (let j = i + 1; j < text.length && j - i <= PAIR_SPAN; j++) {
      if (text[j] === text[i]) depth++;
      else if (text[j] === close) {
        if (depth > 0) depth--;
        else {
          inside.fill(1, i + 1, j);
          break;
        }
      }
    }
  }
  return inside;
}

/**
 * Splits a passage into sentences with offsets; `passageId#n` ids are 1-based. A sentence ends at a run of
 * terminators (with a closing quote right after it), never inside a matched title or quotation pair —
 * unless the terminators are the quotation's own end (“……释放。”).
 */
export function splitSentences(passageId: string, text: string): Sentence[] {
  const out: Sentence[] = [];
  const inside = insidePairs(text);
  const push = (from: number, to: number) => {
    const raw = text.slice(from, to);
    if (!raw.trim()) return;
    const start = from + (raw.length - raw.trimStart().length);
    const body = raw.trim();
    out.push({ id: `${passageId}.${out.length + 1}`, text: body, start, end: start + body.length });
  };
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!TERMINATOR.test(text[i]!)) continue;
    let end = i + 1;
    while (end < text.length && TERMINATOR.test(text[end]!)) end++;
    const closes = end < text.length && CLOSER_AFTER_END.test(text[end]!);
    if (closes) end++;
    // Inside a pair, only a run that the pair's own closing mark follows ends a sentence.
    if (inside[i] && !(closes && (end >= text.length || !inside[end]))) {
      i = end - 1;
      continue;
    }
    push(from, end);
    from = end;
    i = end - 1;
  }
  push(from, text.length);
  return out;
}
