import { Bot, InlineKeyboard, type BotError, type Context } from "grammy";
import type { InlineQueryResultArticle, UserFromGetMe } from "grammy/types";
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { localeLang, messages } from "../../src/index.js";
import type { FeedbackStore, RateLimiter, UpdateDeduper } from "../../src/index.js";
import type { Assistant, Lang } from "../../src/index.js";
import { redacting, type Logger } from "../log.js";
import { answerIdOf, hashId } from "../observe.js";
import type { RetryOptions } from "../retry.js";
import { takeIfQuestion } from "../fair-limit.js";
import { draftFor } from "./stream.js";
import { isCommandForMe, parseCommand, questionFor } from "./addressing.js";
import { conversationOf } from "./conversation.js";
import { floodLimits, type FloodLimits } from "./flood.js";
import { retrySends, sanitizeOutgoing } from "./transformers.js";
import { clip, colon, escapeHtml, parseButtonData, renderReply, type RenderedMessage, type RenderOptions } from "./render.js";

/** Commands the core answers itself; the bot passes them on as text. */
export const CORE_COMMANDS = ["start", "help", "policies", "policy", "source", "about", "reset"] as const;
/** Every command in the bot's menu, in menu order. */
export const MENU_COMMANDS = ["start", "ask", "help", "policies", "source", "reset", "about"] as const;

export interface TelegramBotOptions {
  /** Bot token from @BotFather. Never logged. */
  token: string;
  /** Where errors go; the token is redacted from every line whatever this logger does. */
  log: Logger;
  /** Per-user limit on typed questions (commands and buttons do not count), keyed `tg:<user id>`. */
  limiter: RateLimiter;
  /** Group ids where every question-like message is answered without a mention (`TELEGRAM_AUTO_CHATS`). */
  autoChats?: readonly number[];
  /** Where 👍/👎 go; with it, every answer from an observed assistant gets the two buttons. */
  feedback?: FeedbackStore;
  /** Drops an update already handled (by this process or, on Redis, another replica), by `update_id`. */
  deduper?: UpdateDeduper;
  /** Bot API server root without a trailing `/` (self-hosted server or a test fake); default Telegram's. */
  apiRoot?: string;
  /** Skips `getMe` when the bot's identity is known (e.g. in tests). */
  botInfo?: UserFromGetMe;
  /** How sends are retried through a network outage or 5xx answers; default `retryDefaults` (90 s). */
  retry?: RetryOptions;
  /** Outgoing flood limits per chat; default Telegram's (see `floodLimits`), `false` for none. */
  floodLimits?: FloodLimits;
}

/** How often the typing indicator is renewed while the core works; Telegram shows it for 5 s. */
const TYPING_EVERY_MS = 4_500;

/**
 * Builds the grammY bot: every handler that turns Telegram updates into `assistant.ask` calls and
 * replies into HTML messages. Start it with `startPolling(bot)` (long polling) or `webhookCallback`; see
 * `startTelegram`, which does both.
 *
 * @example
 * const bot = createTelegramBot(assistant, { token, log, limiter: createRateLimiter({ limit: 10 }) });
 * startPolling(bot, { log });
 */
export function createTelegramBot(assistant: Assistant, options: TelegramBotOptions): Bot {
  const log = redacting(options.log, [options.token]);
  const { limiter } = options;
  const autoChats = new Set(options.autoChats ?? []);
  const bot = new Bot(options.token, {
    client: options.apiRoot ? { apiRoot: options.apiRoot } : {},
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  // Innermost: 429s wait `retry_after`. Around it: network failures and 5xx retried with backoff for a
  // bounded time. Outermost: nothing unsafe is sent, whatever the text.
  const retry429 = autoRetry({ maxRetryAttempts: 10, maxDelaySeconds: 60, rethrowHttpErrors: true, rethrowInternalServerErrors: true });
  // The polling loop waits out a 429 on getUpdates itself (and logs it); a refused draft is skipped, not waited for.
  bot.api.config.use((prev, method, payload, signal) =>
    method === "getUpdates" || method === "sendMessageDraft" ? prev(method, payload, signal) : retry429(prev, method, payload, signal),
  );
  bot.api.config.use(retrySends(log, options.retry));
  bot.api.config.use(sanitizeOutgoing());
  // Outermost: each chat's messages wait their turn under Telegram's flood limits, retries included.
  if (options.floodLimits !== false) bot.api.config.use(floodLimits(options.floodLimits));

  const onError = async (err: BotError<Context>): Promise<void> => {
    const ctx = err.ctx;
    log.error(`telegram: update ${ctx.update.update_id} failed`, err.error);
    if (!ctx.chat || ctx.inlineQuery) return;
    try {
      await ctx.reply(ui(ctx).error, replyTo(ctx));
    } catch (e) {
      log.warn("telegram: could not send the error message either", e);
    }
  };
  bot.catch(onError);
  const { deduper } = options;
  if (deduper) {
    bot.use(async (ctx, next) => {
      if (await deduper.claim(`tg:${ctx.me.id}:${ctx.update.update_id}`)) return next();
      log.debug(`telegram: update ${ctx.update.update_id} was already handled; skipped`);
    });
  }
  bot.use(sequentialize((ctx: Context) => (ctx.chat ? String(ctx.chat.id) : undefined)));
  const handlers = bot.errorBoundary(onError);

  /** Asks the core for one input and sends the rendered reply, within the user's rate limit. */
  async function answer(ctx: Context, text: string, render: RenderOptions = {}): Promise<void> {
    const chat = ctx.chat;
    if (!chat) return;
    // Only questions typed count; a button (a suggested question, 查看原文) never does.
    const decision = ctx.callbackQuery ? { ok: true as const } : await takeIfQuestion(limiter, userKey(ctx), text);
    if (!decision.ok) {
      await ctx.reply(ui(ctx).rateLimited(Math.ceil(decision.retryAfterMs / 1000)), replyTo(ctx));
      return;
    }
    const lang = localeLang(ctx.from?.language_code);
    const conversation = conversationOf({ ...ctx.msg, chat, ...(ctx.from ? { from: ctx.from } : {}) });
    const draft = draftFor(ctx, log);
    const reply = await withTyping(ctx, () => assistant.ask(conversation, text, { ...(lang && { lang }), ...(draft && { onDraft: draft.push }) }));
    await draft?.close();
    await send(ctx, renderReply(reply, options.feedback ? { ...render, feedback: answerIdOf(reply) } : render));
  }

  async function send(ctx: Context, rendered: RenderedMessage[]): Promise<void> {
    for (const m of rendered) {
      await ctx.reply(m.html, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...replyTo(ctx),
        ...(m.keyboard ? { reply_markup: m.keyboard } : {}),
      });
    }
  }

  async function withTyping<T>(ctx: Context, work: () => Promise<T>): Promise<T> {
    const ping = () =>
      ctx.replyWithChatAction("typing").then(
        () => undefined,
        (e: unknown) => log.debug("telegram: typing action failed", e),
      );
    await ping();
    const timer = setInterval(() => void ping(), TYPING_EVERY_MS);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  handlers.command("ask", (ctx) => answer(ctx, ctx.match));
  handlers.command([...CORE_COMMANDS], (ctx) => {
    const cmd = parseCommand(ctx.msg);
    if (!cmd) return;
    // A `/start <payload>` deep link (e.g. from the inline-mode button) just opens the greeting.
    const args = cmd.name === "start" || !cmd.args ? "" : ` ${cmd.args}`;
    return answer(ctx, `/${cmd.name}${args}`);
  });

  handlers.on("message:text", async (ctx) => {
    const cmd = parseCommand(ctx.msg);
    if (cmd) {
      // Unknown commands: answered (with the core's "unknown command") only when meant for this bot.
      if (isCommandForMe(cmd, ctx.me, ctx.chat.type)) await answer(ctx, `/${cmd.name}${cmd.args ? ` ${cmd.args}` : ""}`);
      return;
    }
    const question = questionFor(ctx.msg, ctx.me, { auto: autoChats.has(ctx.chat.id) });
    if (question !== undefined) await answer(ctx, question);
  });

  handlers.on("message", async (ctx) => {
    // Stickers, photos, voice…: a hint, but only where the bot is addressed.
    if (questionFor(ctx.msg, ctx.me) === undefined) return;
    await ctx.reply(ui(ctx).nonText, replyTo(ctx));
  });

  handlers.on("callback_query:data", async (ctx) => {
    const action = parseButtonData(ctx.callbackQuery.data);
    const msg = ctx.callbackQuery.message;
    let text: string | undefined;
    let render: RenderOptions = {};
    if (action?.type === "vote") {
      const vote = { answer: action.answer, user: hashId(userKey(ctx)), vote: action.vote, at: Date.now() };
      const fresh = options.feedback !== undefined && (await options.feedback.vote(vote));
      await ctx.answerCallbackQuery({ text: fresh ? ui(ctx).feedbackThanks : ui(ctx).feedbackAlready });
      return;
    }
    if (action?.type === "source") text = `/source ${action.passage}`;
    else if (action?.type === "more") [text, render] = [`/source ${action.passage}`, { part: action.part }];
    else if (action?.type === "question") [text, render] = [action.text, { asked: action.text }];
    else if (action?.type === "follow-up" && msg && "reply_markup" in msg) {
      // A follow-up too long for callback_data is read back from the label of the button pressed.
      const buttons = msg.reply_markup?.inline_keyboard.flat() ?? [];
      text = buttons.find((b) => "callback_data" in b && b.callback_data === ctx.callbackQuery.data)?.text;
      if (text !== undefined) render = { asked: text };
    } else if (action?.type === "suggested") {
      // Made again from its passage: works after a restart, on another replica, and on a message too old to carry its buttons.
      text = assistant.followUp?.(action.id);
      if (text !== undefined) render = { asked: text };
    }
    if (text === undefined || !ctx.chat) {
      await ctx.answerCallbackQuery({ text: ui(ctx).buttonExpired });
      return;
    }
    await ctx.answerCallbackQuery();
    await answer(ctx, text, render);
  });

  handlers.on("inline_query", async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    const m = ui(ctx);
    if (!query) {
      await ctx.answerInlineQuery([], { cache_time: 300, button: { text: m.empty, start_parameter: "help" } });
      return;
    }
    const decision = await limiter.take(userKey(ctx));
    if (!decision.ok) {
      const text = m.rateLimited(Math.ceil(decision.retryAfterMs / 1000));
      await ctx.answerInlineQuery([], { cache_time: 0, is_personal: true, button: { text, start_parameter: "help" } });
      return;
    }
    const lang = localeLang(ctx.from.language_code);
    const reply = await assistant.ask(`tg:inline:${ctx.from.id}`, query, lang ? { lang } : {});
    const [first] = renderReply(reply, { buttons: false });
    const followUps = new InlineKeyboard();
    for (const q of reply.followUps.slice(0, 3)) followUps.switchInlineCurrent(q, clip(q, 256)).row();
    const citation = reply.citations[0];
    const article: InlineQueryResultArticle = {
      type: "article",
      id: "answer",
      title: clip(reply.text.replace(/\s+/g, " "), 80),
      ...(citation ? { description: `${messages(reply.lang).source}${colon(reply.lang)}${citation.title}` } : {}),
      input_message_content: {
        message_text: first?.html ?? escapeHtml(reply.text),
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
      },
      ...(reply.followUps.length > 0 ? { reply_markup: followUps } : {}),
    };
    await ctx.answerInlineQuery([article], { cache_time: 30, is_personal: true });
  });

  // Edited messages, channel posts, member updates and the like fall through: nothing to answer.
  return bot;
}

/** Rate-limit key: the sender, or the chat when an update has no sender. */
function userKey(ctx: Context): string {
  return ctx.from ? `tg:${ctx.from.id}` : `tg:chat:${ctx.chat?.id ?? "unknown"}`;
}

/** Wording for the bot's own messages: the user's Telegram language when the core speaks it, else Chinese. */
function ui(ctx: Context) {
  const lang: Lang = localeLang(ctx.from?.language_code) ?? "zh";
  return messages(lang);
}

/**
 * In groups, answers reply to the message they answer (the question, or the bot message whose
 * button was pressed), so they stay readable in a busy chat and in forum topics.
 */
function replyTo(ctx: Context): { reply_parameters?: { message_id: number; allow_sending_without_reply: boolean } } {
  if (ctx.chat?.type === "private") return {};
  const id = ctx.msg?.message_id;
  return id === undefined ? {} : { reply_parameters: { message_id: id, allow_sending_without_reply: true } };
}
