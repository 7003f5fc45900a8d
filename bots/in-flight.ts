/**
 * The answers a front end is working on, so that a shutdown can stop taking new ones and wait for them.
 */

/** What a drain finished and what it could not. */
export interface DrainReport {
  /** Answers that finished while draining. */
  finished: number;
  /** Answers still running when the grace period ended. */
  unfinished: number;
}

export interface InFlight {
  /** False once `drain` was called: callers stop taking new work. */
  readonly open: boolean;
  /** Answers running now. */
  readonly size: number;
  /** Counts `work` as running until it settles; returns it. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Closes (see `open`) and waits for the running answers, at most `graceMs`. */
  drain(graceMs: number): Promise<DrainReport>;
}

/**
 * A fresh tracker.
 *
 * @example
 * const inFlight = createInFlight();
 * client.on("interactionCreate", (i) => inFlight.open && void inFlight.track(handle(i)));
 * const { finished, unfinished } = await inFlight.drain(10_000);
 */
export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  let open = true;
  let finished = 0;
  let onIdle: (() => void) | undefined;
  return {
    get open() {
      return open;
    },
    get size() {
      return running.size;
    },
    track(work) {
      running.add(work);
      const settle = () => {
        running.delete(work);
        if (!open) finished++;
        if (running.size === 0) onIdle?.();
      };
      work.then(settle, settle);
      return work;
    },
    async drain(graceMs) {
      open = false;
      if (running.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        const idle = new Promise<void>((resolve) => (onIdle = resolve));
        await Promise.race([idle, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
        clearTimeout(timer);
      }
      return { finished, unfinished: running.size };
    },
  };
}
