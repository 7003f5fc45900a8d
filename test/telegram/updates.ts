import type { Chat, Message, MessageEntity, Update, User } from "grammy/types";

/**
 * Builders for the updates Telegram sends, with the entities Telegram would compute
 * (`bot_command` at offset 0, `mention` for each @name), so grammY's filters see real shapes.
 */

let nextMessageId = 10_000;
const now = () => Math.floor(Date.now() / 1000);

/** A human sender; `id` also keys the per-user rate limit, so each test uses its own. */
export function user(id: number, languageCode = "zh-hans"): User {
  return { id, is_bot: false, first_name: `User${id}`, language_code: languageCode };
}

export function privateChat(u: User): Chat.PrivateChat {
  return { id: u.id, type: "private", first_name: u.first_name };
}

export function group(id: number): Chat.SupergroupChat {
  return { id, type: "supergroup", title: `Group ${id}` };
}

export interface TextOptions {
  chat: Chat;
  /** Omit for a message without a sender. */
  from?: User;
  replyTo?: Message;
}

/** A message in an update (grammY's types mark it as not from a channel). */
export type IncomingMessage = NonNullable<Update["message"]>;

/** A text message as Telegram delivers it. */
export function textMessage(text: string, { chat, from, replyTo }: TextOptions): IncomingMessage & Message.TextMessage {
  const entities = entitiesOf(text);
  return {
    message_id: nextMessageId++,
    date: now(),
    chat,
    ...(from ? { from } : {}),
    text,
    ...(entities.length > 0 ? { entities } : {}),
    ...(replyTo ? { reply_to_message: replyTo } : {}),
  } as IncomingMessage & Message.TextMessage;
}

/** `{ message }` update for `push`/`deliver`. */
export function textUpdate(text: string, options: TextOptions): Omit<Update, "update_id"> {
  return { message: textMessage(text, options) };
}

/** A sticker in a chat: not text. */
export function stickerUpdate({ chat, from }: TextOptions): Omit<Update, "update_id"> {
  return {
    message: {
      message_id: nextMessageId++,
      date: now(),
      chat,
      ...(from ? { from } : {}),
      sticker: {
        file_id: "sticker-file",
        file_unique_id: "sticker-unique",
        type: "regular",
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
      },
    } as IncomingMessage,
  };
}

/** A button press on `message` (a message the bot sent) with `data`. */
export function callbackUpdate(from: User, message: Message, data: string): Omit<Update, "update_id"> {
  return { callback_query: { id: `cb${nextMessageId++}`, from, chat_instance: "ci", message, data } };
}

/** `@bot query` typed in any chat. */
export function inlineUpdate(from: User, query: string): Omit<Update, "update_id"> {
  return { inline_query: { id: `iq${nextMessageId++}`, from, query, offset: "" } };
}

function entitiesOf(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const m of text.matchAll(/@[A-Za-z0-9_]{5,32}/g)) {
    if (command && m.index < command[0].length) continue;
    entities.push({ type: "mention", offset: m.index, length: m[0].length });
  }
  return entities;
}
