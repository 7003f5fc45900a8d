import type { Message, SendableChannels } from "discord.js";
import type { BotContext } from "./context.js";
import { deliver, messageNonce } from "./deliver.js";
import { noticesFor } from "./interactions.js";
import { renderNotice, renderReply, threadName } from "./render.js";

/**
 * Answers `@bot question` in a server channel (in a new thread named after the question), in a thread
 * (in place) and any message in a DM. Bots' and webhooks' messages, and messages that only mention
 * `@everyone` or a role, are ignored. Errors get a polite reply and are logged once.
 */
export async function handleMessage(ctx: BotContext, message: Message): Promise<void> {
  if (message.author.bot || message.webhookId || message.system) return;
  const me = message.client.user;
  const inGuild = message.inGuild();
  if (inGuild && !message.mentions.users.has(me.id)) return;
  const question = message.content.replace(new RegExp(`<@!?${me.id}>`, "g"), " ").trim();
  const m = noticesFor(null); // a message carries no locale; the corpus is Chinese
  try {
    const decision = ctx.limiter.take(`dc:${message.author.id}`);
    if (!decision.ok) {
      await message.reply(renderNotice(m.rateLimited(Math.ceil(decision.retryAfterMs / 1000))));
      return;
    }
    const thread = inGuild && question && !message.channel.isThread() ? await openThread(ctx, message, question) : null;
    const where: SendableChannels | null = thread ?? (message.channel.isSendable() ? message.channel : null);
    await where?.sendTyping().catch(() => undefined);
    const reply = await ctx.assistant.ask(`dc:${where?.id ?? message.channelId}`, question);
    // One nonce for every attempt, so a retried send cannot post the answer twice.
    const body = { ...renderReply(reply), nonce: messageNonce(), enforceNonce: true };
    await deliver(ctx, "an answer", () => (thread ? thread.send(body) : message.reply(body)));
  } catch (err) {
    ctx.log.error(`discord: answering a ${inGuild ? "mention" : "direct message"} failed`, err);
    await message.reply(renderNotice(m.error)).catch((e) => ctx.log.debug("discord: apology failed", e));
  }
}

/** A public thread on the question, or `null` (and an answer in place) when the channel cannot have one. */
async function openThread(ctx: BotContext, message: Message<true>, question: string) {
  try {
    return await message.startThread({ name: threadName(question) });
  } catch (err) {
    ctx.log.debug("discord: could not open a thread; answering in the channel", err);
    return null;
  }
}
