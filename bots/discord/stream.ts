import type { RepliableInteraction } from "discord.js";
import { throttleDrafts, type DraftStream } from "../draft.js";
import type { Logger } from "../log.js";
import { allowedMentions, escapeText, limits, truncate, type DiscordMessage } from "./render.js";

/** Discord rate-limits edits of one message: the deferred reply is edited at most this often. */
export const EDIT_EVERY_MS = 1_000;
/** Grey while the answer is being written and checked; the final render brings its own colour. */
const DRAFT_COLOR = 0x868e96;

/**
 * Shows a model's answer in the deferred reply while it is written, editing it at most once a
 * second; the final `editReply` with the checked reply (or the extractive one) replaces it.
 *
 * @example
 * const draft = draftFor(interaction, log);
 * const reply = await assistant.ask(id, text, { onDraft: draft.push });
 * await draft.close();
 */
export function draftFor(interaction: RepliableInteraction, log: Logger): DraftStream {
  return throttleDrafts(
    (text) => interaction.editReply(renderDraft(text)),
    EDIT_EVERY_MS,
    (err) => log.debug("discord: draft edit failed; the final answer still comes", err),
  );
}

/** The answer so far as an embed with a trailing ellipsis, no buttons. */
export function renderDraft(text: string): DiscordMessage {
  return { embeds: [{ color: DRAFT_COLOR, description: `${truncate(escapeText(text), limits.description - 2)} …` }], components: [], allowedMentions };
}
