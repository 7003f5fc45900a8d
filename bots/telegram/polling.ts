import { Context, GrammyError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../log.js";
import { createBackoff, pause, type RetryOptions } from "../retry.js";

/**
 * Long polling that loses nothing on a shutdown. Telegram confirms every update below the `offset` of
 * the next `getUpdates`, so the offset sent is never past an update whose handling has not started:
 * an update still waiting (for its chat's earlier one, or for a free slot) stays with Telegram and goes
 * to the next process if this one stops. One chat's updates run in order, different chats in parallel.
 *
 * On `stop`: no new update starts, the running ones finish (within the grace period), and so do the
 * waiting ones that were already confirmed or that sit before a started one (else the next process would
 * answer the later ones twice); then the last offset is confirmed.
 */

export interface PollingOptions {
  log: Logger;
  /** Update types asked for. */
  allowedUpdates?: readonly string[];
  /** Most updates handled at once. */
  concurrency?: number;
  /** Long-poll timeout of `getUpdates`, seconds. */
  timeoutSeconds?: number;
  /** While updates wait for their chat, how often to look for new ones anyway (ms). */
  backlogPollMs?: number;
  /** Backoff between failed `getUpdates` calls (retried until stopped; `giveUpAfterMs` is ignored). */
  retry?: RetryOptions;
  /**
   * A full window of waiting updates with none started for this long (one chat flooding, say) is confirmed
   * and held in memory, so updates behind it are seen (ms).
   */
  stuckMs?: number;
}

/** What a stop finished and what it left. */
export interface ShutdownReport {
  /** Updates whose handling finished during the stop. */
  finished: number;
  /** Updates not started and not confirmed, which Telegram gives to the next process (`LIMIT` = that many or more). */
  left: number;
  /** Updates still running when the grace period ended. */
  unfinished: number;
}

export interface Polling {
  /** Settles when polling ends: resolves after `stop()`, rejects with `TelegramPollingError` on 401 or 409. */
  readonly done: Promise<void>;
  /** Stops taking updates, finishes the ones in progress within `graceMs` and confirms the offset. */
  stop(graceMs: number): Promise<ShutdownReport>;
}

/** Polling cannot go on (the token was revoked, another process polls): `message` names the cause. */
export class TelegramPollingError extends Error {
  override name = "TelegramPollingError";
}

const defaults = { concurrency: 500, timeoutSeconds: 30, backlogPollMs: 500, stuckMs: 2_000 };
/** Updates asked for per call (Telegram's maximum). */
const LIMIT = 100;
/** Unconfirmed waiting updates that count as a full window (`getUpdates` shows at most `LIMIT`). */
const WINDOW_FULL = 80;
/** Confirmed but not started updates kept at most (each must be finished on a stop). */
const MAX_HELD = 1_000;

type State = "waiting" | "running" | "done";
interface Entry {
  update: Update;
  /** Chat the update belongs to; its updates run one at a time. */
  key: string | undefined;
  state: State;
}

/**
 * Starts polling `bot` (whose `botInfo` is set) and returns a handle to stop it.
 *
 * @example
 * const polling = startPolling(bot, { log, allowedUpdates: ["message"] });
 * process.once("SIGTERM", () => polling.stop(10_000));
 */
export function startPolling(bot: Bot, options: PollingOptions): Polling {
  const { log } = options;
  const { concurrency, timeoutSeconds, backlogPollMs, stuckMs } = { ...defaults, ...options };
  /** Every update not both finished and confirmed, in update_id order. */
  const entries = new Map<number, Entry>();
  const busy = new Set<string>();
  let running = 0;
  let waiting = 0;
  let maxStarted = -1;
  let lastStart = Date.now();
  /** The offset of the last `getUpdates` sent: everything below it is confirmed. */
  let confirmed = 0;
  let stopping = false;
  let finishedWhileStopping = 0;
  const poll = new AbortController();
  let onChange: (() => void) | undefined;
  let onIdle: (() => void) | undefined;
  const changed = () => {
    onChange?.();
    if (running === 0) onIdle?.();
  };

  const keyOf = (update: Update) => {
    const chat = new Context(update, bot.api, bot.botInfo).chat;
    return chat ? String(chat.id) : undefined;
  };

  /** Starts every waiting update whose chat is free, in update_id order. */
  function pump(): void {
    const barrier = Math.max(maxStarted + 1, confirmed);
    for (const [id, entry] of entries) {
      if (running >= concurrency || (stopping && id >= barrier)) break;
      if (entry.state !== "waiting" || (entry.key !== undefined && busy.has(entry.key))) continue;
      start(id, entry);
    }
  }

  function start(id: number, entry: Entry): void {
    entry.state = "running";
    waiting--;
    running++;
    maxStarted = Math.max(maxStarted, id);
    lastStart = Date.now();
    if (entry.key !== undefined) busy.add(entry.key);
    void bot
      .handleUpdate(entry.update)
      .catch((err: unknown) => bot.errorHandler(err as Parameters<typeof bot.errorHandler>[0]))
      .catch((err: unknown) => log.error(`telegram: update ${id} failed and so did its error handler`, err))
      .finally(() => {
        entry.state = "done";
        running--;
        if (stopping) finishedWhileStopping++;
        if (entry.key !== undefined) busy.delete(entry.key);
        pump();
        changed();
      });
  }

  /**
   * The offset to send: the first waiting update. When a full window waits and nothing has started for
   * `stuckMs`, everything received instead: those updates are then held here, and finished on a stop.
   */
  function nextOffset(): number {
    let first: number | undefined;
    let last = confirmed - 1;
    for (const [id, entry] of entries) {
      last = Math.max(last, id);
      if (entry.state === "waiting" && id >= confirmed) first ??= id;
    }
    if (first === undefined) return last + 1;
    const stuck = unconfirmedWaiting() >= WINDOW_FULL && Date.now() - lastStart >= stuckMs && waiting <= MAX_HELD;
    return stuck ? last + 1 : first;
  }

  /** Waiting updates that Telegram would still give to the next process. */
  function unconfirmedWaiting(): number {
    let n = 0;
    for (const [id, entry] of entries) if (entry.state === "waiting" && id >= confirmed) n++;
    return n;
  }

  /** Forgets finished updates below the confirmed offset. */
  function prune(): void {
    for (const [id, entry] of entries) {
      if (id >= confirmed) break;
      if (entry.state === "done") entries.delete(id);
    }
  }

  /** Resolves on the next start or finish, or after `ms`. */
  function nextChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        onChange = undefined;
        resolve();
      }
      onChange = done;
    });
  }

  async function loop(): Promise<void> {
    let backoff = createBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, ...options.retry, giveUpAfterMs: Infinity });
    let failing = false;
    while (!stopping) {
      const offset = nextOffset();
      let updates: Update[];
      try {
        updates = await bot.api.getUpdates(
          {
            offset,
            limit: LIMIT,
            timeout: timeoutSeconds, // returns at once while updates wait: they are still there
            ...(options.allowedUpdates ? { allowed_updates: options.allowedUpdates as never } : {}),
          },
          poll.signal as Parameters<Bot["api"]["getUpdates"]>[1],
        );
      } catch (err) {
        if (stopping) break;
        const fatal = fatalCause(err);
        if (fatal) throw new TelegramPollingError(fatal);
        if (!failing && err instanceof GrammyError) {
          log.warn(`telegram: getUpdates failed (${err.error_code}: ${err.description}); retrying`);
        } else if (!failing) {
          log.warn("telegram: getUpdates failed; retrying", err);
        }
        failing = true;
        const retryAfter = err instanceof GrammyError ? err.parameters.retry_after : undefined;
        await pause(retryAfter !== undefined ? retryAfter * 1000 : backoff.next()!, poll.signal).catch(() => undefined);
        continue;
      }
      if (failing) log.info("telegram: getUpdates works again");
      failing = false;
      backoff = createBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, ...options.retry, giveUpAfterMs: Infinity });
      confirmed = Math.max(confirmed, offset);
      prune();
      let fresh = 0;
      for (const update of updates) {
        if (update.update_id < confirmed || entries.has(update.update_id)) continue;
        entries.set(update.update_id, { update, key: keyOf(update), state: "waiting" });
        waiting++;
        fresh++;
      }
      pump();
      // Only updates seen before came back: they wait for their chat, so wait for a change (or a while).
      if (fresh === 0 && unconfirmedWaiting() > 0 && !stopping) await nextChange(backlogPollMs);
    }
  }

  const done = loop();
  done.catch(() => undefined); // the caller hears of a fatal error through `done`; this only marks it handled
  let stopped: Promise<ShutdownReport> | undefined;

  async function stop(graceMs: number): Promise<ShutdownReport> {
    stopping = true;
    poll.abort();
    onChange?.();
    await done.catch(() => undefined);
    pump(); // waiting updates already confirmed, or before a started one, are part of the work
    if (running > 0) {
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<void>((resolve) => (onIdle = resolve));
      await Promise.race([idle, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
    }
    let offset = confirmed;
    for (const [id, entry] of entries) {
      if (entry.state !== "done") {
        offset = Math.max(offset, id);
        break;
      }
      offset = Math.max(offset, id + 1);
    }
    // Confirms what was handled; what it returns stays with Telegram for the next process.
    let left = [...entries].filter(([id, e]) => e.state === "waiting" && id >= offset).length;
    const fatal = await done.then(
      () => false,
      () => true,
    );
    // After a 401 or 409 another call would only be refused the same way.
    if (!fatal) {
      try {
        left = (await bot.api.getUpdates({ offset, limit: LIMIT, timeout: 0 })).length;
        confirmed = Math.max(confirmed, offset);
      } catch (err) {
        log.warn("telegram: could not confirm the last updates; the next process may receive them again", err);
      }
    }
    // Still running, or confirmed but never started: both are lost to the next process.
    const held = [...entries].filter(([id, e]) => e.state === "waiting" && id < confirmed).length;
    return { finished: finishedWhileStopping, left, unfinished: running + held };
  }

  return {
    done,
    stop: (graceMs) => (stopped ??= stop(graceMs)),
  };
}

/** The cause, worded for an operator, when a `getUpdates` failure means polling cannot go on. */
function fatalCause(err: unknown): string | undefined {
  if (!(err instanceof GrammyError)) return undefined;
  if (err.error_code === 401) {
    return "telegram: polling stopped: TELEGRAM_BOT_TOKEN was rejected (401 Unauthorized); the token was revoked or changed, copy it again from @BotFather.";
  }
  if (err.error_code === 409) {
    return `telegram: polling stopped: 409 Conflict (${err.description}); another process polls with this token or a webhook is set: run one instance per token.`;
  }
  return undefined;
}
