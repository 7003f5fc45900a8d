import { randomBytes } from "node:crypto";
import { DiscordAPIError, HTTPError } from "discord.js";
import { isNetworkError, retrying } from "../retry.js";
import type { BotContext } from "./context.js";

/**
 * Whether a discord.js REST failure is worth another try: Discord answered 5xx (discord.js has already
 * retried it a few times at once), or did not answer at all. 4xx answers are final.
 */
export function isTransient(err: unknown): boolean {
  if (err instanceof HTTPError || err instanceof DiscordAPIError) return err.status >= 500;
  return isNetworkError(err);
}

/**
 * Sends an answer (`what` names it in the log), retrying through a network outage or 5xx answers with
 * backoff for `ctx.retry.giveUpAfterMs` (90 s by default); then the last error is thrown.
 *
 * @example
 * await deliver(ctx, "the answer edit", () => interaction.editReply(body));
 */
export function deliver<T>(ctx: BotContext, what: string, send: () => Promise<T>): Promise<T> {
  let warned = false;
  return retrying(send, isTransient, ctx.retry, (err, delay) => {
    if (!warned) ctx.log.warn(`discord: sending ${what} failed; retrying`, err);
    else ctx.log.debug(`discord: ${what} retried in ${delay} ms`);
    warned = true;
  });
}

/**
 * A nonce for a new message: with `enforceNonce`, Discord creates the message once however often the
 * request is retried (a retry after a lost response returns the first message).
 */
export function messageNonce(): string {
  return randomBytes(12).toString("hex").slice(0, 25);
}
