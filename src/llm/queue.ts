/** Runs at most `concurrency` tasks at once; the rest wait in arrival order. */
export interface TaskQueue {
  /** Runs `task` when a slot is free; rejects with the signal's reason if it aborts while waiting. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly waiting: number;
}

/**
 * A first-in, first-out queue with bounded concurrency, whose waiting tasks leave the queue when
 * their signal aborts (p-limit cannot drop a waiting task; p-queue, which can, needs Node 22).
 *
 * @example
 * const queue = createTaskQueue(4);
 * await queue.run(() => fetch(url), AbortSignal.timeout(20_000));
 */
export function createTaskQueue(concurrency: number): TaskQueue {
  let active = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    active--;
    waiting.shift()?.();
  };
  return {
    get active() {
      return active;
    },
    get waiting() {
      return waiting.length;
    },
    async run(task, signal) {
      signal?.throwIfAborted();
      if (active >= concurrency) {
        await new Promise<void>((resolve, reject) => {
          const start = () => {
            signal?.removeEventListener("abort", abort);
            resolve();
          };
          const abort = () => {
            waiting.splice(waiting.indexOf(start), 1);
            reject(signal!.reason);
          };
          waiting.push(start);
          signal?.addEventListener("abort", abort, { once: true });
        });
      }
      active++;
      try {
        return await task();
      } finally {
        next();
      }
    },
  };
}
