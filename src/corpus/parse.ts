import type { Document, Passage, Sentence } from "./corpus.js";

/** A body line that ends like a finished paragraph (sentence end, closing quote or bracket). */
const COMPLETE = /[。！？!?.…”」』"'）)]\s*$/u;
/** `11.05.2016  10:31` as printed by the source site (any spaces, NBSP included). */
const DATE_LINE = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[\s\u00a0]+\d{1,2}:\d{2})?\s*$/u;
const ISO_DATE_LINE = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[\sT]+\d{1,2}:\d{2}(?::\d{2})?)?\s*$/u;

/** A trailing line at most this long that does not end like a sentence reads as a scraped headline or teaser. */
const HEADLINE_MAX = 40;

/** A line dropped from the end of an article as a scraped headline: 1-based line number and text. */
export interface DroppedLine {
  line: number;
  text: string;
}

/**
 * Parses one article: title (first line), date (second line, `DD.MM.YYYY HH:mm` or ISO),
 * then one passage per non-empty line. A trailing run of short lines that do not end like a
 * sentence, after a body that does, is the scraped page's "more news" headlines and teasers,
 * not the article: those lines are dropped and reported through `dropped`. The body itself is
 * never dropped (a one-line article without 。 is kept).
 *
 * @example parseDocument("000_x", "000_x.txt", "标题\n\n11.05.2016 10:31\n\n正文。")
 */
export function parseDocument(id: string, file: string, raw: string, dropped: (line: DroppedLine) => void = () => {}): Document {
  const text = raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines: { text: string; start: number; line: number }[] = [];
  let offset = 0;
  for (const [n, line] of text.split("\n").entries()) {
    const trimmed = line.trim();
    if (trimmed) lines.push({ text: trimmed.replace(/^#+\s*/, ""), start: offset + line.indexOf(trimmed), line: n + 1 });
    offset += line.length + 1;
  }
  const title = lines.shift()?.text ?? id;
  let date = "";
  const dateMatch = lines[0] && (DATE_LINE.exec(lines[0].text) ?? ISO_DATE_LINE.exec(lines[0].text));
  if (dateMatch) {
    lines.shift();
    const [, a, b, c] = dateMatch;
    date = DATE_LINE.test(dateMatch[0]) ? iso(c!, b!, a!) : iso(a!, b!, c!);
  }
  let bodyEnd = lines.length;
  while (bodyEnd > 0 && !COMPLETE.test(lines[bodyEnd - 1]!.text) && [...lines[bodyEnd - 1]!.text].length <= HEADLINE_MAX) bodyEnd--;
  // Only a run that follows a finished paragraph is a trailer; otherwise the short lines are the article.
  if (bodyEnd > 0 && bodyEnd < lines.length && COMPLETE.test(lines[bodyEnd - 1]!.text)) {
    for (const l of lines.splice(bodyEnd)) dropped({ line: l.line, text: l.text });
  }
  const passages = lines.map((line, i): Passage => {
    const pid = `${id}#${i + 1}`;
    return { id: pid, doc: id, paragraph: i + 1, text: line.text, start: line.start, sentences: splitSentences(pid, line.text) };
  });
  return { id, file, title, date, passages };
}

const iso = (y: string, m: string, d: string) => `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;

/** Sentence ends: Chinese and Western terminators, keeping a closing quote with its sentence. */
const SENTENCE = /[^。！？!?]*(?:[。！？!?]+[”」』"']?|$)/gu;

/** Splits a passage into sentences with offsets; `passageId#n` ids are 1-based. */
export function splitSentences(passageId: string, text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const m of text.matchAll(SENTENCE)) {
    const raw = m[0];
    if (!raw.trim()) continue;
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    const start = m.index! + lead;
    out.push({ id: `${passageId}.${out.length + 1}`, text: body, start, end: start + body.length });
  }
  return out;
}
