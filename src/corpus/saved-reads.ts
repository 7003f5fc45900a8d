import type { Passage, Sentence } from "./corpus.js";
import type { ArticleFound } from "./load.js";

/** Bumped whenever the layout below or the sentence cut (splitSentences) changes; the index format version covers it too. */
export const SAVED_READS_VERSION = 5;

/** "PNRD", then the version and the byte sizes of the four sections. */
const MAGIC = 0x44524e50;
const HEAD = 24;

/**
 * The files, column by column (a column is one JSON array: parsed many times faster than an array per file).
 * `figures` holds only numbers and hex hashes, so it is kept as Latin-1 and parsed as a one-byte string.
 */
interface Figures {
  size: number[];
  mtimeMs: number[];
  /** Every file's sha256 in hex. */
  hash: string[];
  /** Passages per file. */
  passages: number[];
  /** `[start, characters, sentences]` of every passage, end to end. */
  runs: number[];
}
interface Words {
  terms: readonly string[];
  policies?: unknown;
  name: string[];
  id: string[];
  title: string[];
  date: string[];
  /** Encoding ("" for UTF-8). */
  encoding: string[];
  dropped: [file: number, line: number, text: string][];
  /** Sentences that are not a slice of their passage's text (none for articles read by this code). */
  unsliced: [file: number, passage: number, sentence: number, text: string][];
}

/** Passages read back whose sentences are made, least recently used first (see `SavedPassage`). */
const withSentences = new Set<SavedPassage>();
/** At most this many keep their sentences: ~6 MB (and their normalised texts), where all 100k passages' would be ~130 MB. */
const KEEP_SENTENCES = 5_000;

/**
 * A passage read back from the saved reads: its sentences are made from their saved offsets when first asked
 * for, so a start makes no object per sentence (`sentenceCount` needs none). The most recently used
 * KEEP_SENTENCES passages keep theirs (the same objects on every access, as answering compares them); a
 * passage used longer ago makes them again, so a long run does not come to hold every sentence of the corpus.
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
    withSentences.delete(this);
    withSentences.add(this);
    if (this.#made) return this.#made;
    if (withSentences.size > KEEP_SENTENCES) {
      const oldest = withSentences.values().next().value!;
      withSentences.delete(oldest);
      oldest.#made = undefined;
    }
    const out: Sentence[] = [];
    for (let i = 0; i < this.sentenceCount; i++) {
      const start = this.#bounds[this.#from + 2 * i]!;
      const end = this.#bounds[this.#from + 2 * i + 1]!;
      out.push({ id: `${this.id}.${i + 1}`, text: this.#unsliced?.get(i) ?? this.text.slice(start, end), start, end });
    }
    return (this.#made = out);
  }

  /** Sentence `i`'s text (0-based) without making the sentences or touching the cache of those that keep them. */
  sentenceTextAt(i: number): string | undefined {
    if (this.#made) return this.#made[i]?.text;
    if (i < 0 || i >= this.sentenceCount) return undefined;
    return this.#unsliced?.get(i) ?? this.text.slice(this.#bounds[this.#from + 2 * i]!, this.#bounds[this.#from + 2 * i + 1]!);
  }
}

/**
 * The reads of a corpus, the terms its tokenizer was made with and its policy registry (as `encodeRegistry`
 * gives it, passed through as it is): what a start with a matching index takes instead of reading and parsing
 * every article and deriving the terms again. Laid out so that reading it back costs a copy per passage and
 * nothing per sentence: the files' figures (JSON, Latin-1), their words (JSON, UTF-16LE), every passage's text
 * end to end (UTF-16LE), then every sentence's `[start, end]` (int32).
 *
 * @example decodeReads(encodeReads(corpus.reads!, terms)).reads.get("a.txt")!.document.passages.length
 */
export function encodeReads(reads: ReadonlyMap<string, ArticleFound>, terms: readonly string[], policies?: unknown): Buffer {
  const figures: Figures = { size: [], mtimeMs: [], hash: [], passages: [], runs: [] };
  const words: Words = { terms, policies, name: [], id: [], title: [], date: [], encoding: [], dropped: [], unsliced: [] };
  const texts: string[] = [];
  const bounds: number[] = [];
  for (const [name, r] of reads) {
    const d = r.document;
    const f = words.name.length;
    figures.size.push(r.stat.size);
    figures.mtimeMs.push(r.stat.mtimeMs);
    figures.hash.push(r.hash);
    figures.passages.push(d.passages.length);
    words.name.push(name);
    words.id.push(d.id);
    words.title.push(d.title);
    words.date.push(d.date);
    words.encoding.push(r.encoding ?? "");
    for (const l of r.dropped) words.dropped.push([f, l.line, l.text]);
    d.passages.forEach((p, i) => {
      texts.push(p.text);
      figures.runs.push(p.start, p.text.length, p.sentences.length);
      p.sentences.forEach((s, j) => {
        bounds.push(s.start, s.end);
        if (p.text.slice(s.start, s.end) !== s.text) words.unsliced.push([f, i, j, s.text]);
      });
    });
  }
  const parts = [Buffer.from(JSON.stringify(figures), "latin1"), Buffer.from(JSON.stringify(words), "utf16le"), Buffer.from(texts.join(""), "utf16le")];
  let at = HEAD;
  const out = Buffer.alloc(HEAD + parts.reduce((n, b) => n + align4(b.length), 0) + 4 * bounds.length);
  [MAGIC, SAVED_READS_VERSION, ...parts.map((b) => b.length), bounds.length].forEach((v, i) => out.writeUInt32LE(v, 4 * i));
  for (const b of parts) {
    b.copy(out, at);
    at += align4(b.length);
  }
  bounds.forEach((b, i) => out.writeInt32LE(b, at + 4 * i));
  return out;
}

const align4 = (n: number) => (n + 3) & ~3;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const isCount = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
const isArrayOf = (v: unknown, ok: (x: unknown) => boolean, length?: number) => Array.isArray(v) && (length === undefined || v.length === length) && v.every(ok);
const isString = (x: unknown) => typeof x === "string";

/**
 * The reads, terms and registry `encodeReads` wrote. Throws on anything else (the caller treats the file as
 * damaged): another layout, sizes that do not add up, a sentence outside its passage. Sentence texts are
 * slices of their passage's text, made on first use (`SavedPassage`).
 */
export function decodeReads(buf: Buffer): { terms: string[]; reads: Map<string, ArticleFound>; policies?: unknown } {
  if (buf.length < HEAD || buf.readUInt32LE(0) !== MAGIC) throw new Error("not a file of saved reads");
  const [version, figureBytes, wordBytes, textBytes, boundCount] = [1, 2, 3, 4, 5].map((i) => buf.readUInt32LE(4 * i)) as [number, number, number, number, number];
  if (version !== SAVED_READS_VERSION) throw new Error(`layout ${version} ≠ ${SAVED_READS_VERSION}`);
  const wordsAt = HEAD + align4(figureBytes);
  const textAt = wordsAt + align4(wordBytes);
  const boundsAt = textAt + align4(textBytes);
  if (wordBytes % 2 || textBytes % 2 || boundsAt + 4 * boundCount !== buf.length) throw new Error("sizes that do not add up");
  const figures = JSON.parse(buf.toString("latin1", HEAD, HEAD + figureBytes)) as Partial<Figures>;
  const words = JSON.parse(buf.toString("utf16le", wordsAt, wordsAt + wordBytes)) as Partial<Words>;
  const files = words.name?.length ?? 0;
  if (!isArrayOf(words.terms, isString)) throw new Error("no list of terms");
  if (
    !isArrayOf(words.name, isString) ||
    !(["id", "title", "date", "encoding"] as const).every((k) => isArrayOf(words[k], isString, files)) ||
    !isArrayOf(figures.size, isCount, files) ||
    !isArrayOf(figures.mtimeMs, (x) => typeof x === "number", files) ||
    !isArrayOf(figures.passages, isCount, files) ||
    !isArrayOf(figures.runs, isCount) ||
    !isArrayOf(figures.hash, (x) => typeof x === "string" && /^[\x20-\x7e]*$/.test(x), files) ||
    !isArrayOf(words.dropped, (x) => Array.isArray(x) && isCount(x[0]) && typeof x[2] === "string") ||
    !isArrayOf(words.unsliced, (x) => Array.isArray(x) && isCount(x[0]) && typeof x[3] === "string")
  ) {
    throw new Error("file columns of the wrong shape");
  }
  const { size, mtimeMs, hash: hashes, passages: passageCounts, runs } = figures as Figures;
  const { name, id, title, date, encoding, dropped, unsliced } = words as Words;
  // A copy, aligned, so that the file's buffer is not kept (int32 are little-endian in the file).
  const bounds = LITTLE_ENDIAN ? new Int32Array(buf.buffer.slice(buf.byteOffset + boundsAt, buf.byteOffset + boundsAt + 4 * boundCount)) : new Int32Array(boundCount);
  if (!LITTLE_ENDIAN) for (let i = 0; i < boundCount; i++) bounds[i] = buf.readInt32LE(boundsAt + 4 * i);
  const droppedOf = new Map<number, { line: number; text: string }[]>();
  for (const [f, line, text] of dropped) droppedOf.set(f, [...(droppedOf.get(f) ?? []), { line, text }]);
  const unslicedOf = new Map<string, Map<number, string>>();
  for (const [f, p, j, text] of unsliced) {
    const key = `${f}#${p}`;
    unslicedOf.set(key, (unslicedOf.get(key) ?? new Map<number, string>()).set(j, text));
  }
  // One string of every text, each passage's a slice of it: no copy per passage, and one large object for the
  // garbage collector instead of 100k strings to move (at 100k passages that copying was most of a start's GC).
  const all = buf.toString("utf16le", textAt, textAt + textBytes);
  let text = 0;
  let bound = 0;
  let run = 0;
  const reads = new Map<string, ArticleFound>();
  for (let f = 0; f < files; f++) {
    const doc = id[f]!;
    const passages: Passage[] = [];
    for (let i = 0; i < passageCounts[f]!; i++, run += 3) {
      const pid = `${doc}#${i + 1}`;
      if (run + 3 > runs.length) throw new Error(`passage ${pid} outside the file`);
      const [start, chars, count] = [runs[run]!, runs[run + 1]!, runs[run + 2]!];
      if (text + chars > all.length || bound + 2 * count > boundCount) throw new Error(`passage ${pid} outside the file`);
      for (let j = bound; j < bound + 2 * count; j += 2) if (bounds[j]! < 0 || bounds[j]! > bounds[j + 1]! || bounds[j + 1]! > chars) throw new Error(`a sentence of ${pid} outside it`);
      const own = unslicedOf.size > 0 ? unslicedOf.get(`${f}#${i}`) : undefined;
      passages.push(new SavedPassage(pid, doc, i + 1, all.slice(text, text + chars), start, count, bounds, bound, own));
      text += chars;
      bound += 2 * count;
    }
    const hash = hashes[f]!;
    reads.set(name[f]!, {
      document: { id: doc, file: name[f]!, title: title[f]!, date: date[f]!, passages, hash },
      hash,
      dropped: droppedOf.get(f) ?? [],
      stat: { size: size[f]!, mtimeMs: mtimeMs[f]! },
      ...(encoding[f] ? { encoding: encoding[f] } : {}),
    });
  }
  if (text !== all.length || bound !== boundCount || run !== runs.length) throw new Error("more text or sentences than its files hold");
  return { terms: words.terms as string[], reads, policies: words.policies };
}
