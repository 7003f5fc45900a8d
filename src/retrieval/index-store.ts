import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { sentenceCount, type Corpus, type Document, type Passage } from "../corpus/corpus.js";
import type { ArticleFound } from "../corpus/load.js";
import { decodeReads, encodeReads } from "../corpus/saved-reads.js";
import type { Embedder } from "../embed/embedder.js";
import { buildPolicyRegistry, decodeRegistry, encodeRegistry, type Policy } from "../policies/registry.js";
import type { Progress } from "../progress.js";
import { TOKENIZER_VERSION, type Tokenizer } from "../text/tokenize.js";
import type { CorpusUpdate } from "../types.js";
import { createKeywordIndex, decodeSegment, encodeSegment, searchSegments, type KeywordIndex, type KeywordSegment } from "./keyword-index.js";
import {
  createSentenceVectorWriter,
  openSentenceVectors,
  sentenceVectorBytes,
  sentenceVectorsInMemory,
  type SentenceVectors,
} from "./sentence-vectors.js";
import { checkHnswFile, createHnswIndex, loadHnswIndex, type HnswIndex, type VectorIndex } from "./vector-index.js";

/**
 * Bumped whenever what is saved changes meaning (6: sentences no longer end inside 《》 or quotations; 7:
 * corpus.bin with the policy registry; 8: its files column by column); an index of another version is rebuilt.
 */
export const INDEX_FORMAT_VERSION = 8;

const fileSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  /** Modification time right after the file was written: while it is unchanged, the sha256 is not computed again (see `checkedFile`). */
  mtimeMs: z.number().optional(),
});
/** One article as the index holds it. */
interface DocEntry {
  id: string;
  file: string;
  /** sha256 of the file name and bytes, as `readArticle` gives it. */
  hash: string;
  passages: number;
  sentences: number;
}
const isCount = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
const isDoc = (v: unknown) => {
  const d = v as DocEntry | null;
  return typeof d === "object" && d !== null && typeof d.id === "string" && typeof d.file === "string" && typeof d.hash === "string" && isCount(d.passages) && isCount(d.sentences);
};
/** A list checked by a plain loop: at 100k articles zod's parse of each element took ~1 s of a start. */
const listOf = <T>(ok: (v: unknown) => boolean, what: string) => z.custom<T[]>((v) => Array.isArray(v) && v.every(ok), `${what} of the wrong shape`);
const articles = listOf<DocEntry>(isDoc, "articles");

/** `index/manifest.json`: what the saved files were built from, and a checksum of each. */
const manifestSchema = z.object({
  formatVersion: z.number().int(),
  /** `TOKENIZER_VERSION` of the build: the keyword index is only valid for the same cut. */
  tokenizerVersion: z.number().int(),
  embedder: z.object({ id: z.string(), dimension: z.number().int().positive() }),
  /** sha256 of the articles the index holds now (as `loadCorpus` computes it). */
  corpusHash: z.string(),
  /** Vectors (labels) in `vectors.hnsw`, removed ones included. */
  count: z.number().int().nonnegative(),
  /** Passage id of each vector label, in label order; "" for a vector removed by a live update. */
  ids: listOf<string>((id) => typeof id === "string", "passage ids"),
  /** Units (sentences) of `keyword.bin` and `sentences.bin`. */
  sentences: z.number().int().nonnegative(),
  /** Articles of the full build, in the order of `keyword.bin` and `sentences.bin`. */
  base: articles,
  /** Ids of base articles removed or changed since the build. */
  removed: z.array(z.string()),
  /** Articles added or changed since the build, in the order of `delta.bin`. */
  delta: articles,
  /** sha256 and size of each saved file, by name. */
  files: z.record(z.string(), fileSchema),
  /** ISO time of the full build. */
  builtAt: z.string(),
  /** ISO time of the last live update, if any. */
  updatedAt: z.string().optional(),
});
export type IndexManifest = z.infer<typeof manifestSchema>;

export interface OpenIndexOptions {
  /** Folder holding `manifest.json` and the files it lists. */
  dir: string;
  /** Progress and warnings. */
  log?: (level: "info" | "warn", msg: string) => void;
  /** Each batch embedded, then packing and saving (for a progress bar). */
  onProgress?: (progress: Progress) => void;
  /** Passages embedded per batch while building. */
  batchSize?: number;
  /** What `readSavedIndex` found in `dir` before the articles were read (read again when absent). */
  saved?: SavedIndex;
  /**
   * Builds and saves the index elsewhere (`childBuilder`: a child process), to be loaded from `dir` after;
   * when absent, or when what it saved is not usable, the index is built in this process. Given the corpus
   * read here; without it, it reads the articles itself.
   */
  buildElsewhere?: (corpus?: Corpus) => Promise<void>;
}

/**
 * The tokenizer of an index: one given (its terms are not saved), or one made from the corpus's own terms
 * (`corpusTerms`), which are saved with the index so that a start with it does not derive them again.
 */
export type TokenizerChoice = Tokenizer | { termsOf(corpus: Corpus): string[]; fromTerms(terms: string[]): Tokenizer };

/** Everything retrieval reads, for one state of the corpus. Never changes once made. */
export interface IndexState {
  corpus: Corpus;
  vector: VectorIndex;
  keyword: KeywordIndex;
  /**
   * Dot product of `query` with each sentence's saved vector, by id (undefined for one the index does not
   * hold). Sentences of one passage are best given together: their range is read once.
   */
  sentenceSimilarity: (sentences: { id: string }[], query: Float32Array) => (number | undefined)[];
  manifest: IndexManifest;
  /** The policy registry of `corpus`: the saved one while the articles are the full build's, else built on first call. */
  policies(): Policy[];
}


/** The index of a seeds folder, updated in place one article at a time. */
export interface IndexStore {
  /** The current state; each update replaces it with a new one in one assignment. */
  readonly state: IndexState;
  /** Whether opening rebuilt the index from the articles. */
  readonly rebuilt: boolean;
  /** The tokenizer the keyword index was cut with (and questions must be cut with). */
  readonly tokenizer: Tokenizer;
  /**
   * Applies what was read of some files: a document for a file added or changed, none for a file gone
   * (or no longer an article). Only those articles are embedded and cut; the others are untouched. The new
   * state is built aside and swapped in at once; the saved files and manifest are rewritten atomically.
   */
  apply(files: { file: string; document?: Document }[]): Promise<CorpusUpdate>;
  close(): void;
}

const MANIFEST = "manifest.json";
const VECTORS = "vectors.hnsw";
const KEYWORDS = "keyword.bin";
const SENTENCES = "sentences.bin";
const DELTA = "delta.bin";
/** The articles as read (`encodeReads`) and the tokenizer's terms. */
const CORPUS = "corpus.bin";
const FILES = [VECTORS, KEYWORDS, SENTENCES, DELTA, CORPUS] as const;
/** When more than this share of the articles changed while the process was down, a full build is cheaper. */
export const REBUILD_SHARE = 0.3;

/** The full build's part of the index, read once and shared by every later state. */
interface Base {
  segment: KeywordSegment;
  docs: DocEntry[];
  /** Where each base article's sentences (units) start. */
  start: Map<string, number>;
  vectors: SentenceVectors;
}

/** An article added or changed since the full build. */
interface DeltaDoc {
  entry: DocEntry;
  document: Document;
  /** Terms of each sentence, in order (to pack the delta segment again after each update). */
  terms: string[][];
  /** Its sentences' vectors, in `createSentenceVectorWriter`'s layout. */
  vectors: Buffer;
}

/** What one state is made of. */
interface Snapshot {
  documents: Map<string, Document>;
  removed: Set<string>;
  delta: Map<string, DeltaDoc>;
}

/**
 * The index for `corpus`: loaded from `dir` when its manifest matches (format, tokenizer and embedder
 * versions) and every file it lists has its recorded size and sha256 and passes its structural check (the
 * HNSW graph's entry point and neighbour ids in range, the keyword offsets in order); articles changed
 * since are then applied as live updates. Otherwise built and saved atomically. Any damage is one log line
 * naming the file and the reason, then a rebuild: no saved file can crash the process or be used half-valid.
 *
 * @example const store = await openIndex(corpus, embedder, tokenizer, { dir: "index" }); store.state.keyword
 */
export async function openIndex(corpus: Corpus, embedder: Embedder, tokenizer: TokenizerChoice, options: OpenIndexOptions): Promise<IndexStore> {
  const { dir, log = () => {} } = options;
  const choice = "fromTerms" in tokenizer ? tokenizer : { termsOf: () => [], fromTerms: () => tokenizer };
  const loaded = await loadIndex(corpus, embedder, dir, options.saved, choice.fromTerms).catch((err: Error) => ({ level: "warn" as const, reason: `index in ${dir}: ${err.message}` }));
  if ("base" in loaded) {
    const store = await fromLoaded(corpus, embedder, choice, loaded, false, options);
    if (store) return store;
  } else if (loaded.reason) {
    log(loaded.level, `${loaded.reason}; rebuilding`);
  }
  if (options.buildElsewhere) {
    try {
      await options.buildElsewhere(corpus);
      const saved = await readSavedIndex(dir);
      const read = "reads" in saved ? asSaved(corpus, saved.reads) : corpus;
      const built = await loadIndex(read, embedder, dir, saved, choice.fromTerms);
      if (!("base" in built)) throw new Error(built.reason ?? "nothing was saved");
      const store = await fromLoaded(read, embedder, choice, built, true, options);
      if (store) {
        log("info", `index built in a child process and loaded from ${dir}`);
        return store;
      }
      throw new Error("its articles are not these");
    } catch (err) {
      log("warn", `the index built in a child process is not usable (${(err as Error).message}); building it here`);
    }
  }
  return buildAndSave(corpus, embedder, choice, options);
}

/**
 * `corpus` with each article as the index saved it (`SavedPassage`s: sentences made on first use) where it is
 * the same article: after a build elsewhere this process then holds what any start with the index holds, not
 * the sentences of its own reads.
 */
function asSaved(corpus: Corpus, reads: ReadonlyMap<string, ArticleFound>): Corpus {
  const documents = corpus.documents.map((d) => {
    const r = reads.get(d.file)?.document;
    return r && r.id === d.id && r.hash === d.hash ? r : d;
  });
  return { ...corpus, documents, passages: documents.flatMap((d) => d.passages), reads };
}

/**
 * The store over a loaded index, with the articles changed since it was saved applied as updates; none
 * (and the index closed) when so many changed that a full build is cheaper.
 */
async function fromLoaded(
  corpus: Corpus,
  embedder: Embedder,
  choice: Exclude<TokenizerChoice, Tokenizer>,
  loaded: Parts,
  rebuilt: boolean,
  { dir, log = () => {} }: OpenIndexOptions,
): Promise<IndexStore | undefined> {
  const removed = new Set(loaded.manifest.removed);
  const held = [...loaded.manifest.base.filter((d) => !removed.has(d.id)), ...loaded.manifest.delta];
  const byFile = new Map(corpus.documents.map((d) => [d.file, d]));
  // Articles the index holds whose file now reads differently or is gone, then files it does not hold yet
  // (none to look for when every article read now matched one it holds).
  const differ = held.filter((d) => byFile.get(d.file)?.hash !== d.hash).map((d) => d.file);
  const files = held.length - differ.length < corpus.documents.length ? new Set(held.map((d) => d.file)) : undefined;
  const added = files ? corpus.documents.filter((d) => !files.has(d.file)).map((d) => d.file) : [];
  const changed = [...differ, ...added];
  const total = held.length + added.length;
  if (changed.length > Math.max(1, REBUILD_SHARE * total)) {
    log("info", `index in ${dir}: ${changed.length} of ${total} articles changed; rebuilding`);
    loaded.base.vectors.close();
    return undefined;
  }
  // The terms the keyword index was cut with, as saved: a start derives nothing from the articles.
  const store = createStore(dir, embedder, loaded.tokenizer ?? choice.fromTerms(loaded.terms), log, loaded, rebuilt);
  if (changed.length > 0) {
    const change = await store.apply(changed.map((file) => ({ file, document: byFile.get(file) })));
    for (const [what, files] of Object.entries(change)) for (const file of files as string[]) log("info", `${file} ${what} since the index was saved: index updated`);
  }
  return store;
}

/**
 * Builds the index of `corpus` here and saves it to `options.dir` (kept in memory, with a warning, when it
 * cannot be saved). What `openIndex` does when no saved index fits, and what its child process runs.
 */
export async function buildAndSave(corpus: Corpus, embedder: Embedder, tokenizer: TokenizerChoice, options: OpenIndexOptions): Promise<IndexStore> {
  const { dir, log = () => {} } = options;
  const choice = "fromTerms" in tokenizer ? tokenizer : { termsOf: () => [], fromTerms: () => tokenizer };
  const terms = choice.termsOf(corpus);
  const words = choice.fromTerms(terms);
  const built = await buildIndex(corpus, embedder, words, { ...options, terms });
  options.onProgress?.({ stage: "save" });
  try {
    const manifest = await saveAll(dir, built);
    built.base.vectors = openSentenceVectors(join(dir, SENTENCES), manifest.sentences, embedder.dimension);
    return createStore(dir, embedder, words, log, { ...built, manifest }, true);
  } catch (err) {
    log("warn", `could not save the index to ${dir} (${(err as Error).message}); it will be rebuilt next start`);
    return createStore(dir, embedder, words, log, built, true);
  }
}

/** A loaded or built index before it becomes a store. */
interface Parts {
  base: Base;
  vector: HnswIndex;
  snapshot: Snapshot;
  manifest: IndexManifest;
  /** `keyword.bin`'s bytes, when they still have to be written. */
  keywordBytes?: Buffer;
  /** `sentences.bin`'s bytes, when they still have to be written. */
  sentenceBytes?: Buffer;
  /** `corpus.bin`'s bytes, when they still have to be written. */
  corpusBytes?: Buffer;
  /** The terms the tokenizer was made with. */
  terms: string[];
  /** The tokenizer made from them while the index loaded, if it was. */
  tokenizer?: Tokenizer;
  /** The full build's policy registry, as saved (`encodeRegistry`). */
  policies?: unknown;
}

/** Why a saved index is not used: nothing saved (no reason), out of date (info) or damaged (warn). */
type Refused = { level: "info" | "warn"; reason?: string };
type Loaded = Parts | Refused;

/**
 * What a saved index holds besides its binary files: its manifest, the articles as they were read (by file
 * name, each with the size and modification time of its file: `loadCorpus({ known })` reuses the reads of
 * files still as they were) and the tokenizer's terms. Read before the articles, so that a start reads and
 * parses only the files that changed; `openIndex` takes it back (`options.saved`) and checks the rest.
 *
 * @example const saved = await readSavedIndex("index"); const corpus = await loadCorpus("seeds", { known: "reads" in saved ? saved.reads : undefined });
 */
export async function readSavedIndex(dir: string): Promise<SavedIndex> {
  const saved = await readManifest(dir);
  if (!saved.ok) return saved.reason === "missing" ? { level: "info" } : { level: "warn", reason: `index file ${join(dir, MANIFEST)} is unreadable (${saved.reason})` };
  const m = saved.manifest;
  if (m.formatVersion !== INDEX_FORMAT_VERSION) return { level: "info", reason: `index in ${dir} is out of date (format ${m.formatVersion} ≠ ${INDEX_FORMAT_VERSION})` };
  const entry = m.files[CORPUS];
  if (!entry) return { level: "warn", reason: `index file ${join(dir, MANIFEST)} lists no ${CORPUS}` };
  const file = await checkedFile(dir, CORPUS, entry, true);
  if ("why" in file) return { level: "warn", reason: `index file ${join(dir, CORPUS)} ${file.why}` };
  try {
    return { manifest: m, ...decodeReads(file.buf!) };
  } catch (err) {
    return { level: "warn", reason: `index file ${join(dir, CORPUS)} is damaged (${(err as Error).message})` };
  }
}

/** The files of the articles a saved index holds now: its full build's, less those removed since, and those added or changed since. */
export function heldFiles(manifest: IndexManifest): string[] {
  const removed = new Set(manifest.removed);
  return [...manifest.base.filter((d) => !removed.has(d.id)), ...manifest.delta].map((d) => d.file);
}

export type SavedIndex = { manifest: IndexManifest; terms: string[]; reads: Map<string, ArticleFound>; policies?: unknown } | Refused;

/** `prepare`: makes the tokenizer from the saved terms while hnswlib reads the graph (handed back as `tokenizer`). */
async function loadIndex(corpus: Corpus, embedder: Embedder, dir: string, given?: SavedIndex, prepare?: (terms: string[]) => Tokenizer): Promise<Loaded> {
  const saved = given ?? (await readSavedIndex(dir));
  if (!("manifest" in saved)) return saved;
  const m = saved.manifest;
  const stale =
    m.tokenizerVersion !== TOKENIZER_VERSION ? `tokenizer ${m.tokenizerVersion} ≠ ${TOKENIZER_VERSION}`
    : m.embedder.id !== embedder.id || m.embedder.dimension !== embedder.dimension ? `embedder ${m.embedder.id} ≠ ${embedder.id}`
    : undefined;
  if (stale) return { level: "info", reason: `index in ${dir} is out of date (${stale})` };
  const bad = (file: string, why: string): Loaded => ({ level: "warn", reason: `index file ${join(dir, file)} ${why}` });

  // The manifest's own parts must agree: ids are the passages of its articles, counts add up.
  const removed = new Set(m.removed);
  const live = [...m.base.filter((d) => !removed.has(d.id)), ...m.delta];
  if (m.count !== m.ids.length || !(inArticleOrder(m.ids, live) || sameIds(m.ids, live))) return bad(MANIFEST, "lists passage ids that are not the articles'");
  if (m.base.reduce((n, d) => n + d.sentences, 0) !== m.sentences) return bad(MANIFEST, "counts sentences its articles do not add up to");
  // An article read from seeds/ now must have the passages and sentences the index recorded for it.
  const byFile = new Map(corpus.documents.map((d) => [d.file, d]));
  for (const d of live) {
    const doc = byFile.get(d.file);
    if (doc?.hash !== d.hash) continue;
    if (doc.id !== d.id || doc.passages.length !== d.passages || sentencesOf(doc) !== d.sentences) return bad(MANIFEST, `does not describe ${d.file} as it reads now`);
    // One copy of each string the article and its entry share (at 100k the manifest's own were ~16 MB of heap).
    [d.id, d.file, d.hash] = [doc.id, doc.file, doc.hash];
  }

  for (const name of [VECTORS, KEYWORDS, SENTENCES, DELTA]) if (!m.files[name]) return bad(MANIFEST, `lists no ${name}`);
  const dimension = m.embedder.dimension;
  // vectors.hnsw first: once checked, hnswlib reads it on a worker thread while the rest is read and checked here.
  const graphFile = await checkedFile(dir, VECTORS, m.files[VECTORS]!, false);
  if ("why" in graphFile) return bad(VECTORS, graphFile.why);
  const graph = checkHnswFile(graphFile.buf ?? join(dir, VECTORS), dimension, m.count);
  if (graph) return bad(VECTORS, `is damaged (${graph})`);
  const loading = loadHnswIndex(join(dir, VECTORS), dimension, [...m.ids]);
  // Its failure is the awaiter's (below); should a later check refuse the index first, the read is dropped.
  loading.catch(() => {});
  const bytes = new Map<string, Buffer>();
  for (const name of [KEYWORDS, SENTENCES, DELTA]) {
    // sentences.bin is read a passage at a time later: only its size (and, if changed, its checksum) now.
    const file = await checkedFile(dir, name, m.files[name]!, name !== SENTENCES);
    if ("why" in file) return bad(name, file.why);
    if (file.buf) bytes.set(name, file.buf);
  }
  let segment: KeywordSegment;
  try {
    segment = decodeSegment(bytes.get(KEYWORDS)!);
  } catch (err) {
    return bad(KEYWORDS, `is damaged (${(err as Error).message})`);
  }
  if (segment.lengths.length !== m.sentences) return bad(KEYWORDS, `holds ${segment.lengths.length} sentences, the manifest ${m.sentences}`);
  if (m.files[SENTENCES]!.bytes !== sentenceVectorBytes(m.sentences, dimension)) return bad(SENTENCES, `does not hold ${m.sentences} vectors of ${dimension}`);
  const deltaSentences = m.delta.reduce((n, d) => n + d.sentences, 0);
  const delta = bytes.get(DELTA)!;
  if (delta.length !== sentenceVectorBytes(deltaSentences, dimension)) return bad(DELTA, `does not hold ${deltaSentences} vectors of ${dimension}`);

  // Articles of the delta are read from seeds/ (cut again here: they are few); their vectors come from delta.bin.
  const snapshot: Snapshot = { documents: new Map(), removed, delta: new Map() };
  let at = 0;
  for (const entry of m.delta) {
    const doc = byFile.get(entry.file);
    const vectors = sliceVectors(delta, deltaSentences, dimension, at, entry.sentences);
    at += entry.sentences;
    // A delta article changed again while the process was down is applied again by `openIndex`.
    if (doc?.hash === entry.hash) snapshot.delta.set(entry.id, { entry, document: doc, terms: [], vectors });
    else snapshot.delta.set(entry.id, { entry, document: placeholder(entry), terms: [], vectors });
  }
  for (const d of live) {
    const doc = byFile.get(d.file);
    snapshot.documents.set(d.id, doc?.hash === d.hash ? doc : placeholder(d));
  }
  bytes.clear();
  // The tokenizer (jieba's dictionary, ~0.2 s) is made here too, while the graph is still being read.
  const tokenizer = prepare?.(saved.terms);
  const vector = await loading;
  const base: Base = { segment, docs: m.base, start: starts(m.base), vectors: openSentenceVectors(join(dir, SENTENCES), m.sentences, dimension) };
  return { base, vector, snapshot, manifest: m, terms: saved.terms, policies: saved.policies, ...(tokenizer && { tokenizer }) };
}

/**
 * A saved file checked against its manifest entry: its size always; its sha256 only when its modification
 * time is not the one recorded right after it was written. The files are written once (to a temporary name,
 * then renamed) and never in place, so any later write to one — truncation, a partial copy, an edit, a
 * forged checksum — changes its size or its modification time, and then the whole file is hashed as before.
 * While both are as recorded, hashing every byte again (700 MB at 100k passages) would re-prove on every
 * start what the build proved once; the structural checks (HNSW graph, keyword offsets, vector counts)
 * still run on what is loaded. `keep`: return the bytes (otherwise a file trusted by its stat is not read).
 */
async function checkedFile(dir: string, name: string, entry: IndexManifest["files"][string], keep: boolean): Promise<{ buf?: Buffer } | { why: string }> {
  const path = join(dir, name);
  const unreadable = (err: unknown) => ({ why: `is unreadable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
  let mtimeMs: number;
  try {
    const st = await stat(path);
    if (st.size !== entry.bytes) return { why: `has ${st.size} bytes, the manifest says ${entry.bytes}` };
    mtimeMs = st.mtimeMs;
  } catch (err) {
    return unreadable(err);
  }
  const trusted = entry.mtimeMs !== undefined && entry.mtimeMs === mtimeMs;
  if (trusted && !keep) return {};
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    return unreadable(err);
  }
  if (buf.length !== entry.bytes) return { why: `has ${buf.length} bytes, the manifest says ${entry.bytes}` };
  if (!trusted && sha256(buf) !== entry.sha256) return { why: "does not match its checksum" };
  return { buf };
}

/**
 * An article the index holds whose file now reads differently (or is gone): kept only until `openIndex`
 * applies the file as it is now, which removes or replaces it.
 */
function placeholder(d: DocEntry): Document {
  const passages = Array.from({ length: d.passages }, (_, i): Passage => ({ id: `${d.id}#${i + 1}`, doc: d.id, paragraph: i + 1, text: "", start: 0, sentences: [] }));
  return { id: d.id, file: d.file, title: d.id, date: "", passages, hash: d.hash };
}

const sentencesOf = (doc: Document) => doc.passages.reduce((n, p) => n + sentenceCount(p), 0);

/** The first unit (sentence) of each article, by id. */
function starts(docs: DocEntry[]): Map<string, number> {
  const out = new Map<string, number>();
  let unit = 0;
  for (const d of docs) {
    out.set(d.id, unit);
    unit += d.sentences;
  }
  return out;
}

/** Whether `ids` are the articles' passages one after another, as a build (and every start until a live update) has them. */
function inArticleOrder(ids: string[], docs: DocEntry[]): boolean {
  let k = 0;
  for (const d of docs) for (let i = 1; i <= d.passages; i++) if (ids[k++] !== `${d.id}#${i}`) return false;
  return k === ids.length;
}

/** Whether `ids`, "" (removed vectors) aside, are the articles' passages, each once, in any order. */
function sameIds(ids: string[], docs: DocEntry[]): boolean {
  const expected = new Set(docs.flatMap((d) => Array.from({ length: d.passages }, (_, i) => `${d.id}#${i + 1}`)));
  const listed = ids.filter((id) => id !== "");
  return listed.length === expected.size && listed.every((id) => expected.has(id)) && new Set(listed).size === listed.length;
}

/** Vectors `from`..`from + count` of a file of `total` vectors, in the same layout on their own. */
function sliceVectors(file: Buffer, total: number, dimension: number, from: number, count: number): Buffer {
  return Buffer.concat([file.subarray(from * 4, (from + count) * 4), file.subarray(total * 4 + from * dimension, total * 4 + (from + count) * dimension)]);
}

/** Several vector blocks (each in the file layout) as one. */
function joinVectors(blocks: Buffer[], dimension: number): Buffer {
  const counts = blocks.map((b) => b.length / (4 + dimension));
  return Buffer.concat([...blocks.map((b, i) => b.subarray(0, counts[i]! * 4)), ...blocks.map((b, i) => b.subarray(counts[i]! * 4))]);
}

/**
 * Embeds every passage in batches into a fresh HNSW index, and every sentence (answering compares
 * candidate sentences with the question: their vectors are made here, once), and cuts every sentence
 * into the keyword index, logging progress.
 */
export async function buildIndex(
  corpus: Corpus,
  embedder: Embedder,
  tokenizer: Tokenizer,
  { log = () => {}, batchSize = 32, onProgress, terms = [] }: Pick<OpenIndexOptions, "log" | "batchSize" | "onProgress"> & { terms?: string[] } = {},
): Promise<Parts & { keywordBytes: Buffer; sentenceBytes: Buffer; corpusBytes: Buffer }> {
  const passages = corpus.passages;
  const vector = createHnswIndex(embedder.dimension, passages.length);
  const builder = createKeywordIndex();
  const sentenceVectors = createSentenceVectorWriter(embedder.dimension);
  const started = Date.now();
  let lastReport = started;
  log("info", `indexing ${passages.length} passages with ${embedder.id}…`);
  for (let i = 0; i < passages.length; i += batchSize) {
    const batch = passages.slice(i, i + batchSize);
    vector.add(batch.map((p) => p.id), await embedder.embed(batch.map((p) => p.text), "passage"));
    const sentences = batch.flatMap((p) => p.sentences);
    builder.add(sentences.map((s) => ({ id: s.id, terms: tokenizer.terms(s.text) })));
    sentenceVectors.add(await embedder.embed(sentences.map((s) => s.text), "passage"));
    onProgress?.({ stage: "embed", done: Math.min(i + batchSize, passages.length), total: passages.length });
    if (Date.now() - lastReport > 2000) {
      lastReport = Date.now();
      log("info", `indexing… ${Math.min(i + batchSize, passages.length)}/${passages.length}`);
    }
  }
  // Packed now, not by the first question.
  onProgress?.({ stage: "pack" });
  const segment = builder.pack();
  log("info", `indexed ${passages.length} passages in ${Date.now() - started} ms`);
  const docs = corpus.documents.map((d) => entryOf(d));
  const sentenceBytes = sentenceVectors.bytes();
  const base: Base = { segment, docs, start: starts(docs), vectors: sentenceVectorsInMemory(sentenceBytes, segment.lengths.length, embedder.dimension) };
  const snapshot: Snapshot = { documents: new Map(corpus.documents.map((d) => [d.id, d])), removed: new Set(), delta: new Map() };
  const now = new Date().toISOString();
  const manifest: IndexManifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    tokenizerVersion: TOKENIZER_VERSION,
    embedder: { id: embedder.id, dimension: embedder.dimension },
    corpusHash: corpus.hash,
    count: passages.length,
    ids: passages.map((p) => p.id),
    sentences: segment.lengths.length,
    base: docs,
    removed: [],
    delta: [],
    files: {},
    builtAt: now,
  };
  const policies = encodeRegistry(buildPolicyRegistry(corpus.documents));
  const corpusBytes = encodeReads(corpus.reads ?? new Map(), terms, policies);
  return { base, vector, snapshot, manifest, keywordBytes: encodeSegment(segment), sentenceBytes, corpusBytes, terms, policies };
}

const entryOf = (d: Document): DocEntry => ({ id: d.id, file: d.file, hash: d.hash ?? "", passages: d.passages.length, sentences: sentencesOf(d) });

/** The store over loaded or built parts: the current state, and updates that replace it. */
function createStore(dir: string, embedder: Embedder, tokenizer: Tokenizer, log: (level: "info" | "warn", msg: string) => void, parts: Parts, rebuilt: boolean): IndexStore {
  const { base, vector } = parts;
  let manifest = parts.manifest;
  let snapshot = parts.snapshot;
  // Delta articles loaded from delta.bin are cut here, once.
  for (const d of snapshot.delta.values()) if (d.terms.length === 0) d.terms = cut(d.document, tokenizer);
  let state = stateOf(base, vector, snapshot, manifest, embedder.dimension, parts.policies);
  let queue: Promise<unknown> = Promise.resolve();

  async function apply(files: { file: string; document?: Document }[]): Promise<CorpusUpdate> {
    const change: CorpusUpdate = { added: [], changed: [], removed: [] };
    const byFile = new Map([...snapshot.documents.values()].map((d) => [d.file, d]));
    const next: Snapshot = { documents: new Map(snapshot.documents), removed: new Set(snapshot.removed), delta: new Map(snapshot.delta) };
    const gone: string[] = [];
    const added: DeltaDoc[] = [];
    for (const { file, document } of files) {
      const old = byFile.get(file);
      if (old && document && old.hash === document.hash && document.hash) continue;
      if (!old && !document) continue;
      if (old) {
        gone.push(...old.passages.map((p) => p.id));
        next.documents.delete(old.id);
        if (next.delta.has(old.id)) next.delta.delete(old.id);
        else next.removed.add(old.id);
      }
      if (!document) {
        change.removed.push(file);
        continue;
      }
      (old ? change.changed : change.added).push(file);
      const doc = uniqueId(document, next.documents);
      const sentences = doc.passages.flatMap((p) => p.sentences);
      const writer = createSentenceVectorWriter(embedder.dimension);
      writer.add(sentences.length ? await embedder.embed(sentences.map((s) => s.text), "passage") : []);
      const passageVectors = doc.passages.length ? await embedder.embed(doc.passages.map((p) => p.text), "passage") : [];
      // Cut with the index's tokenizer, as questions are (and as a restart re-cuts it); its quoted names join
      // jieba's words at the next full build (`npm run index`), bigrams find them meanwhile.
      added.push(Object.assign({ entry: entryOf(doc), document: doc, terms: cut(doc, tokenizer), vectors: writer.bytes() }, { passageVectors }));
      next.documents.set(doc.id, doc);
      next.delta.set(doc.id, added.at(-1)!);
    }
    if (gone.length === 0 && added.length === 0) return change;
    // From here to the swap nothing waits: a question sees the state before or after, never between.
    vector.remove(gone);
    for (const d of added) vector.add(d.document.passages.map((p) => p.id), (d as DeltaDoc & { passageVectors: Float32Array[] }).passageVectors);
    for (const d of added) delete (d as Partial<{ passageVectors: unknown }>).passageVectors;
    const corpus = corpusOf(next.documents);
    manifest = {
      ...manifest,
      corpusHash: corpus.hash,
      count: vector.labels.length,
      ids: [...vector.labels],
      removed: [...next.removed],
      delta: [...next.delta.values()].map((d) => d.entry),
      updatedAt: new Date().toISOString(),
    };
    snapshot = next;
    state = stateOf(base, vector, snapshot, manifest, embedder.dimension, parts.policies, corpus);
    try {
      manifest = await saveUpdate(dir, vector, joinVectors([...snapshot.delta.values()].map((d) => d.vectors), embedder.dimension), manifest);
    } catch (err) {
      log("warn", `could not save the updated index to ${dir} (${(err as Error).message}); it will be rebuilt next start`);
    }
    return change;
  }

  return {
    get state() {
      return state;
    },
    rebuilt,
    tokenizer,
    // One update at a time, in the order asked.
    apply: (files) => {
      const run = queue.then(() => apply(files));
      queue = run.catch(() => {});
      return run;
    },
    close: () => base.vectors.close(),
  };
}

function cut(doc: Document, tokenizer: Tokenizer): string[][] {
  return doc.passages.flatMap((p) => p.sentences.map((s) => tokenizer.terms(s.text)));
}

/** The document under an id no other article has (`~2`, `~3`… appended), as `loadCorpus` does. */
function uniqueId(doc: Document, taken: Map<string, Document>): Document {
  let id = doc.id;
  for (let n = 2; taken.has(id); n++) id = `${doc.id}~${n}`;
  if (id === doc.id) return doc;
  const passages = doc.passages.map((p) => {
    const pid = `${id}#${p.paragraph}`;
    return { ...p, id: pid, doc: id, sentences: p.sentences.map((s) => ({ ...s, id: `${pid}.${s.id.slice(s.id.lastIndexOf(".") + 1)}` })) };
  });
  return { ...doc, id, passages };
}

/** The articles in file-name order, with the hash `loadCorpus` would compute for them. */
function corpusOf(documents: Map<string, Document>): Corpus {
  const docs = [...documents.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const hash = createHash("sha256");
  for (const d of docs) hash.update(d.hash ?? "");
  return { documents: docs, passages: docs.flatMap((d) => d.passages), hash: hash.digest("hex") };
}

/**
 * One immutable state: the corpus, a keyword index over base (minus removed articles) and delta, a vector view,
 * the policy registry (`saved`, the full build's, while no article was removed or added since).
 */
function stateOf(base: Base, vector: HnswIndex, snapshot: Snapshot, manifest: IndexManifest, dimension: number, saved: unknown, corpus = corpusOf(snapshot.documents)): IndexState {
  const dead = new Uint8Array(base.segment.lengths.length);
  for (const id of snapshot.removed) {
    const at = base.start.get(id);
    const entry = base.docs.find((d) => d.id === id);
    if (at !== undefined && entry) dead.fill(1, at, at + entry.sentences);
  }
  const deltaDocs = [...snapshot.delta.values()];
  const views = [{ segment: base.segment, dead: snapshot.removed.size ? dead : undefined }];
  if (deltaDocs.length > 0) {
    const builder = createKeywordIndex();
    for (const d of deltaDocs) {
      const ids = d.document.passages.flatMap((p) => p.sentences.map((s) => s.id));
      builder.add(ids.map((id, i) => ({ id, terms: d.terms[i] ?? [] })));
    }
    views.push({ segment: builder.pack(), dead: undefined });
  }
  // Where a live passage's sentence vectors are: a range of the base file, or of its delta article (worked out
  // when asked, from its article's sentence counts: a start does nothing per passage for it).
  const where = (passage: string): { delta?: DeltaDoc; first: number; count: number } | undefined => {
    const mark = passage.lastIndexOf("#");
    const doc = snapshot.documents.get(passage.slice(0, mark));
    if (!doc) return undefined;
    const n = Number(passage.slice(mark + 1)) - 1;
    const k = doc.passages[n]?.id === passage ? n : doc.passages.findIndex((p) => p.id === passage);
    const d = snapshot.delta.get(doc.id);
    let first = d ? 0 : (base.start.get(doc.id) ?? -1);
    if (k < 0 || first < 0) return undefined;
    for (let i = 0; i < k; i++) first += sentenceCount(doc.passages[i]!);
    return { delta: d, first, count: sentenceCount(doc.passages[k]!) };
  };
  const sentenceSimilarity = (sentences: { id: string }[], query: Float32Array) => {
    // A passage's sentences come one after another: its range is read once for them, nothing is kept.
    let passage: string | undefined;
    let sims: Float64Array | undefined;
    return sentences.map(({ id }) => {
      const dot = id.lastIndexOf(".");
      if (passage === undefined || dot !== passage.length || !id.startsWith(passage)) {
        passage = id.slice(0, dot);
        const at = where(passage);
        const vectors = at?.delta ? sentenceVectorsInMemory(at.delta.vectors, at.delta.entry.sentences, dimension) : base.vectors;
        sims = at && vectors.similarity(at.first, at.first + at.count, query);
      }
      return sims?.[Number(id.slice(dot + 1)) - 1];
    });
  };
  let policies: Policy[] | undefined;
  const registry = () => {
    if (saved && snapshot.removed.size === 0 && snapshot.delta.size === 0) {
      const passage = (id: string) => snapshot.documents.get(id.slice(0, id.lastIndexOf("#")))?.passages[Number(id.slice(id.lastIndexOf("#") + 1)) - 1];
      const decoded = decodeRegistry(saved, passage);
      if (decoded) return decoded;
    }
    return buildPolicyRegistry(corpus.documents);
  };
  return { corpus, vector: vector.snapshot(), keyword: searchSegments(views), sentenceSimilarity, manifest, policies: () => (policies ??= registry()) };
}

/**
 * Writes every file of a full build to a temporary name, renames each into place, then writes the
 * manifest with their checksums. The old manifest goes away first, so a crash midway leaves no manifest:
 * the next start rebuilds.
 */
async function saveAll(dir: string, parts: Parts): Promise<IndexManifest> {
  const contents = new Map<string, Buffer>([
    [KEYWORDS, parts.keywordBytes!],
    [SENTENCES, parts.sentenceBytes!],
    [DELTA, Buffer.alloc(0)],
    [CORPUS, parts.corpusBytes!],
  ]);
  return save(dir, parts.vector, contents, parts.manifest);
}

/** After a live update: the vectors, the delta's sentence vectors and the manifest; the base files stay. */
async function saveUpdate(dir: string, vector: HnswIndex, delta: Buffer, manifest: IndexManifest): Promise<IndexManifest> {
  return save(dir, vector, new Map([[DELTA, delta]]), manifest);
}

async function save(dir: string, vector: HnswIndex, contents: Map<string, Buffer>, manifest: IndexManifest): Promise<IndexManifest> {
  await mkdir(dir, { recursive: true });
  // Unique to this save: replicas sharing the folder may save the same update at once, with the same pid (1 in
  // their containers) in the same millisecond.
  const tmp = `.tmp-${process.pid}-${randomBytes(6).toString("hex")}`;
  const files = { ...manifest.files };
  await vector.save(join(dir, VECTORS + tmp));
  const written = await readFile(join(dir, VECTORS + tmp));
  // The modification time is kept by the rename: `checkedFile` trusts a file only while it is this one.
  files[VECTORS] = { sha256: sha256(written), bytes: written.length, mtimeMs: (await stat(join(dir, VECTORS + tmp))).mtimeMs };
  for (const [name, buf] of contents) {
    await writeFile(join(dir, name + tmp), buf);
    files[name] = { sha256: sha256(buf), bytes: buf.length, mtimeMs: (await stat(join(dir, name + tmp))).mtimeMs };
  }
  await rm(join(dir, MANIFEST), { force: true });
  for (const name of [VECTORS, ...contents.keys()]) await rename(join(dir, name + tmp), join(dir, name));
  const saved = { ...manifest, files };
  await writeFile(join(dir, MANIFEST + tmp), JSON.stringify(saved, null, 1));
  await rename(join(dir, MANIFEST + tmp), join(dir, MANIFEST));
  return saved;
}

const sha256 = (buf: Buffer) => createHash("sha256").update(buf).digest("hex");

type ManifestRead = { ok: true; manifest: IndexManifest } | { ok: false; reason: string };

async function readManifest(dir: string): Promise<ManifestRead> {
  let raw: string;
  try {
    raw = await readFile(join(dir, MANIFEST), "utf8");
  } catch {
    return { ok: false, reason: "missing" };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  const parsed = manifestSchema.safeParse(json);
  return parsed.success ? { ok: true, manifest: parsed.data } : { ok: false, reason: parsed.error.issues[0]?.message ?? "invalid" };
}
