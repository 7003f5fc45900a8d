import { watch, type FSWatcher } from "node:fs";
import type { Assistant } from "../src/index.js";
import type { Logger } from "./log.js";

/** Quiet time after the last change before the index is updated: an editor's or a copy's several writes count once. */
const DEBOUNCE_MS = 300;

/**
 * Watches the seeds folder of a long-running process and hands each changed file to
 * `assistant.update`, after the folder has been quiet for a moment; updates run one at a time. The
 * assistant logs each article added, changed or removed. A folder that cannot be watched is one warning,
 * and the process carries on with the index it has.
 *
 * @example const watcher = watchSeeds(config.SEEDS_DIR, assistant, log); … watcher.close();
 */
export function watchSeeds(dir: string, assistant: Required<Pick<Assistant, "update">>, log: Logger, debounceMs = DEBOUNCE_MS): { close(): void } {
  const pending = new Set<string>();
  let everything = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const flush = () => {
    const names = everything ? undefined : [...pending];
    pending.clear();
    everything = false;
    running = running.then(() =>
      assistant.update(names).then(
        () => {},
        (err: unknown) => log.warn(`could not update the index from ${dir}: ${err instanceof Error ? err.message : String(err)}`),
      ),
    );
  };
  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { persistent: false }, (_event, name) => {
      if (name) pending.add(name.toString());
      else everything = true;
      clearTimeout(timer);
      timer = setTimeout(flush, debounceMs);
    });
  } catch (err) {
    log.warn(`cannot watch ${dir} for new articles (${(err as Error).message}); restart to pick up changes`);
    return { close() {} };
  }
  watcher.on("error", (err) => log.warn(`stopped watching ${dir} (${err.message}); restart to pick up changes`));
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
