import type { Context } from "grammy";
import { throttleDrafts, type DraftStream } from "../draft.js";
import type { Logger } from "../log.js";
import { clip, TELEGRAM_TEXT_LIMIT } from "./render.js";

/** How often a streamed draft is updated at most. */
export const DRAFT_EVERY_MS = 500;

/**
 * Streams a model's answer into a private chat as it is written, with `sendMessageDraft` (an ephemeral
 * preview that the final `sendMessage` replaces); `undefined` in groups and channels, which get the
 * typing indicator and one message.
 *
 * @example
 * const draft = draftFor(ctx, log);
 * const reply = await assistant.ask(id, text, { ...(draft && { onDraft: draft.push }) });
 * await draft?.close();
 */
export function draftFor(ctx: Context, log: Logger): DraftStream | undefined {
  const chat = ctx.chat;
  if (chat?.type !== "private") return undefined;
  // The same non-zero id animates one draft; the question's message id keeps it distinct per answer.
  const draftId = ctx.msg?.message_id || (Date.now() % 2 ** 31) + 1;
  return throttleDrafts(
    (text) => ctx.api.sendMessageDraft(chat.id, draftId, clip(text, TELEGRAM_TEXT_LIMIT)),
    DRAFT_EVERY_MS,
    (err) => log.debug("telegram: draft update failed; the final message still comes", err),
  );
}
