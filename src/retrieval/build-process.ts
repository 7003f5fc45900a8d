import { fork } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { getHeapStatistics } from "node:v8";
import type { Corpus } from "../corpus/corpus.js";
import { encodeReads } from "../corpus/saved-reads.js";
import type { EmbedderChoice } from "../embed/select.js";
import type { Progress } from "../progress.js";

/** What the child process is told (as its one argument, JSON). */
export interface BuildChildArgs {
  seedsDir: string;
  indexDir: string;
  /**
   * The parent's reads of the articles (`encodeReads`), so that the child reads no file again; without it
   * the child reads the folder itself and sends its log lines and progress.
   */
  readsFile?: string;
  embedder: EmbedderChoice;
  modelsDir: string;
  modelId: string;
  maxFileBytes?: number;
}

/** What the child process sends back: a log line, a progress step, or the end. */
export type BuildChildMessage = { log: ["info" | "warn", string] } | { progress: Progress } | { done: true } | { failed: string };

/**
 * A way to build and save the index in a child process, when this process can start one (compiled, or run
 * through tsx; not inside a test runner that transforms the sources itself). A build holds far more than
 * answering needs (every term's postings as they grow, the packed copies, the corpus as JSON); in a child
 * all of it goes back to the system when the child exits, and the answering process only loads the saved
 * files, so its memory after a build is what it is after any start. Called without a corpus, the child reads
 * the articles itself: the parent, which has not read them, then holds no parse of every article to collect.
 *
 * @example const build = childBuilder({ seedsDir, indexDir, embedder: "hashed", modelsDir, modelId }, { log }); await build?.();
 */
export function childBuilder(
  args: Omit<BuildChildArgs, "readsFile">,
  { log, onProgress }: { log: (level: "info" | "warn", msg: string) => void; onProgress?: (progress: Progress) => void },
): ((corpus?: Corpus) => Promise<void>) | undefined {
  const self = fileURLToPath(import.meta.url);
  const child = join(self, "..", `build-child${extname(self)}`);
  // A .ts source runs in a child only through tsx's loader; vitest's own transform does not carry over.
  if (extname(self) === ".ts" && !process.execArgv.some((a) => /tsx/.test(a))) return undefined;
  const execArgv = childFlags(process.execArgv, getHeapStatistics().heap_size_limit / 2 ** 20);
  return async (corpus) => {
    const readsFile = corpus && join(args.indexDir, `.reads-${process.pid}-${basename(args.seedsDir)}.bin`);
    if (readsFile) {
      await mkdir(args.indexDir, { recursive: true });
      await writeFile(readsFile, encodeReads(corpus.reads ?? new Map(), []));
    }
    try {
      await new Promise<void>((resolve, reject) => {
        const proc = fork(child, [JSON.stringify({ ...args, readsFile } satisfies BuildChildArgs)], { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
        let result: "done" | string | undefined;
        proc.on("message", (m: BuildChildMessage) => {
          if ("log" in m) log(...m.log);
          else if ("progress" in m) onProgress?.(m.progress);
          else result = "done" in m ? "done" : m.failed;
        });
        proc.on("error", reject);
        proc.on("exit", (code, signal) => {
          if (result === "done") resolve();
          else reject(new Error(result ?? `the build process exited with ${signal ?? `code ${code}`}`));
        });
      });
    } finally {
      if (readsFile) await rm(readsFile, { force: true });
    }
  };
}

/** A heap limit (MiB) below this lowers V8's default (at most ~4 GiB on a 64-bit machine): one sized for answering. */
const LOWERED = 4096;

/**
 * The child's flags: the parent's without its debugging flags, without the answering process's heap growth
 * (`--heap-growing-percent`: a build allocates far more, and would collect too often) and without a heap cap that lowers V8's default
 * (`--max-old-space-size`, on the command line or in NODE_OPTIONS, shows in `limitMiB`). Such a cap is sized for
 * answering, and a build holds far more (and gives it all back when it exits): the child gets the default's
 * ceiling instead (a flag on the command line wins over NODE_OPTIONS). A raised limit stays as it is.
 *
 * @example childFlags(["--max-old-space-size=512"], 560) // ["--max-old-space-size=4096"]
 */
export function childFlags(execArgv: readonly string[], limitMiB: number): string[] {
  const own: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i]!;
    const cap = /^--max[-_]old[-_]space[-_]size(?:=(.*))?$/.exec(a);
    if (cap) i += cap[1] === undefined ? 1 : 0; // its value may be the next argument
    else if (!/^--(inspect|cpu-prof|heap-prof|prof|heap[-_]growing[-_]percent)/.test(a)) own.push(a);
  }
  return [...own, `--max-old-space-size=${Math.max(LOWERED, Math.round(limitMiB))}`];
}
