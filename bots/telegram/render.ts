import { InlineKeyboard } from "grammy";
import { messages } from "../../src/index.js";
import type { Citation, Lang, Reply } from "../../src/index.js";
import { quoteRepeats } from "../said-once.js";
import { partOf, partStarts, splitText } from "../split-text.js";

export { splitText };

/** Telegram's limit on a message's text, in characters after entity parsing. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Telegram's limit on a button's `callback_data`, in bytes. */
export const CALLBACK_DATA_LIMIT = 64;

/** Citations shown (and given a "full passage" button) per reply. */
const MAX_CITATIONS = 3;
/** Follow-up questions offered as buttons per reply. */
const MAX_FOLLOW_UPS = 3;
/** Titles longer than this (code points) are shortened in citation lines. */
const MAX_TITLE = 120;
/** A passage longer than one message is shown in parts of at most this many characters, with a "next part" button. */
export const PASSAGE_PART = 3_000;
/** Messages one reply's text may fill (other than a passage); the rest is cut with "…". */
const MAX_TEXT_MESSAGES = 4;
/** The question shown above a follow-up's answer is cut to this many code points. */
const MAX_ASKED = 300;
/** Quotes longer than this (code points) are shortened: the passage button shows them whole. */
const MAX_QUOTE = 1_000;

/** One Telegram message: HTML text and, on the last chunk of a reply, its buttons. */
export interface RenderedMessage {
  /** HTML for `parse_mode: "HTML"`, at most `maxLength` characters. */
  html: string;
  keyboard?: InlineKeyboard;
}

export interface RenderOptions {
  /** Longest message text; default `TELEGRAM_TEXT_LIMIT`. */
  maxLength?: number;
  /** Whether to add callback buttons (source passage, follow-ups); inline results cannot use them. */
  buttons?: boolean;
  /** Which part (from 0) of a passage too long for one message to show. */
  part?: number;
  /** Answer id for 👍/👎 buttons (from an observed assistant); none: no vote buttons. */
  feedback?: string | undefined;
  /** The question a follow-up button asked: shown first, so the answer says what it answers. */
  asked?: string | undefined;
}

/**
 * What a button's `callback_data` asks for. A follow-up carries its question (`q:`) when it fits in 64 bytes,
 * else its id (`k:<passage id>~<hash>`, read back by `assistant.followUp` in any process), else its index
 * (`f:<n>`, read back from the button's own label). No state is kept.
 */
export type ButtonAction =
  | { type: "source"; passage: string }
  | { type: "question"; text: string }
  | { type: "follow-up"; index: number }
  | { type: "suggested"; id: string }
  | { type: "more"; passage: string; part: number }
  | { type: "vote"; answer: string; vote: "up" | "down" };

/**
 * Escapes text for Telegram's HTML parse mode: `&` first, then `<` and `>`.
 *
 * @example
 * escapeHtml("<b>&"); // "&lt;b&gt;&amp;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Turns a core `Reply` into Telegram messages: the answer, each cited sentence quoted with its
 * article, date and paragraph, and buttons for the full passage and for follow-up questions.
 * Every piece of text is escaped; long replies are split at sentence boundaries.
 *
 * @example
 * for (const m of renderReply(reply)) await ctx.reply(m.html, { parse_mode: "HTML", reply_markup: m.keyboard });
 */
export function renderReply(reply: Reply, options: RenderOptions = {}): RenderedMessage[] {
  const maxLength = options.maxLength ?? TELEGRAM_TEXT_LIMIT;
  const m = messages(reply.lang);
  const blocks: string[] = [];
  if (options.asked?.trim()) blocks.push(askedLine(options.asked, maxLength));
  let nextPart: { passage: string; part: number; of: number } | undefined;
  const passage = reply.kind === "source" ? reply.citations[0]?.passage : undefined;
  if (passage !== undefined && reply.text.length > PASSAGE_PART) {
    // A long passage: one part per message, the next behind a button, not dozens of messages at once.
    const starts = partStarts(reply.text, Math.min(PASSAGE_PART, maxLength - 20), escapedWeight);
    const { text, index, count } = partOf(reply.text, starts, options.part ?? 0);
    blocks.push(`${escapeHtml(text)}
<i>${index + 1}/${count}</i>`);
    if (index + 1 < count) nextPart = { passage, part: index + 1, of: count };
  } else if ((reply.short ?? reply.text).trim()) {
    // An answer leads with its short form (150万平方米); the quoted sentence follows as the source.
    const pieces = splitText(reply.short ?? reply.text, maxLength, escapeHtml);
    if (pieces.length > MAX_TEXT_MESSAGES) pieces.splice(MAX_TEXT_MESSAGES - 1, Infinity, "…");
    blocks.push(...pieces);
  }

  const citations = uniqueCitations(reply.citations).slice(0, MAX_CITATIONS);
  for (const c of citations) {
    const line = `<b>${escapeHtml(m.source)}</b>${colon(reply.lang)}${citationLine(c, m.paragraph(c.paragraph))}`;
    // A `source` reply's text is the passage itself, and a quote that is only the answer says it twice.
    if (reply.kind !== "source" && c.quote.trim() && !quoteRepeats(reply.short ?? reply.text, c.quote)) {
      const quote = clip(c.quote, MAX_QUOTE);
      const quotes = splitText(quote, maxLength - line.length - 1, (s) => `<blockquote>${escapeHtml(s)}</blockquote>`);
      blocks.push(...quotes.slice(0, -1), `${quotes.at(-1)}\n${line}`);
    } else {
      blocks.push(line);
    }
  }

  const followUps = reply.followUps
    .map((question, i) => ({ question, id: reply.followUpIds?.[i] }))
    .filter((f) => f.question.trim())
    .slice(0, MAX_FOLLOW_UPS);
  const withButtons = options.buttons ?? true;
  if (withButtons && followUps.length > 0 && reply.kind !== "help") blocks.push(`<i>${escapeHtml(m.followUps)}</i>`);

  const chunks = pack(blocks.length > 0 ? blocks : [escapeHtml(m.error)], maxLength);
  const keyboard = withButtons ? buildKeyboard(reply, citations, followUps, nextPart, options.feedback) : undefined;
  return chunks.map((html, i) => (i === chunks.length - 1 && keyboard ? { html, keyboard } : { html }));
}

/** The line naming the question a button asked: 「❓ 问题」 in bold, escaped and kept to a fraction of a message. */
export function askedLine(question: string, maxLength = TELEGRAM_TEXT_LIMIT): string {
  return `<b>${escapeHtml(clip(`❓ ${question.replace(/\s+/g, " ").trim()}`, Math.min(MAX_ASKED, Math.floor(maxLength / 8))))}</b>`;
}

/** Length of one UTF-16 unit once escaped by `escapeHtml`. */
function escapedWeight(code: number): number {
  return code === 0x26 ? 5 : code === 0x3c || code === 0x3e ? 4 : 1;
}

/** One line naming a citation's article, date and paragraph, escaped. */
export function citationLine(c: Citation, paragraph: string): string {
  return [`《${escapeHtml(clip(c.title, MAX_TITLE))}》`, escapeHtml(c.date), escapeHtml(paragraph)]
    .filter(Boolean)
    .join(" · ");
}

/** The colon after a label: full-width in Chinese. */
export function colon(lang: Lang): string {
  return lang === "en" ? ": " : "：";
}

/** Shortens `text` to at most `max` code points, marking the cut with "…". */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * Reads a button's `callback_data` back; `undefined` for data this bot did not write.
 *
 * @example
 * parseButtonData("s:000_4f5b4b3408eff9cd#3"); // { type: "source", passage: "000_4f5b4b3408eff9cd#3" }
 */
export function parseButtonData(data: string): ButtonAction | undefined {
  const [prefix, rest] = [data.slice(0, 2), data.slice(2)];
  if (prefix === "s:" && rest) return { type: "source", passage: rest };
  if (prefix === "q:" && rest) return { type: "question", text: rest };
  if (prefix === "f:" && /^\d+$/.test(rest)) return { type: "follow-up", index: Number(rest) };
  if (prefix === "k:" && rest) return { type: "suggested", id: rest };
  const more = prefix === "m:" ? /^(\d{1,6}):(.+)$/.exec(rest) : null;
  if (more) return { type: "more", part: Number(more[1]), passage: more[2]! };
  const vote = /^v:([\w-]{1,32}):([ud])$/.exec(data);
  if (vote) return { type: "vote", answer: vote[1]!, vote: vote[2] === "u" ? "up" : "down" };
  return undefined;
}

/** `callback_data` of a 👍 or 👎 button on answer `answerId`. */
export function voteData(answerId: string, vote: "up" | "down"): string {
  return `v:${answerId}:${vote === "up" ? "u" : "d"}`;
}

/** `callback_data` for a follow-up button: the question itself when it fits, else its id, else its index. */
export function followUpData(question: string, index: number, id?: string): string {
  for (const data of [`q:${question}`, ...(id ? [`k:${id}`] : [])]) if (fitsCallbackData(data)) return data;
  return `f:${index}`;
}

/** `callback_data` for the button that shows part `part` (from 0) of a long passage: self-contained. */
export function moreData(passage: string, part: number): string {
  return `m:${part}:${passage}`;
}

function fitsCallbackData(data: string): boolean {
  return Buffer.byteLength(data, "utf8") <= CALLBACK_DATA_LIMIT;
}

function buildKeyboard(
  reply: Reply,
  citations: Citation[],
  followUps: { question: string; id?: string | undefined }[],
  next?: { passage: string; part: number; of: number },
  feedback?: string,
): InlineKeyboard | undefined {
  const m = messages(reply.lang);
  const keyboard = new InlineKeyboard();
  let empty = true;
  if (next && fitsCallbackData(moreData(next.passage, next.part))) {
    keyboard.text(m.nextPart(next.part + 1, next.of), moreData(next.passage, next.part)).row();
    empty = false;
  }
  if (reply.kind !== "source") {
    const passages = [...new Map(citations.map((c) => [c.passage, c])).values()];
    for (const c of passages) {
      const data = `s:${c.passage}`;
      if (!fitsCallbackData(data)) continue;
      const label = passages.length > 1 ? `${m.showSource} · ${m.paragraph(c.paragraph)}` : m.showSource;
      keyboard.text(label, data);
      empty = false;
    }
    if (!empty) keyboard.row();
  }
  followUps.forEach(({ question, id }, i) => {
    keyboard.text(question, followUpData(question, i, id)).row();
    empty = false;
  });
  if (feedback) {
    keyboard.text("👍", voteData(feedback, "up")).text("👎", voteData(feedback, "down")).row();
    empty = false;
  }
  return empty ? undefined : keyboard;
}

function uniqueCitations(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = `${c.passage}\n${c.quote}`;
    return !seen.has(key) && seen.add(key);
  });
}

/** Joins blocks with blank lines into as few messages of at most `max` characters as possible. */
function pack(blocks: string[], max: number): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const block of blocks) {
    const joined = current ? `${current}\n\n${block}` : block;
    if (joined.length <= max) {
      current = joined;
    } else {
      if (current) chunks.push(current);
      current = block;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
