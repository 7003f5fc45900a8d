import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { lstatSync } from "node:fs";
import { lstat, open, readdir, realpath } from "node:fs/promises";
import { extname, join, sep } from "node:path";
import type { Progress } from "../progress.js";
import type { Corpus, Document, SkippedFile } from "./corpus.js";
import { buildDocument, textBlocks, type DroppedLine, type Extracted } from "./parse.js";

/**
 * Extensions read, and how: text formats are decoded first (any encoding), binary ones go to their
 * library as bytes. Each library is loaded on first use, so a folder of `.txt` files loads none.
 */
const READERS: Record<string, { text: () => Promise<(source: string) => Extracted> } | { bytes: () => Promise<(data: Uint8Array) => Promise<Extracted>> }> = {
  ".txt": { text: async () => (source) => ({ blocks: textBlocks(source), scraped: true }) },
  ".md": { text: async () => (await import("./formats/markdown.js")).readMarkdown },
  ".markdown": { text: async () => (await import("./formats/markdown.js")).readMarkdown },
  ".html": { text: async () => (await import("./formats/html.js")).readHtml },
  ".htm": { text: async () => (await import("./formats/html.js")).readHtml },
  ".pdf": { bytes: async () => (await import("./formats/pdf.js")).readPdf },
  ".docx": { bytes: async () => (await import("./formats/docx.js")).readDocx },
};

/** The extensions `readArticle` reads, for messages and watchers. */
export const ARTICLE_EXTENSIONS = Object.keys(READERS);

export interface ReadOptions {
  /** Larger files are skipped (`MAX_FILE_MB`); default 20 MiB. */
  maxFileBytes?: number;
  /** Resolved path of the seeds folder, when the caller has it (saves a `realpath` per file). */
  root?: string;
}

/** Defaults of `readArticle` and `loadCorpus`, written once. */
export const defaultReadOptions = { maxFileBytes: 20 * 1024 * 1024 };

/** One file read: its article, or why it was skipped. */
export type ArticleRead =
  | {
      document: Document;
      /** sha256 of the file name and bytes: what the index is checked against. */
      hash: string;
      /** Encoding of a text file, when it was not UTF-8. */
      encoding?: string;
      /** Trailing scraped-headline lines left out of the article. */
      dropped: DroppedLine[];
      /** Size and modification time of the file as read: a later start reuses this read while they stay the same. */
      stat: FileStat;
    }
  | SkippedFile;

/** What tells a file unchanged without reading it. */
export interface FileStat {
  size: number;
  mtimeMs: number;
}

/** A successful read of a file. */
export type ArticleFound = Exclude<ArticleRead, SkippedFile>;

/**
 * The article id of a file: the name without `.txt` for text files (so `000_4f5b….txt` keeps its
 * passage ids), the whole name for other formats (`a.txt` and `a.md` are two articles, `a` and `a.md`).
 *
 * @example articleId("report.pdf")  // "report.pdf"
 */
export function articleId(name: string): string {
  return extname(name).toLowerCase() === ".txt" ? name.slice(0, -4) : name;
}

/**
 * Reads one file of the seeds folder into an article, or says why it is skipped: hidden, unsupported
 * type, a link leading outside the folder, not a regular file (a FIFO is never opened for reading,
 * so it cannot hang), over the size limit, unreadable, empty, or not text. Never throws.
 *
 * @example
 * const read = await readArticle("seeds", "notice.docx");
 * if ("skipped" in read) log.warn(`${read.file} skipped: ${read.reason}`);
 */
export async function readArticle(dir: string, name: string, options: ReadOptions = {}): Promise<ArticleRead> {
  const { maxFileBytes } = { ...defaultReadOptions, ...options };
  const path = join(dir, name);
  const skip = (reason: SkippedFile["reason"], detail?: string): SkippedFile => ({ skipped: true, file: name, reason, ...(detail ? { detail } : {}) });
  const ext = extname(name).toLowerCase();
  if (name.startsWith(".")) return skip("hidden file");
  const reader = READERS[ext];
  if (!reader) return skip("unsupported type", ext || "no extension");
  let bytes: Buffer;
  let fileStat: FileStat;
  try {
    if ((await lstat(path)).isSymbolicLink()) {
      const root = options.root ?? (await realpath(dir));
      const target = await realpath(path);
      if (!target.startsWith(root + sep)) return skip("link outside the seeds folder", target);
    }
    // O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; fstat then tells.
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) return skip("not a regular file", stat.isDirectory() ? "a folder" : stat.isFIFO() ? "a FIFO" : "a device or socket");
      if (stat.size > maxFileBytes) return skip("too large", `${(stat.size / 2 ** 20).toFixed(1)} MB > MAX_FILE_MB ${(maxFileBytes / 2 ** 20).toFixed(1)}`);
      if (stat.size === 0) return skip("empty");
      fileStat = { size: stat.size, mtimeMs: stat.mtimeMs };
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (err) {
    return skip("unreadable", (err as Error).message);
  }
  let extracted: Extracted;
  let encoding: string | undefined;
  try {
    if ("text" in reader) {
      const { decodeText } = await decoder();
      const decoded = decodeText(bytes, ext === ".html" || ext === ".htm" ? declaredCharset(bytes) : undefined);
      if (!decoded) return skip("not text", "binary or in no known encoding");
      if (!decoded.text.trim()) return skip("empty");
      if (decoded.encoding !== "UTF-8") encoding = decoded.encoding;
      extracted = (await reader.text())(decoded.text);
    } else {
      extracted = await (await reader.bytes())(bytes);
    }
  } catch (err) {
    return skip("unreadable", `not a valid ${ext.slice(1)} file: ${(err as Error).message}`);
  }
  const dropped: DroppedLine[] = [];
  const document = buildDocument(articleId(name), name, extracted, (line) => dropped.push(line));
  if (document.passages.length === 0) return skip("empty", "no text besides a title");
  const hash = createHash("sha256").update(name).update("\0").update(bytes).digest("hex");
  return { document, hash, dropped, stat: fileStat, ...(encoding ? { encoding } : {}) };
}

/**
 * The text decoder, loaded with the first text file read: a start that takes every article from the saved index
 * loads no encoding detector (chardet's tables took ~0.1 s of a start).
 */
let decoding: Promise<typeof import("./decode.js")> | undefined;
const decoder = () => (decoding ??= import("./decode.js"));

/** `<meta charset="gbk">` or `content="text/html; charset=gb2312"` in the first bytes of a page. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString("latin1");
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/iu.exec(head)?.[1];
}

/** What `loadCorpus` reports while it reads. */
export interface LoadOptions extends ReadOptions {
  /** Each file read (info: passages, encoding) or skipped (warn: the reason). */
  log?: (level: "info" | "warn", msg: string) => void;
  /** Called after each file with the count done, the total and what came of the file. */
  onProgress?: (progress: Extract<Progress, { stage: "read" }>) => void;
  /**
   * Earlier reads by file name (the saved index's): a regular file whose size and modification time are
   * still the recorded ones is taken from here instead of being read and parsed again.
   */
  known?: ReadonlyMap<string, ArticleFound>;
  /**
   * The files to read, when the caller knows them (the saved index's articles): the folder is not listed and
   * each `known` one is taken as saved without a look at its file. `changedFiles` then finds what changed.
   */
  files?: readonly string[];
}

/**
 * Reads every file in `dir`, in name order, with `readArticle`. A missing folder is an empty corpus
 * (the caller tells the user how to fill it). Every file is either read (logged with its passage
 * count) or skipped with its reason (logged and listed in `corpus.skipped`).
 *
 * @example const corpus = await loadCorpus("seeds", { log: (level, msg) => console.error(level, msg) });
 */
export async function loadCorpus(dir: string, options: LoadOptions | ((msg: string) => void) = {}): Promise<Corpus> {
  const o: LoadOptions = typeof options === "function" ? { log: (level, msg) => level === "warn" && options(msg) } : options;
  const log = o.log ?? (() => {});
  let names: string[];
  let root: string;
  try {
    names = (o.files ? [...o.files] : await readdir(dir)).sort();
    root = await realpath(dir);
  } catch {
    log("warn", `seeds folder ${dir} is missing: put articles (${ARTICLE_EXTENSIONS.join(" ")}) into it`);
    names = [];
    root = dir;
  }
  const hash = createHash("sha256");
  const documents: Document[] = [];
  const skipped: SkippedFile[] = [];
  const ids = new Set<string>();
  const reads = new Map<string, ArticleFound>();
  // `join(dir, name)` without a join per file (at 100k files its normalising took ~0.3 s of a start).
  const prefix = join(dir, "x").slice(0, -1);
  let reused = 0;
  for (const [i, name] of names.entries()) {
    const path = prefix + name;
    const known = o.files ? o.known?.get(name) : reuse(path, o.known?.get(name));
    const read = known ?? (await readArticle(dir, name, { ...o, root }));
    const step = { stage: "read" as const, done: i + 1, total: names.length, file: name };
    if ("skipped" in read) {
      skipped.push(read);
      log("warn", `${path} skipped: ${read.reason}${read.detail ? ` (${read.detail})` : ""}`);
      o.onProgress?.({ ...step, skipped: read });
    } else {
      for (const line of read.dropped) log("warn", `${path}:${line.line}: dropped a trailing headline-like line: ${[...line.text].slice(0, 40).join("")}`);
      const doc = Object.assign(unique(read.document, ids), { hash: read.hash });
      reads.set(name, read);
      hash.update(read.hash);
      documents.push(doc);
      // An article taken as the index saved it is counted, not logged: a start over 100k of them writes one line.
      if (known) reused++;
      else log("info", `${path}: ${doc.passages.length} passages${read.encoding ? `, read as ${read.encoding}` : ""}${doc.date ? `, dated ${doc.date}` : ""}`);
      o.onProgress?.({ ...step, passages: doc.passages.length, ...(read.encoding ? { encoding: read.encoding } : {}) });
    }
  }
  if (reused > 0) {
    log("info", o.files ? `${dir}: ${reused} articles taken from the saved index; their files are checked for changes once started` : `${dir}: ${reused} articles unchanged since the index was saved, taken from it`);
  }
  return { documents, passages: documents.flatMap((d) => d.passages), hash: hash.digest("hex"), skipped, reads };
}

/**
 * The files of `dir` that no longer read as `reads` holds them: each whose size or modification time
 * changed (or that is no longer a regular file), each `reads` lacks (new, or skipped when last read) and
 * each gone. One `lstat` per file, no read; other work runs between every STAT_BATCH files, and
 * `stopped()` ends the scan early (with no files).
 *
 * @example const files = await changedFiles("seeds", corpus.reads); if (files.length) await assistant.update(files);
 */
export async function changedFiles(dir: string, reads: ReadonlyMap<string, ArticleFound>, stopped: () => boolean = () => false): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const prefix = join(dir, "x").slice(0, -1);
  const out: string[] = [];
  for (const [i, name] of names.entries()) {
    if (i % STAT_BATCH === 0) {
      if (i > 0) await new Promise(setImmediate);
      if (stopped()) return [];
    }
    const read = reads.get(name);
    if (!read || !reuse(prefix + name, read)) out.push(name);
  }
  const listed = new Set(names);
  for (const name of reads.keys()) if (!listed.has(name)) out.push(name);
  return out.sort();
}

/** Files looked at between two turns of other work in `changedFiles` (~5 ms of `lstat`). */
const STAT_BATCH = 500;

/**
 * `known` when `name` is still the regular file it was read from: same size and modification time (one
 * `lstat`, no read). Anything else (a link, another size or time, gone) is read again. Synchronous: at
 * 100k files a promise per `lstat` costs more than the call.
 */
function reuse(path: string, known: ArticleFound | undefined): ArticleFound | undefined {
  if (!known) return undefined;
  const stat = lstatSync(path, { throwIfNoEntry: false });
  return stat?.isFile() && stat.size === known.stat.size && stat.mtimeMs === known.stat.mtimeMs ? known : undefined;
}

/** The document under an id no other has taken (`a.md.txt` and `a.md` would share `a.md`): `~2`, `~3`… appended. */
function unique(doc: Document, ids: Set<string>): Document {
  let id = doc.id;
  for (let n = 2; ids.has(id); n++) id = `${doc.id}~${n}`;
  ids.add(id);
  if (id === doc.id) return doc;
  const passages = doc.passages.map((p) => {
    const pid = `${id}#${p.paragraph}`;
    return { ...p, id: pid, doc: id, sentences: p.sentences.map((s) => ({ ...s, id: `${pid}.${s.id.slice(s.id.lastIndexOf(".") + 1)}` })) };
  });
  return { ...doc, id, passages };
}
