import { messages, type Citation, type Reply } from "../../src/index.js";

/** A citation as terminal lines: the quoted sentence, then article, date, paragraph and passage id. */
export function renderCitation(c: Citation, lang: Reply["lang"]): string {
  const m = messages(lang);
  return `  「${c.quote}」\n  —— 《${c.title}》${c.date ? ` ${c.date}` : ""} ${m.paragraph(c.paragraph)} [${c.passage}]`;
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
    parts.push(`${m.source}:`, ...unique.map((c) => renderCitation(c, reply.lang)));
  }
  if (reply.followUps.length > 0) parts.push(m.followUps, ...reply.followUps.map((q) => `  · ${q}`));
  return parts.join("\n");
}
