import type { Message, MessageEntity, UserFromGetMe } from "grammy/types";
import { looksLikeQuestion } from "../../src/index.js";

/** A `/command@bot args` at the start of a message. */
export interface ParsedCommand {
  /** Command name without `/`, lower-cased. */
  name: string;
  /** The `@bot` it is addressed to, without `@`, or "" when none. */
  target: string;
  /** Text after the command, trimmed. */
  args: string;
}

/**
 * The bot command a message starts with, as Telegram marks it (`bot_command` entity at offset 0).
 *
 * @example
 * parseCommand({ text: "/ask@policy_bot 问题", entities: [{ type: "bot_command", offset: 0, length: 15 }] });
 * // { name: "ask", target: "policy_bot", args: "问题" }
 */
export function parseCommand(msg: Pick<Message, "text" | "entities">): ParsedCommand | undefined {
  const text = msg.text ?? "";
  const entity = msg.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (!entity) return undefined;
  const [name = "", target = ""] = text.slice(1, entity.length).split("@");
  return { name: name.toLowerCase(), target, args: text.slice(entity.length).trim() };
}

/** Whether a parsed command is meant for this bot: `@thisbot`, or no target outside groups. */
export function isCommandForMe(cmd: ParsedCommand, me: UserFromGetMe, chatType: string): boolean {
  if (cmd.target) return cmd.target.toLowerCase() === me.username.toLowerCase();
  return chatType === "private";
}

export interface AddressingOptions {
  /** The chat is an auto-reply group (`TELEGRAM_AUTO_CHATS`): question-like messages need no mention. */
  auto?: boolean;
}

/**
 * The question a text message asks this bot, or `undefined` when the message is not for it.
 * Private chat: every message. Groups: messages that mention the bot (the mention is removed)
 * and replies to the bot's own messages; in an auto-reply group also every message that reads as a
 * question, unless it replies to someone else. Other chatter is ignored.
 */
export function questionFor(
  msg: Pick<Message, "text" | "entities" | "caption" | "caption_entities" | "reply_to_message" | "chat" | "message_thread_id">,
  me: UserFromGetMe,
  { auto = false }: AddressingOptions = {},
): string | undefined {
  const text = msg.text ?? msg.caption ?? "";
  const entities = (msg.text !== undefined ? msg.entities : msg.caption_entities) ?? [];
  const mentions = entities.filter((e) => isMentionOf(e, text, me));
  const stripped = mentions.length > 0 ? removeRanges(text, mentions) : text;
  if (msg.chat.type === "private") return stripped;
  if (mentions.length > 0 || msg.reply_to_message?.from?.id === me.id) return stripped;
  if (auto && !repliesToSomeoneElse(msg) && looksLikeQuestion(stripped)) return stripped;
  return undefined;
}

/** A reply to another message, not counting the topic's first message that every forum message points at. */
function repliesToSomeoneElse(msg: Pick<Message, "reply_to_message" | "message_thread_id">): boolean {
  const to = msg.reply_to_message;
  return to !== undefined && !to.forum_topic_created && to.message_id !== msg.message_thread_id;
}

function isMentionOf(e: MessageEntity, text: string, me: UserFromGetMe): boolean {
  if (e.type === "text_mention") return e.user.id === me.id;
  if (e.type !== "mention") return false;
  return text.slice(e.offset + 1, e.offset + e.length).toLowerCase() === me.username.toLowerCase();
}

/** Removes entity ranges (UTF-16 offsets, as Telegram sends them) and tidies the spaces left. */
function removeRanges(text: string, ranges: MessageEntity[]): string {
  let out = text;
  for (const r of [...ranges].sort((a, b) => b.offset - a.offset)) {
    out = `${out.slice(0, r.offset)} ${out.slice(r.offset + r.length)}`;
  }
  return out.replace(/[ \t]{2,}/g, " ").replace(/^[\s,，:：]+/, "").trim();
}

