import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
} from "discord.js";
import { messages } from "../../src/index.js";
import type { Citation, PassagePreview, Reply, ReplyKind } from "../../src/index.js";
import { quoteRepeats } from "../said-once.js";
import { partOf, partStarts } from "../split-text.js";
import { sanitize, sanitizeDeep } from "../text-safety.js";

/** Discord's size limits (characters) that rendering keeps to. */
export const limits = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedsTotal: 6000,
  customId: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  threadName: 100,
} as const;

/** Sent with every message: text quoted from a question must not ping @everyone, roles or users. */
export const allowedMentions = { parse: [], repliedUser: false } as { parse: []; repliedUser: false };

/** A message body that `reply`, `editReply`, `followUp` and `send` all accept. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: typeof allowedMentions;
}

/** What a button asks for when pressed. */
export type ButtonAction =
  | { kind: "source"; passage: string }
  | { kind: "ask"; question: string }
  | { kind: "suggested"; id: string }
  | { kind: "more"; passage: string; part: number }
  | { kind: "vote"; answer: string; vote: "up" | "down" };

/** A passage longer than this (characters) is shown one part at a time, with a button for the next. */
export const PASSAGE_PART = 2_000;

export interface RenderOptions {
  /** Which part (from 0) of a passage longer than `PASSAGE_PART` to show. */
  part?: number;
  /** Answer id for 👍/👎 buttons (from an observed assistant); none: no vote buttons. */
  feedback?: string | undefined;
  /** The question a follow-up button asked: the embed's title, so the answer says what it answers. */
  asked?: string | undefined;
}

const sourcePrefix = "src:";
const askPrefix = "ask:";
const suggestedPrefix = "fu:";
const morePrefix = "more:";
const votePrefix = "vote:";

const colors: Record<ReplyKind, number> = {
  answer: 0x2b8a3e,
  "not-found": 0xe67700,
  "needs-model": 0xe67700,
  invalid: 0x868e96,
  policies: 0x1971c2,
  source: 0x1971c2,
  help: 0x1971c2,
  about: 0x1971c2,
  reset: 0x1971c2,
};

/**
 * Turns a core `Reply` into one Discord message: an embed (answer, quoted sentences with article, date and
 * paragraph, a footer naming the corpus), a "full passage" button per citation and a button per follow-up,
 * within every Discord limit.
 *
 * @example
 * await interaction.editReply(renderReply(await assistant.ask(id, question)));
 */
export function renderReply(reply: Reply, options: RenderOptions = {}): DiscordMessage {
  const m = messages(reply.lang);
  const isSource = reply.kind === "source";
  const { text, next } = passagePart(reply, options.part ?? 0);
  const fields = reply.citations.slice(0, limits.fields).map((c, i) => citationField(c, i, reply, isSource));
  const buttons = followUpButtons(reply.followUps, reply.followUpIds);
  if (buttons.leftOver.length > 0) {
    fields.push({ name: m.followUps, value: buttons.leftOver.map((q) => `• ${escapeText(q)}`).join("\n") });
  }
  const asked = options.asked?.replace(/\s+/g, " ").trim();
  const embed = fitEmbed({
    ...(asked ? { title: truncate(`❓ ${escapeText(asked)}`, limits.title) } : {}),
    color: colors[reply.kind],
    description: text || "…",
    fields: fields.slice(0, limits.fields).map((f) => ({
      name: truncate(f.name, limits.fieldName),
      value: truncate(f.value, limits.fieldValue),
    })),
    footer: { text: truncate(m.corpus, limits.footer) },
  });
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  if (next) rows.push({ type: ComponentType.ActionRow, components: [next] });
  const sources = isSource ? [] : sourceButtons(reply);
  if (sources.length > 0) rows.push({ type: ComponentType.ActionRow, components: sources });
  if (buttons.fitted.length > 0) rows.push({ type: ComponentType.ActionRow, components: buttons.fitted });
  if (options.feedback) rows.push({ type: ComponentType.ActionRow, components: voteButtons(options.feedback) });
  return sanitizeDeep({ embeds: [embed], components: rows, allowedMentions });
}

/**
 * A plain-text message (errors, rate limits) with no embeds or buttons.
 *
 * @example
 * await interaction.reply({ ...renderNotice(m.error), flags: MessageFlags.Ephemeral });
 */
export function renderNotice(text: string): DiscordMessage {
  return { content: truncate(sanitize(text), limits.content), embeds: [], components: [], allowedMentions };
}

/** Autocomplete choices for `/source id:`: the passage id as value, id and opening words as label. */
export function renderChoices(previews: PassagePreview[]): APIApplicationCommandOptionChoice<string>[] {
  return previews
    .filter((p) => p.id.length <= limits.choiceValue)
    .slice(0, limits.choices)
    .map((p) => ({ name: truncate(sanitize(`${p.id} ${p.preview}`).replace(/\s+/g, " "), limits.choiceName), value: p.id }));
}

/** A thread name (1-100 characters) from the question that opened it, without control or bidi characters. */
export function threadName(question: string): string {
  return truncate(sanitize(question).replace(/\s+/g, " ").trim(), limits.threadName) || "…";
}

/** Reads a button's `custom_id` back into what it asks for; `undefined` for ids this bot did not make. */
export function parseButton(customId: string): ButtonAction | undefined {
  const more = customId.startsWith(morePrefix) ? /^(\d{1,6}):(.+)$/.exec(customId.slice(morePrefix.length)) : null;
  if (more) return { kind: "more", part: Number(more[1]), passage: more[2]! };
  if (customId.startsWith(sourcePrefix)) return { kind: "source", passage: customId.slice(sourcePrefix.length) };
  if (customId.startsWith(askPrefix)) return { kind: "ask", question: customId.slice(askPrefix.length) };
  if (customId.startsWith(suggestedPrefix) && customId.length > suggestedPrefix.length) return { kind: "suggested", id: customId.slice(suggestedPrefix.length) };
  const vote = /^vote:([\w-]{1,32}):(up|down)$/.exec(customId);
  if (vote) return { kind: "vote", answer: vote[1]!, vote: vote[2] as "up" | "down" };
  return undefined;
}

/** Shortens `text` to at most `max` UTF-16 units, ending in "…", without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + "…";
}

/**
 * Escapes Markdown so text from the core shows as written (`*`, `_`, `~`, backticks, `|`, brackets, and
 * headings or quotes at the start of a line; lists render as lists). Linear time, unlike discord.js's `escapeMarkdown`,
 * which takes seconds on a few thousand characters. Input is first cut to the longest text Discord shows.
 */
export function escapeText(text: string): string {
  return text
    .slice(0, limits.description)
    .replace(/[\\*_~`|[\]]/g, "\\$&")
    .replace(/^(\s*)(-#|[#>])/gm, "$1\\$2");
}

/** Total characters Discord counts towards the 6000 limit across an embed. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function citationField(c: Citation, i: number, reply: Reply, isSource: boolean): APIEmbedField {
  const m = messages(reply.lang);
  const number = reply.citations.length > 1 ? ` [${i + 1}]` : "";
  const where = [c.date, m.paragraph(c.paragraph), `\`${c.passage.replace(/`/g, "")}\``].filter(Boolean).join(" · ");
  // A quote that is only the answer would say it twice: the field names the source without it.
  const quote = isSource || !c.quote || quoteRepeats(reply.short ?? reply.text, c.quote) ? "" : `${blockQuote(c.quote)}\n`;
  return { name: `${m.source}${number}：${c.title}`, value: `${quote}${where}` };
}

function blockQuote(text: string): string {
  return escapeText(text)
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

function sourceButtons(reply: Reply): APIButtonComponent[] {
  const m = messages(reply.lang);
  const seen = new Set<string>();
  const buttons: APIButtonComponent[] = [];
  reply.citations.forEach((c, i) => {
    const customId = sourcePrefix + c.passage;
    if (seen.has(c.passage) || customId.length > limits.customId || buttons.length >= limits.buttonsPerRow) return;
    seen.add(c.passage);
    const label = reply.citations.length > 1 ? `${m.showSource} [${i + 1}]` : m.showSource;
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId, label });
  });
  return buttons;
}

/** 👍 and 👎 for answer `answerId`. */
function voteButtons(answerId: string): APIButtonComponent[] {
  return (["up", "down"] as const).map((vote) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: `${votePrefix}${answerId}:${vote}`,
    label: vote === "up" ? "👍" : "👎",
  }));
}

/**
 * Follow-ups become buttons carrying the question in `custom_id`, or its id (`fu:<passage id>~<hash>`, read
 * back by `assistant.followUp` in any process) when the question is too long; ones that fit neither are listed.
 */
function followUpButtons(followUps: string[], ids: string[] = []): { fitted: APIButtonComponent[]; leftOver: string[] } {
  const fitted: APIButtonComponent[] = [];
  const leftOver: string[] = [];
  const idOf = new Map(followUps.map((q, i) => [q.trim(), ids[i]]));
  for (const question of new Set(followUps.map((q) => q.trim()).filter(Boolean))) {
    const id = idOf.get(question);
    const customId = [askPrefix + question, ...(id ? [suggestedPrefix + id] : [])].find((c) => c.length <= limits.customId);
    if (customId === undefined || fitted.length >= limits.buttonsPerRow) leftOver.push(question);
    else {
      const label = truncate(question, limits.buttonLabel);
      fitted.push({ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: customId, label });
    }
  }
  return { fitted, leftOver };
}

/** Drops trailing fields, then shortens the description, until the embed fits 4096 / 6000. */
function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed, description: truncate(embed.description ?? "", limits.description) };
  const fields = [...(fitted.fields ?? [])];
  while (embedLength({ ...fitted, fields }) > limits.embedsTotal && fields.length > 0) fields.pop();
  fitted.fields = fields;
  const over = embedLength(fitted) - limits.embedsTotal;
  if (over > 0) fitted.description = truncate(fitted.description!, fitted.description!.length - over);
  return fitted;
}

/**
 * The reply's text as the embed shows it, escaped: a long passage one part at a time (split at sentence
 * ends, in linear time) with the part number and a button for the next part, which carries the passage
 * id and the part number so no state is kept.
 */
function passagePart(reply: Reply, wanted: number): { text: string; next?: APIButtonComponent } {
  const passage = reply.kind === "source" ? reply.citations[0]?.passage : undefined;
  // An answer leads with its short form (150万平方米); the quoted sentence follows in the fields.
  if (passage === undefined || reply.text.length <= PASSAGE_PART) return { text: escapeText(reply.short ?? reply.text) };
  // Escaping at most doubles a part, so 2,000 characters stay under the description's 4,096.
  const { text: part, index, count } = partOf(reply.text, partStarts(reply.text, PASSAGE_PART), wanted);
  const text = `${escapeText(part)}\n\n*${index + 1}/${count}*`;
  const customId = `${morePrefix}${index + 1}:${passage}`;
  if (index + 1 >= count || customId.length > limits.customId) return { text };
  const label = messages(reply.lang).nextPart(index + 2, count);
  return { text, next: { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId, label } };
}
