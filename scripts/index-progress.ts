import cliProgress from "cli-progress";
import type { Progress, SkippedFile } from "../src/index.js";

/** Where progress goes: a terminal gets a bar, anything else a line every `interval` ms. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface IndexProgressOptions {
  /** Longest silence on a non-terminal, in ms. */
  interval?: number;
  now?: () => number;
}

const LABELS: Record<Progress["stage"], string> = {
  read: "reading files",
  embed: "embedding passages",
  pack: "packing the keyword index",
  save: "saving the index",
  finish: "preparing answers",
};
/** Names listed per skip reason in the summary before "and N more". */
const LIST_MAX = 10;

/**
 * The output of `npm run index`: a progress bar on a terminal; elsewhere a line at each step and at
 * least every few seconds while a step runs (never a silent stretch); log lines in between; and at
 * the end a summary of files read, passages, and files skipped with their reasons.
 *
 * @example
 * const progress = createIndexProgress(process.stderr);
 * await boot({ onProgress: progress.update, write: progress.log });
 * process.stdout.write(progress.stop());
 */
export function createIndexProgress(stream: ProgressStream, options: IndexProgressOptions = {}) {
  const interval = options.interval ?? 3000;
  const now = options.now ?? Date.now;
  const started = now();
  const read: { file: string; passages: number; encoding?: string }[] = [];
  const skipped: SkippedFile[] = [];
  let stage: Progress["stage"] | undefined;
  let stageStarted = started;
  let counts: { done: number; total: number } | undefined;
  let lastLine = started;
  const tty = stream.isTTY === true;
  const bars = tty
    ? new cliProgress.MultiBar(
        { stream: stream as NodeJS.WritableStream, format: " {stage} [{bar}] {value}/{total} {eta_formatted} {file}", hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let bar: cliProgress.SingleBar | undefined;

  const line = (text: string) => {
    lastLine = now();
    if (bars) {
      bars.log(text + "\n");
      bars.update();
    } else stream.write(text + "\n");
  };
  const status = () => {
    const seconds = Math.round((now() - stageStarted) / 1000);
    const of = counts ? ` ${counts.done}/${counts.total}${counts.total ? ` (${Math.floor((100 * counts.done) / counts.total)}%)` : ""}` : "";
    return `index: ${LABELS[stage!]}…${of}${seconds ? `, ${seconds} s` : ""}`;
  };
  // A step that awaits (reading, a model) still gets its line when no progress event comes.
  const heartbeat = tty ? undefined : setInterval(() => stage && now() - lastLine >= interval && line(status()), Math.min(interval, 1000));
  heartbeat?.unref();

  function update(p: Progress): void {
    if (p.stage === "read") {
      if (p.skipped) skipped.push(p.skipped);
      else read.push({ file: p.file, passages: p.passages ?? 0, ...(p.encoding ? { encoding: p.encoding } : {}) });
    }
    const next = "done" in p ? { done: p.done, total: p.total } : undefined;
    if (p.stage !== stage) {
      stage = p.stage;
      stageStarted = now();
      counts = next;
      if (bars) {
        if (bar) bars.remove(bar);
        bar = next ? bars.create(next.total, next.done, { stage: LABELS[p.stage].padEnd(26), file: "" }) : undefined;
        if (!next) line(`index: ${LABELS[p.stage]}…`);
      } else line(status());
      return;
    }
    counts = next;
    if (bar && next) bar.update(next.done, { file: p.stage === "read" ? p.file : "" });
    else if (!tty && now() - lastLine >= interval) line(status());
  }

  /** Ends the display and returns the summary. */
  function stop(): string {
    if (heartbeat) clearInterval(heartbeat);
    bars?.stop();
    return summary(read, skipped, now() - started);
  }

  return { update, log: line, stop };
}

/** The closing summary: files read and passages, then files skipped grouped by reason. */
export function summary(read: { file: string; passages: number; encoding?: string }[], skipped: SkippedFile[], ms: number): string {
  const passages = read.reduce((n, r) => n + r.passages, 0);
  const decoded = read.filter((r) => r.encoding).map((r) => `${r.file} ${r.encoding}`);
  const out = [
    `Index summary (${(ms / 1000).toFixed(1)} s)`,
    `  files read:    ${read.length}${decoded.length ? ` (not UTF-8: ${list(decoded)})` : ""}`,
    `  passages:      ${passages}`,
    `  files skipped: ${skipped.length}`,
  ];
  const byReason = new Map<string, SkippedFile[]>();
  for (const s of skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s]);
  for (const [reason, files] of byReason) out.push(`    ${reason} (${files.length}): ${list(files.map((f) => (f.detail ? `${f.file} [${f.detail}]` : f.file)))}`);
  return out.join("\n") + "\n";
}

const list = (names: string[]) => names.slice(0, LIST_MAX).join(", ") + (names.length > LIST_MAX ? `, and ${names.length - LIST_MAX} more` : "");
