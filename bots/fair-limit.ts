import type { RateDecision, RateLimiter } from "../src/index.js";

const COMMAND = /^\s*[/／]([A-Za-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/u;

/**
 * Whether a text the bot passes to the core asks a question (and so costs the core an answer) rather than
 * running a command. `/ask <question>` is a question; `/help`, `/source <id>`, `/about` are not.
 *
 * @example
 * isQuestion("崂山众创空间总面积将达到多少？"); // true
 * isQuestion("/source 000_4f5b4b3408eff9cd#3"); // false
 */
export function isQuestion(text: string): boolean {
  const command = COMMAND.exec(text);
  if (!command) return text.trim() !== "";
  return command[1]!.toLowerCase() === "ask" && (command[2] ?? "").trim() !== "";
}

/**
 * The rate-limit decision for one input: questions count against the user's budget, commands and buttons
 * that only show something (`/help`, 查看原文) pass without counting.
 *
 * @example
 * const decision = await takeIfQuestion(limiter, `tg:${userId}`, text);
 * if (!decision.ok) await reply(m.rateLimited(Math.ceil(decision.retryAfterMs / 1000)));
 */
export async function takeIfQuestion(limiter: RateLimiter, key: string, text: string): Promise<RateDecision> {
  return isQuestion(text) ? limiter.take(key) : { ok: true };
}
