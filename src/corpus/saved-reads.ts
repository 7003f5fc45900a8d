import type { Passage, Sentence } from "./corpus.js";
import type { ArticleFound } from "./load.js";

/** Bumped whenever the layout below or the sentence cut (splitSentences) changes; the index format version covers it too. */
export const SAVED_READS_VERSION = 4;

/** "PNRD", then the version, the header's bytes, the texts' bytes and the sentence bounds' count. */
const MAGIC = 0x44524e50;
const HEAD = 20;

/**
 * One file in the header: name, size, mtime, hash, encoding ("" for UTF-8), dropped lines, the article, then
 * its passages as `[start, characters, sentences]` runs, and the sentences that are not a slice of their
 * passage's text (`[passage, sentence, text]`, both 0-based; none for articles read by this code).
 */
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
  passages: number[],
  unsliced: [passage: number, sentence: number, text: string][],
];

/**
 * A passage read back from the saved reads: its sentences are made from their saved offsets when first asked
 * for (then kept), so a start makes no object per sentence; `sentenceCount` needs none.
 */
export class SavedPassage implements Passage {
  readonly doc: string;
  readonly paragraph: number;
  #made: Sentence[] | undefined;
  readonly #bounds: Int32Array;
  readonly #from: number;
  readonly #unsliced: Map<number, string> | undefined;

  constructor(
    readonly id: string,
    doc: string,
    paragraph: number,
    readonly text: string,
    readonly start: number,
    /** How many sentences; `bounds[from…from + 2 × count]` are their `[start, end]` offsets in `text`. */
    readonly sentenceCount: number,
    bounds: Int32Array,
    from: number,
    unsliced?: Map<number, string>,
  ) {
    this.doc = doc;
    this.paragraph = paragraph;
    this.#bounds = bounds;
    this.#from = from;
    this.#unsliced = unsliced;
  }

  get sentences(): Sentence[] {
    if (this.#made) return this.#made;
    const out: Sentence[] = [];
    for (let i = 0; i < this.sentenceCount; i++) {
      const start = this.#bounds[this.#from + 2 * i]!;
      const end = this.#bounds[this.#from + 2 * i + 1]!;
      out.push({ id: `${this.id}.${i + 1}`, text: this.#unsliced?.get(i) ?? this.text.slice(start, end), start, end });
    }
    return (this.#made = out);
  }
}

/**
 * The reads of a corpus, the terms its tokenizer was made with and its policy registry (as `encodeRegistry`
 * gives it, passed through as it is): what a start with a matching index takes
 * instead of reading and parsing every article and deriving the terms again. Laid out so that reading it
 * back costs a copy per passage and nothing per sentence: a small JSON header (UTF-16LE) with the files,
 * then every passage's text end to end (UTF-16LE), then every sentence's `[start, end]` (int32).
 *
 * @example decodeReads(encodeReads(corpus.reads!, terms)).reads.get("a.txt")!.document.passages.length
 */
export function encodeReads(reads: ReadonlyMap<string, ArticleFound>, terms: readonly string[], policies?: unknown): Buffer {
  const files: SavedFile[] = [];
  const texts: string[] = [];
  const bounds: number[] = [];
  for (const [name, r] of reads) {
    const d = r.document;
    const passages: number[] = [];
    const unsliced: SavedFile[10] = [];
    d.passages.forEach((p, i) => {
      texts.push(p.text);
      passages.push(p.start, p.text.length, p.sentences.length);
      p.sentences.forEach((s, j) => {
        bounds.push(s.start, s.end);
        if (p.text.slice(s.start, s.end) !== s.text) unsliced.push([i, j, s.text]);
      });
    });
    files.push([name, r.stat.size, r.stat.mtimeMs, r.hash, r.encoding ?? "", r.dropped.map((l) => [l.line, l.text]), d.id, d.title, d.date, passages, unsliced]);
  }
  // UTF-16LE: decoded at copy speed, and smaller than UTF-8 for Chinese text.
  const header = Buffer.from(JSON.stringify({ terms, files, policies }), "utf16le");
  const text = Buffer.from(texts.join(""), "utf16le");
  const at = HEAD + align4(header.length) + align4(text.length);
  const out = Buffer.alloc(at + 4 * bounds.length);
  [MAGIC, SAVED_READS_VERSION, header.length, text.length, bounds.length].forEach((v, i) => out.writeUInt32LE(v, 4 * i));
  header.copy(out, HEAD);
  text.copy(out, HEAD + align4(header.length));
  new Int32Array(out.buffer, out.byteOffset + at, bounds.length).set(bounds);
  return out;
}

const align4 = (n: number) => (n + 3) & ~3;

/**
 * The reads, terms and registry `encodeReads` wrote. Throws on anything else (the caller treats the file as damaged):
 * another layout, sizes that do not add up, a sentence outside its passage. Sentence texts are slices of
 * their passage's text, made on first use (`SavedPassage`).
 */
export function decodeReads(buf: Buffer): { terms: string[]; reads: Map<string, ArticleFound>; policies?: unknown } {
  if (buf.length < HEAD || buf.readUInt32LE(0) !== MAGIC) throw new Error("not a file of saved reads");
  const [version, headerBytes, textBytes, boundCount] = [1, 2, 3, 4].map((i) => buf.readUInt32LE(4 * i)) as [number, number, number, number];
  if (version !== SAVED_READS_VERSION) throw new Error(`layout ${version} ≠ ${SAVED_READS_VERSION}`);
  const textAt = HEAD + align4(headerBytes);
  const boundsAt = textAt + align4(textBytes);
  if (headerBytes % 2 || textBytes % 2 || boundsAt + 4 * boundCount !== buf.length) throw new Error("sizes that do not add up");
  const json = JSON.parse(buf.toString("utf16le", HEAD, HEAD + headerBytes)) as { terms?: unknown; files?: unknown; policies?: unknown };
  if (!Array.isArray(json.terms) || !json.terms.every((t) => typeof t === "string")) throw new Error("no list of terms");
  if (!Array.isArray(json.files)) throw new Error("no list of files");
  // A copy, aligned, so that the file's buffer is not kept.
  const bounds = new Int32Array(boundCount);
  for (let i = 0; i < boundCount; i++) bounds[i] = buf.readInt32LE(boundsAt + 4 * i);
  let text = textAt;
  let bound = 0;
  const reads = new Map<string, ArticleFound>();
  for (const f of json.files as SavedFile[]) {
    if (!Array.isArray(f) || f.length !== 11 || typeof f[0] !== "string" || typeof f[6] !== "string" || !Array.isArray(f[9]) || f[9].length % 3 || !Array.isArray(f[10])) {
      throw new Error("a file entry of the wrong shape");
    }
    const [name, size, mtimeMs, hash, encoding, dropped, id, title, date, saved, unsliced] = f;
    const passages: Passage[] = [];
    for (let i = 0; i < saved.length; i += 3) {
      const [start, chars, count] = [saved[i]!, saved[i + 1]!, saved[i + 2]!];
      const pid = `${id}#${i / 3 + 1}`;
      if (!Number.isInteger(chars) || !Number.isInteger(count) || chars < 0 || count < 0 || text + 2 * chars > textAt + textBytes || bound + 2 * count > boundCount) {
        throw new Error(`passage ${pid} outside the file`);
      }
      for (let j = bound; j < bound + 2 * count; j += 2) if (bounds[j]! < 0 || bounds[j]! > bounds[j + 1]! || bounds[j + 1]! > chars) throw new Error(`a sentence of ${pid} outside it`);
      const own = unsliced.filter((u) => u[0] === i / 3);
      const texts = own.length ? new Map(own.map((u) => [u[1], u[2]])) : undefined;
      passages.push(new SavedPassage(pid, id, i / 3 + 1, buf.toString("utf16le", text, text + 2 * chars), start, count, bounds, bound, texts));
      text += 2 * chars;
      bound += 2 * count;
    }
    reads.set(name, {
      document: { id, file: name, title, date, passages, hash },
      hash,
      dropped: dropped.map(([line, text]) => ({ line, text })),
      stat: { size, mtimeMs },
      ...(encoding ? { encoding } : {}),
    });
  }
  if (text !== textAt + textBytes || bound !== boundCount) throw new Error("more text or sentences than its files hold");
  return { terms: json.terms as string[], reads, policies: json.policies };
}
