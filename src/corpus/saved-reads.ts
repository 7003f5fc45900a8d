import type { Passage, Sentence } from "./corpus.js";
import type { ArticleFound } from "./load.js";

/** Bumped whenever the layout below or the sentence cut (splitSentences) changes; the index format version covers it too. */
export const SAVED_READS_VERSION = 3;

/**
 * One passage: its text, offset, and its sentences as `[start, end, …]` offsets into the text (each
 * sentence is that slice), or as `[start, end, text]` triples when one is not.
 */
type SavedPassage = [text: string, start: number, sentences: number[] | [number, number, string][]];
/** One file: name, size, mtime, hash, encoding ("" for UTF-8), dropped lines, then the article. */
type SavedFile = [
  name: string,
  size: number,
  mtimeMs: number,
  hash: string,
  encoding: string,
  dropped: [line: number, text: string][],
  id: string,
  title: string,
  date: string,
  passages: SavedPassage[],
];

/**
 * The reads of a corpus and the terms its tokenizer was made with, as one JSON text in UTF-16LE: what a start with a
 * matching index takes instead of reading and parsing every article and deriving the terms again.
 *
 * @example decodeReads(encodeReads(corpus.reads!, terms)).reads.get("a.txt")!.document.passages.length
 */
export function encodeReads(reads: ReadonlyMap<string, ArticleFound>, terms: readonly string[]): Buffer {
  const files: SavedFile[] = [];
  for (const [name, r] of reads) {
    const d = r.document;
    const passages = d.passages.map((p): SavedPassage => {
      const sliced = p.sentences.every((s) => p.text.slice(s.start, s.end) === s.text);
      return [p.text, p.start, sliced ? p.sentences.flatMap((s) => [s.start, s.end]) : p.sentences.map((s): [number, number, string] => [s.start, s.end, s.text])];
    });
    files.push([name, r.stat.size, r.stat.mtimeMs, r.hash, r.encoding ?? "", r.dropped.map((l) => [l.line, l.text]), d.id, d.title, d.date, passages]);
  }
  // UTF-16LE (with a BOM, for editors): decoded at copy speed, and smaller than UTF-8 for Chinese text.
  return Buffer.from(`\ufeff${JSON.stringify({ version: SAVED_READS_VERSION, terms, files })}`, "utf16le");
}

/**
 * The reads and terms `encodeReads` wrote. Throws on anything else (the caller treats the file as
 * damaged). Sentence texts are slices of their passage's text, so they share its memory.
 */
export function decodeReads(buf: Buffer): { terms: string[]; reads: Map<string, ArticleFound> } {
  const text = buf.toString("utf16le");
  const json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as { version?: unknown; terms?: unknown; files?: unknown };
  if (json.version !== SAVED_READS_VERSION) throw new Error(`layout ${String(json.version)} ≠ ${SAVED_READS_VERSION}`);
  if (!Array.isArray(json.terms) || !json.terms.every((t) => typeof t === "string")) throw new Error("no list of terms");
  if (!Array.isArray(json.files)) throw new Error("no list of files");
  const reads = new Map<string, ArticleFound>();
  for (const f of json.files as SavedFile[]) {
    if (!Array.isArray(f) || f.length !== 10 || typeof f[0] !== "string" || typeof f[6] !== "string" || !Array.isArray(f[9])) throw new Error("a file entry of the wrong shape");
    const [name, size, mtimeMs, hash, encoding, dropped, id, title, date, saved] = f;
    const passages = saved.map(([text, start, s], i): Passage => {
      const pid = `${id}#${i + 1}`;
      if (typeof text !== "string" || !Array.isArray(s)) throw new Error(`passage ${pid} of the wrong shape`);
      const sentences: Sentence[] = [];
      if (s.length > 0 && Array.isArray(s[0])) {
        for (const [a, b, t] of s as [number, number, string][]) sentences.push({ id: `${pid}.${sentences.length + 1}`, text: t, start: a, end: b });
      } else {
        const at = s as number[];
        for (let j = 0; j + 1 < at.length; j += 2) sentences.push({ id: `${pid}.${j / 2 + 1}`, text: text.slice(at[j], at[j + 1]), start: at[j]!, end: at[j + 1]! });
      }
      return { id: pid, doc: id, paragraph: i + 1, text, start, sentences };
    });
    reads.set(name, {
      document: { id, file: name, title, date, passages, hash },
      hash,
      dropped: dropped.map(([line, text]) => ({ line, text })),
      stat: { size, mtimeMs },
      ...(encoding ? { encoding } : {}),
    });
  }
  return { terms: json.terms as string[], reads };
}
