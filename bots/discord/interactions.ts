import { MessageFlags, type Interaction, type RepliableInteraction } from "discord.js";
import { localeLang, messages } from "../../src/index.js";
import { coreText, optionNames } from "./commands.js";
import { takeIfQuestion } from "../fair-limit.js";
import { answerIdOf, hashId } from "../observe.js";
import type { BotContext } from "./context.js";
import { draftFor } from "./stream.js";
import { deliver } from "./deliver.js";
import { conversationOf } from "./conversation.js";
import { limits, parseButton, renderChoices, renderNotice, renderReply } from "./render.js";

/** One call on the core that an interaction asks for. */
interface CoreRequest {
  text: string;
  /** Only the person who clicked sees the answer (the "full passage" button). */
  ephemeral: boolean;
  /** The part of a long passage to show (its "next part" button). */
  part?: number;
  /** A suggested question's button: the answer shows the question it answers. */
  asked?: string;
}

/** Wording for the bot's own notices (errors, rate limit): the user's language, else Chinese. */
export function noticesFor(locale: string | null | undefined) {
  return messages(localeLang(locale) ?? "zh");
}

/**
 * Handles one interaction: autocomplete for `/source`, slash commands and buttons. Every answer is deferred
 * first (the core may take longer than Discord's 3 s), then edited in. Errors reach the user as a polite
 * ephemeral message and are logged once.
 */
export async function handleInteraction(ctx: BotContext, interaction: Interaction): Promise<void> {
  try {
    await dispatch(ctx, interaction);
  } catch (err) {
    ctx.log.error(`discord: ${describeInteraction(interaction)} failed`, err);
    if (!interaction.isRepliable()) return;
    await apologise(interaction).catch((e) => ctx.log.debug("discord: apology failed", e));
  }
}

async function dispatch(ctx: BotContext, interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    const typed = String(interaction.options.getFocused());
    await interaction.respond(renderChoices(ctx.assistant.passages(typed.trim(), limits.choices)));
    return;
  }
  if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
  const m = noticesFor(interaction.locale);
  const vote = interaction.isButton() ? parseButton(interaction.customId) : undefined;
  if (vote?.kind === "vote") {
    const record = { answer: vote.answer, user: hashId(`dc:${interaction.user.id}`), vote: vote.vote, at: Date.now() };
    const fresh = ctx.feedback !== undefined && (await ctx.feedback.vote(record));
    await interaction.reply({ ...renderNotice(fresh ? m.feedbackThanks : m.feedbackAlready), flags: MessageFlags.Ephemeral });
    return;
  }
  const request = toRequest(interaction, ctx);
  if (!request) {
    await interaction.reply({ ...renderNotice(m.buttonExpired), flags: MessageFlags.Ephemeral });
    return;
  }
  // Only questions typed count; a button (a suggested question, 查看原文) never does.
  const decision = interaction.isButton() ? { ok: true as const } : await takeIfQuestion(ctx.limiter, `dc:${interaction.user.id}`, request.text);
  if (!decision.ok) {
    const seconds = Math.ceil(decision.retryAfterMs / 1000);
    await interaction.reply({ ...renderNotice(m.rateLimited(seconds)), flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.deferReply(request.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  const { channel, channelId, guildId, user } = interaction;
  const rules = { botId: interaction.client.user.id, autoChannels: ctx.autoChannels ?? [] };
  const conversation = conversationOf({ channel, channelId, guildId, userId: user.id }, rules);
  const lang = localeLang(interaction.locale);
  const draft = draftFor(interaction, ctx.log);
  const reply = await ctx.assistant.ask(conversation, request.text, { ...(lang && { lang }), onDraft: draft.push }).finally(() => draft.close());
  const body = renderReply(reply, {
    part: request.part ?? 0,
    ...(request.asked ? { asked: request.asked } : {}),
    ...(ctx.feedback ? { feedback: answerIdOf(reply) } : {}),
  });
  await deliver(ctx, "the answer edit", () => interaction.editReply(body));
}

function toRequest(interaction: RepliableInteraction, ctx: BotContext): CoreRequest | undefined {
  if (interaction.isChatInputCommand()) {
    const name = interaction.commandName;
    const optionName = optionNames[name as keyof typeof optionNames];
    const argument = optionName ? interaction.options.getString(optionName) : null;
    return { text: coreText(name, argument), ephemeral: false };
  }
  if (interaction.isButton()) {
    const action = parseButton(interaction.customId);
    if (action?.kind === "source") return { text: coreText("source", action.passage), ephemeral: true };
    if (action?.kind === "ask") return { text: action.question, ephemeral: false, asked: action.question };
    if (action?.kind === "suggested") {
      // Made again from its passage, so it works after a restart and on every shard; gone from the articles: expired.
      const question = ctx.assistant.followUp?.(action.id);
      return question === undefined ? undefined : { text: question, ephemeral: false, asked: question };
    }
    if (action?.kind === "more") return { text: coreText("source", action.passage), ephemeral: true, part: action.part };
  }
  return undefined;
}

/** Says sorry where only the user sees it: a deferred public reply is replaced by an ephemeral follow-up. */
async function apologise(interaction: RepliableInteraction): Promise<void> {
  const notice = renderNotice(noticesFor(interaction.locale).error);
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...notice, flags: MessageFlags.Ephemeral });
  } else if (interaction.ephemeral) {
    await interaction.editReply(notice);
  } else {
    await interaction.deleteReply().catch(() => undefined);
    await interaction.followUp({ ...notice, flags: MessageFlags.Ephemeral });
  }
}

function describeInteraction(interaction: Interaction): string {
  if (interaction.isChatInputCommand()) return `/${interaction.commandName}`;
  if (interaction.isAutocomplete()) return `autocomplete for /${interaction.commandName}`;
  if (interaction.isButton()) return "button";
  return `interaction type ${interaction.type}`;
}
