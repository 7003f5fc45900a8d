import type { Document, Passage, Sentence } from "./corpus.js";

/** A body line that ends like a finished paragraph (sentence end, closing quote or bracket). */
const COMPLETE = /[。！？!?.…”」』"'）)]\s*$/u;
/** `11.05.2016  10:31` as printed by the source site (any spaces, NBSP included). */
const DATE_LINE = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[\s\u00a0]+\d{1,2}:\d{2})?\s*$/u;
const ISO_DATE_LINE = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[\sT]+\d{1,2}:\d{2}(?::\d{2})?)?\s*$/u;

/**
 * Parses one article: title (first line), date (second line, `DD.MM.YYYY HH:mm` or ISO),
 * then one passage per non-empty line. Trailing lines that do not end like a sentence are
 * the scraped page's "more news" headlines and teasers, not the article: they are dropped.
 *
 * @example parseDocument("000_x", "000_x.txt", "标题\n\n11.05.2016 10:31\n\n正文。")
 */
export function parseDocument(id: string, file: string, raw: string): Document {
  const text = raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines: { text: string; start: number }[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed) lines.push({ text: trimmed.replace(/^#+\s*/, ""), start: offset + line.indexOf(trimmed) });
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
  while (lines.length > 0 && !COMPLETE.test(lines[lines.length - 1]!.text)) lines.pop();
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
