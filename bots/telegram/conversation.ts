import type { Chat, User } from "grammy/types";

/** The parts of a message that say where it was written. */
export interface Place {
  chat: Pick<Chat, "id" | "type">;
  /** The sender (for a button press: who pressed it). */
  from?: Pick<User, "id">;
  /** Set on messages in a forum supergroup's topic. */
  is_topic_message?: boolean;
  message_thread_id?: number;
}

/**
 * The conversation a Telegram message belongs to: one person in one place. A private chat is one
 * conversation; in a group each member has their own (so Bob's 「它…」 is not read as Alice's subject);
 * a forum topic is one conversation for everyone in it. `/reset` clears exactly this one.
 *
 * @example
 * conversationOf({ chat: { id: -100, type: "supergroup" }, from: { id: 7 } }); // "tg:-100:7"
 */
export function conversationOf({ chat, from, is_topic_message, message_thread_id }: Place): string {
  if (chat.type === "private") return `tg:${chat.id}`;
  if (is_topic_message && message_thread_id !== undefined) return `tg:${chat.id}:topic:${message_thread_id}`;
  return from ? `tg:${chat.id}:${from.id}` : `tg:${chat.id}`;
}
