/** Shows a model's answer while it is written, at a pace the platform accepts. */
export interface DraftStream {
  /** The answer so far; shown at the next free moment (only the latest text is shown). */
  push(text: string): void;
  /** Stops showing drafts and waits for one still being sent, so the final message comes after it. */
  close(): Promise<void>;
}

/**
 * Sends the latest pushed text at most once per `intervalMs` (counted from the end of the previous send), one send at a time: a draft pushed while
 * another is sent waits, and is replaced by any later one. A failed send is passed to `onError` and
 * ends the stream (the final message still comes).
 *
 * @example
 * const draft = throttleDrafts((text) => interaction.editReply(renderDraft(text)), 1000, log.warn);
 * const reply = await assistant.ask(id, question, { onDraft: draft.push });
 * await draft.close();
 */
export function throttleDrafts(send: (text: string) => Promise<unknown>, intervalMs: number, onError: (err: unknown) => void): DraftStream {
  let pending: string | undefined;
  let shown: string | undefined;
  let inFlight: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let last = 0;
  let closed = false;

  const flush = () => {
    timer = undefined;
    if (closed || inFlight || pending === undefined || pending === shown) return;
    const text = pending;
    inFlight = send(text).then(
      () => {
        // Paced from when the platform answered, so the gap holds where the requests arrive too.
        last = Date.now();
        shown = text;
        inFlight = undefined;
        schedule();
      },
      (err: unknown) => {
        closed = true;
        inFlight = undefined;
        onError(err);
      },
    );
  };
  const schedule = () => {
    if (closed || timer || inFlight || pending === undefined || pending === shown) return;
    timer = setTimeout(flush, Math.max(0, last + intervalMs - Date.now()));
  };

  return {
    push(text) {
      if (closed || !text.trim()) return;
      pending = text;
      schedule();
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
