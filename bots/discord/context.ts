import type { RateLimiter } from "../../src/index.js";
import type { Assistant } from "../../src/index.js";
import type { Logger } from "../log.js";

/** What every Discord handler needs: the core, a logger that redacts the token, the per-user limiter. */
export interface BotContext {
  assistant: Assistant;
  log: Logger;
  /** Keyed `dc:<user id>`. */
  limiter: RateLimiter;
}
