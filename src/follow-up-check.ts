import type { Suggestion } from "./answer/suggest.js";

/** What asking a question afresh gave: whether it was answered, and from which passage first. */
export interface Asked {
  found: boolean;
  /** Passage id of the answer's first citation. */
  passage?: string;
}

export interface FollowUpCheckOptions {
  /** Verdicts kept (by question); the oldest are dropped past it. */
  maxCached?: number;
  /** Candidates tried per call at most, so a reply never waits on many answers. */
  maxTries?: number;
  /**
   * Background checks waiting at most. Past it a candidate is left unchecked (not offered, checked when it
   * comes up again): questions that arrive faster than the checks run would otherwise queue up without bound.
   */
  maxQueued?: number;

  /**
   * `background` (default): a reply offers only suggestions already checked, and unchecked ones are checked
   * after it, one at a time, so no reply waits on extra answers. `await`: check before replying.
   */
  mode?: "background" | "await";
}

export const defaultFollowUpCheckOptions = { maxCached: 20_000, maxTries: 6, maxQueued: 100, mode: "background" as "background" | "await" };

/** Offers a suggested question only when the assistant, asked it, answers it from the passage it was made from. */
export interface FollowUpCheck {
  /** How `pick` treats unchecked candidates (see `FollowUpCheckOptions.mode`). */
  readonly mode: "background" | "await";
  /** Runs `task` after the replies waiting (in order with the background checks; dropped when `maxQueued` wait); in the await mode, now. */
  later(task: () => unknown): Promise<void>;
  /** Whether `s.question`, asked with no conversation, is answered from `s.passage`. Cached per question. */
  answers(s: Suggestion): Promise<boolean>;
  /** The first `n` candidates (in order) that pass, trying at most `maxTries` (a lazy iterable is read no further). */
  pick(candidates: Iterable<Suggestion>, n: number): Promise<Suggestion[]>;
  /** One passing candidate from each of `n` equal stretches of `candidates`: examples spread over the corpus. */
  spread(candidates: Suggestion[], n: number): Promise<Suggestion[]>;
}

/**
 * Builds the check from a way to ask a question afresh (no conversation, no side effects). A suggestion
 * such as 「审核时限不超过多少个？」 that the assistant would decline, or answer from another passage, is
 * never offered, so no button leads to 「没有找到」.
 *
 * @example
 * const check = createFollowUpCheck(async (q) => ({ found: true, passage: "doc#3" }));
 * await check.pick(suggestions, 2);
 */
export function createFollowUpCheck(ask: (question: string) => Promise<Asked>, options: FollowUpCheckOptions = {}): FollowUpCheck {
  // An option given as undefined (`{ mode: o.followUpCheck }`) takes its default.
  const { maxCached, maxTries, maxQueued, mode } = { ...defaultFollowUpCheckOptions, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const verdicts = new Map<string, Promise<Asked>>();
  const settled = new Map<string, Asked>();
  // Background checks run one after another, each after the replies waiting on the event loop.
  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0;
  const enqueue = <T>(run: () => T | Promise<T>) => {
    queued++;
    const done = queue.then(() => new Promise<T>((resolve) => setImmediate(() => resolve(run()))));
    queue = done.finally(() => queued--);
    return done;
  };
  // `undefined`: a check for later that found the queue full.
  const check = (question: string, later: boolean) => {
    let asked = verdicts.get(question);
    if (!asked) {
      if (later && queued >= maxQueued) return undefined;
      const run = () => ask(question).catch((): Asked => ({ found: false }));
      asked = later ? enqueue(run) : run();
      asked.then((v) => settled.set(question, v));
      verdicts.set(question, asked);
      if (verdicts.size > maxCached) {
        const oldest = verdicts.keys().next().value!;
        verdicts.delete(oldest);
        settled.delete(oldest);
      }
    }
    return asked;
  };
  const passes = (s: Suggestion, v: Asked | undefined) => v !== undefined && v.found && v.passage === s.passage;
  const answers = async (s: Suggestion) => passes(s, await check(s.question, false)!);
  const pick = async (candidates: Iterable<Suggestion>, n: number) => {
    const out: Suggestion[] = [];
    const next = candidates[Symbol.iterator]();
    for (let tried = 0; tried < maxTries && out.length < n; tried++) {
      const { done, value: s } = next.next();
      if (done) break;
      if (mode === "await" ? await answers(s) : passes(s, settled.get(s.question) ?? void check(s.question, true))) out.push(s);
    }
    return out;
  };
  return {
    mode,
    async later(task) {
      if (mode === "await") await task();
      else if (queued < maxQueued) void enqueue(() => Promise.resolve().then(task).catch(() => {}));
    },
    answers,
    pick,
    async spread(candidates, n) {
      const out: Suggestion[] = [];
      for (let i = 0; i < n; i++) {
        const stretch = candidates.slice(Math.floor((i * candidates.length) / n), Math.floor(((i + 1) * candidates.length) / n));
        for (const s of stretch.slice(0, maxTries)) {
          if (await answers(s)) {
            out.push(s);
            break;
          }
        }
      }
      return out;
    },
  };
}
