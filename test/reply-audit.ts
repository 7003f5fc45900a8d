/**
 * Rules every reply the bots send in the suite must keep, checked over everything a fake platform received
 * (not one hand-picked reply): an answer is said once (its quote is never just the answer again), and every
 * suggested question offered is answered, not declined, when asked.
 *
 * Each harness runs `auditReplies` when it stops, over the fake's recorded calls, with the core it drove.
 */
import type { Reply } from "../src/types.js";
import { en } from "../src/messages/en.js";
import { zh } from "../src/messages/zh.js";
import { plain, type ApiCall } from "./telegram/fake-bot-api.js";
import type { RecordedRequest } from "./discord/fake-discord.js";

/** One message as a reader sees it: the answer part, the quotes under it, and the questions it offers. */
export interface SentReply {
  /** Where it was sent, for the report. */
  where: string;
  /** Text before the first quote (the answer), without the line naming a button's question. */
  lead: string;
  quotes: string[];
  /** Suggested questions offered as buttons (or listed, where a button cannot hold them). */
  offered: string[];
}

/** Letters, digits and Han characters only, lower-cased: what a reader compares. */
function gist(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/** Whether a quote under the answer only says the answer again (it is the answer, or a part of it). */
export function saidTwice(reply: Pick<SentReply, "lead" | "quotes">): string | undefined {
  const lead = gist(reply.lead);
  if (!lead) return undefined;
  return reply.quotes.find((q) => gist(q) !== "" && lead.includes(gist(q)));
}

/** Every message the fake Bot API accepted, as read by a user. */
export function telegramReplies(calls: readonly ApiCall[]): SentReply[] {
  const out: SentReply[] = [];
  const add = (where: string, text: unknown, parseMode: unknown, markup: unknown) => {
    const html = String(text ?? "");
    const cut = html.indexOf("<blockquote>");
    const quotes = [...html.matchAll(/<blockquote>([\s\S]*?)<\/blockquote>/g)].map((m) => plain(m[1], "HTML"));
    const lead = plain(cut < 0 ? html : html.slice(0, cut), parseMode)
      .split("\n")
      .filter((line) => !line.startsWith("❓"))
      .join("\n");
    const buttons = ((markup as { inline_keyboard?: Record<string, string>[][] } | undefined)?.inline_keyboard ?? []).flat();
    const offered = buttons.flatMap((b) =>
      /^[qfk]:/.test(b.callback_data ?? "") ? [b.text!] : b.switch_inline_query_current_chat ? [b.switch_inline_query_current_chat] : [],
    );
    out.push({ where, lead, quotes, offered });
  };
  for (const c of calls) {
    if (!c.ok) continue;
    if (c.method === "sendMessage" || c.method === "editMessageText") add(`${c.method} to ${c.payload.chat_id}`, c.payload.text, c.payload.parse_mode, c.payload.reply_markup);
    if (c.method === "answerInlineQuery") {
      for (const r of (c.payload.results ?? []) as any[]) add("an inline result", r.input_message_content?.message_text, r.input_message_content?.parse_mode, r.reply_markup);
    }
  }
  return out;
}

/** Markdown escapes undone: the text as Discord shows it. */
const unescape = (s: string) => s.replace(/\\(.)/g, "$1");

/** Every embed the bot sent to the fake Discord (messages, interaction replies and their edits). */
export function discordReplies(requests: readonly RecordedRequest[]): SentReply[] {
  const out: SentReply[] = [];
  const listed = new Set([zh.followUps, en.followUps]);
  for (const r of requests) {
    const body = r.body?.data ?? r.body;
    const embeds: any[] = Array.isArray(body?.embeds) ? body.embeds : [];
    const buttons: any[] = (body?.components ?? []).flatMap((row: any) => row.components ?? []);
    // A suggested question's button carries the question (`ask:`) or its id (`fu:`, labelled with the question).
    const asks = buttons.flatMap((b) => {
      const id = String(b.custom_id ?? "");
      return id.startsWith("ask:") ? [id.slice(4)] : id.startsWith("fu:") ? [String(b.label)] : [];
    });
    for (const e of embeds) {
      const fields: any[] = e.fields ?? [];
      const quotes = fields.flatMap((f) => {
        const lines = String(f.value).split("\n").filter((l) => l.startsWith("> "));
        return lines.length > 0 ? [unescape(lines.map((l) => l.slice(2)).join("\n"))] : [];
      });
      const listedHere = fields.filter((f) => listed.has(f.name)).flatMap((f) => String(f.value).split("\n").map((l) => unescape(l.replace(/^• /, ""))));
      out.push({ where: `${r.method} ${r.path}`, lead: unescape(String(e.description ?? "")), quotes, offered: [...asks, ...listedHere] });
    }
  }
  return out;
}

/**
 * The problems in `replies`: an answer repeated inside its quote, or a suggested question that the core,
 * asked it afresh, declines. Empty when every reply keeps the rules.
 *
 * @example
 * const problems = await auditReplies(telegramReplies(api.calls), assistant.ask);
 */
export async function auditReplies(replies: readonly SentReply[], ask: (conversationId: string, text: string) => Promise<Reply>): Promise<string[]> {
  const problems: string[] = [];
  for (const r of replies) {
    const repeated = saidTwice(r);
    if (repeated !== undefined) problems.push(`${r.where}: the quote 「${repeated}」 says the answer 「${r.lead}」 again`);
  }
  const offered = [...new Set(replies.flatMap((r) => r.offered).map((q) => q.trim()).filter(Boolean))];
  for (const [i, question] of offered.entries()) {
    const reply = await ask(`audit:${i}`, question);
    if (reply.kind !== "answer" || reply.abstained) problems.push(`suggested 「${question}」 is not answered when asked (${reply.kind}: ${reply.text.slice(0, 60)})`);
  }
  return problems;
}

/** Throws one error listing every problem, if any. */
export function assertNoProblems(problems: readonly string[], what: string): void {
  if (problems.length > 0) throw new Error(`${what}: ${problems.length} repl${problems.length === 1 ? "y breaks" : "ies break"} the reply rules:\n${problems.join("\n")}`);
}
