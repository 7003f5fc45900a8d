import type { Message, SendableChannels } from "discord.js";
import { takeIfQuestion } from "../fair-limit.js";
import { answerIdOf } from "../observe.js";
import type { BotContext } from "./context.js";
import { deliver, messageNonce } from "./deliver.js";
import { conversationOf, isBotThread, type ThreadRules } from "./conversation.js";
import { noticesFor } from "./interactions.js";
import { renderNotice, renderReply, threadName } from "./render.js";

/**
 * Answers messages meant for the bot: `@bot question` in a server channel (in a new thread named after the
 * question), every top-level message of an auto-reply channel (the same way), every message in a thread the
 * bot opened or in an auto-reply forum (in place, no mention needed, unless it replies to another user), and
 * any message in a DM. Bots' and webhooks' messages, and messages that only mention `@everyone` or a role,
 * are ignored. Errors get a polite reply and are logged once.
 */
export async function handleMessage(ctx: BotContext, message: Message): Promise<void> {
  if (message.author.bot || message.webhookId || message.system) return;
  const me = message.client.user;
  const rules: ThreadRules = { botId: me.id, autoChannels: ctx.autoChannels ?? [] };
  const inGuild = message.inGuild();
  const mentioned = message.mentions.users.has(me.id);
  const channel = message.channel;
  const botThread = isBotThread(channel, rules);
  const autoChannel = inGuild && !channel.isThread() && rules.autoChannels.includes(channel.id);
  if (inGuild && !mentioned && !(botThread ? !repliesToSomeoneElse(message, me.id) : autoChannel)) return;
  let question = message.content.replace(new RegExp(`<@!?${me.id}>`, "g"), " ").trim();
  // A forum post's first message has the post's id; its title is part of the question.
  if (botThread && channel.isThread() && message.id === channel.id) question = withTitle(channel.name, question);
  if (!mentioned && !question) return; // an image or sticker in a thread: nothing to answer
  const m = noticesFor(null); // a message carries no locale; the corpus is Chinese
  try {
    const decision = await takeIfQuestion(ctx.limiter, `dc:${message.author.id}`, question);
    if (!decision.ok) {
      await message.reply(renderNotice(m.rateLimited(Math.ceil(decision.retryAfterMs / 1000))));
      return;
    }
    const thread = inGuild && question && !channel.isThread() ? await openThread(ctx, message, question) : null;
    const where: SendableChannels | null = thread ?? (channel.isSendable() ? channel : null);
    await where?.sendTyping().catch(() => undefined);
    const place = { channel: thread ?? channel, channelId: where?.id ?? message.channelId, guildId: message.guildId, userId: message.author.id };
    const reply = await ctx.assistant.ask(conversationOf(place, rules), question);
    // One nonce for every attempt, so a retried send cannot post the answer twice.
    const body = { ...renderReply(reply, ctx.feedback ? { feedback: answerIdOf(reply) } : {}), nonce: messageNonce(), enforceNonce: true };
    await deliver(ctx, "an answer", () => (thread ? thread.send(body) : message.reply(body)));
  } catch (err) {
    ctx.log.error(`discord: answering a ${inGuild ? "mention" : "direct message"} failed`, err);
    await message.reply(renderNotice(m.error)).catch((e) => ctx.log.debug("discord: apology failed", e));
  }
}

/** A reply to someone other than the bot: talk between people in the thread, not a question to it. */
function repliesToSomeoneElse(message: Message, botId: string): boolean {
  const to = message.mentions.repliedUser;
  return message.reference !== null && to !== null && to.id !== botId;
}

/** A forum post's title and body as one question; the body alone when it already says the title. */
function withTitle(title: string, body: string): string {
  return body.includes(title) ? body : [title, body].filter(Boolean).join("\n");
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
