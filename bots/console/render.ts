import { messages, type Citation, type Reply } from "../../src/index.js";
import { quoteRepeats } from "../said-once.js";

/**
 * A citation as terminal lines: the quoted sentence, then article, date, paragraph and passage id. With
 * `answer`, a quote that would only say the answer again is left out.
 */
export function renderCitation(c: Citation, lang: Reply["lang"], answer?: string): string {
  const m = messages(lang);
  const where = `  —— 《${c.title}》${c.date ? ` ${c.date}` : ""} ${m.paragraph(c.paragraph)} [${c.passage}]`;
  return answer !== undefined && quoteRepeats(answer, c.quote) ? where : `  「${c.quote}」\n${where}`;
}

/**
 * A `Reply` as plain terminal text: the answer, its sources, then suggested questions.
 *
 * @example console.log(renderReply(await assistant.ask("console", "…")));
 */
export function renderReply(reply: Reply): string {
  const m = messages(reply.lang);
  // An answer leads with its short form (150万平方米); the quoted sentence follows as the source.
  const parts = [reply.short ?? reply.text];
  if (reply.kind === "source") {
    const c = reply.citations[0];
    if (c) parts.push(`  —— 《${c.title}》${c.date ? ` ${c.date}` : ""} ${m.paragraph(c.paragraph)} [${c.passage}]`);
  } else if (reply.citations.length > 0) {
    const unique = reply.citations.filter((c, i, all) => all.findIndex((d) => d.passage === c.passage && d.quote === c.quote) === i);
    parts.push(`${m.source}:`, ...unique.map((c) => renderCitation(c, reply.lang, parts[0])));
  }
  if (reply.followUps.length > 0) parts.push(m.followUps, ...reply.followUps.map((q) => `  · ${q}`));
  return parts.join("\n");
}
