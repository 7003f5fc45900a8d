import type { FeedbackStore, RateLimiter } from "../../src/index.js";
import type { Assistant } from "../../src/index.js";
import type { Logger } from "../log.js";
import type { RetryOptions } from "../retry.js";

/** What every Discord handler needs: the core, a logger that redacts the token, the per-user limiter. */
export interface BotContext {
  assistant: Assistant;
  log: Logger;
  /** Keyed `dc:<user id>`; only questions count. */
  limiter: RateLimiter;
  /** Where 👍/👎 go; with it, every answer from an observed assistant gets the two buttons. */
  feedback?: FeedbackStore;
  /** How an answer's send or edit is retried through a network outage or 5xx answers; default `retryDefaults`. */
  retry?: RetryOptions;
  /** Channel and forum ids whose new posts and messages are answered in their own thread (`DISCORD_AUTO_CHANNELS`). */
  autoChannels?: readonly string[];
}
