import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Corpus } from "../corpus/corpus.js";
import type { Progress } from "../progress.js";
import type { Embedder } from "../embed/embedder.js";
import { TOKENIZER_VERSION, type Tokenizer } from "../text/tokenize.js";
import { createKeywordIndex, decodeSegment, encodeSegment, searchSegments, type KeywordIndex, type KeywordSegment } from "./keyword-index.js";
import { createSentenceVectorWriter, openSentenceVectors, sentenceVectorBytes, sentenceVectorsInMemory, type SentenceVectors } from "./sentence-vectors.js";
import { checkHnswFile, createHnswIndex, loadHnswIndex, type VectorIndex } from "./vector-index.js";

/** Bumped whenever what is saved changes meaning; an index of another version is rebuilt. */
export const INDEX_FORMAT_VERSION = 2;

const fileSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() });

/** `index/manifest.json`: what the saved files were built from, and a checksum of each. */
const manifestSchema = z.object({
  formatVersion: z.number().int(),
  /** `TOKENIZER_VERSION` of the build: the keyword index is only valid for the same cut. */
  tokenizerVersion: z.number().int(),
  embedder: z.object({ id: z.string(), dimension: z.number().int().positive() }),
  /** sha256 of the articles the index was built from. */
  corpusHash: z.string(),
  /** Vectors (passages) in `vectors.hnsw`. */
  count: z.number().int().nonnegative(),
  /** Passage id of each vector label, in label order. */
  ids: z.array(z.string()),
  /** Units (sentences) of the keyword index. */
  sentences: z.number().int().nonnegative(),
  /** sha256 and size of each saved file, by name. */
  files: z.record(z.string(), fileSchema),
  /** ISO time of the build. */
  builtAt: z.string(),
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
}

/** Everything retrieval reads, loaded from the index folder or built. */
export interface OpenedIndex {
  vector: VectorIndex;
  keyword: KeywordIndex;
  /** Every sentence's vector, in corpus order. */
  sentences: SentenceVectors;
  manifest: IndexManifest;
  rebuilt: boolean;
}

const MANIFEST = "manifest.json";
const VECTORS = "vectors.hnsw";
const KEYWORDS = "keyword.bin";
const SENTENCES = "sentences.bin";
const FILES = [VECTORS, KEYWORDS, SENTENCES] as const;

/**
 * The vector and keyword indexes for `corpus`: loaded from `dir` when its manifest matches (format,
 * tokenizer and embedder versions, corpus hash, passage ids) and every file it lists has its recorded
 * size and sha256 and passes its structural check (the HNSW graph's entry point and neighbour ids in
 * range); otherwise built and saved atomically. Any mismatch is one log line naming the file and the
 * reason, then a rebuild: no saved file can crash the process or be used half-valid.
 *
 * @example const { vector, keyword } = await openIndex(corpus, embedder, tokenizer, { dir: "index" });
 */
export async function openIndex(corpus: Corpus, embedder: Embedder, tokenizer: Tokenizer, options: OpenIndexOptions): Promise<OpenedIndex> {
  const { dir, log = () => {} } = options;
  const loaded = await loadIndex(corpus, embedder, dir).catch((err: Error) => ({ level: "warn" as const, reason: `index in ${dir}: ${err.message}` }));
  if ("manifest" in loaded) return { ...loaded, rebuilt: false };
  if (loaded.reason) log(loaded.level, `${loaded.reason}; rebuilding`);
  const built = await buildIndex(corpus, embedder, tokenizer, options);
  const opened = { vector: built.vector, keyword: built.keyword, rebuilt: true };
  try {
    options.onProgress?.({ stage: "save" });
    const manifest = await saveIndex(dir, corpus, embedder, built);
    // Read back from the file: the build's copy leaves memory.
    return { ...opened, manifest, sentences: openSentenceVectors(join(dir, SENTENCES), manifest.sentences, embedder.dimension) };
  } catch (err) {
    log("warn", `could not save the index to ${dir} (${(err as Error).message}); it will be rebuilt next start`);
    const manifest = manifestOf(corpus, embedder, {});
    return { ...opened, manifest, sentences: sentenceVectorsInMemory(built.sentenceBytes, manifest.sentences, embedder.dimension) };
  }
}

type Loaded = Omit<OpenedIndex, "rebuilt"> | { level: "info" | "warn"; reason?: string };

async function loadIndex(corpus: Corpus, embedder: Embedder, dir: string): Promise<Loaded> {
  const saved = await readManifest(dir);
  if (!saved.ok) return saved.reason === "missing" ? { level: "info" } : { level: "warn", reason: `index file ${join(dir, MANIFEST)} is unreadable (${saved.reason})` };
  const m = saved.manifest;
  const stale =
    m.formatVersion !== INDEX_FORMAT_VERSION ? `format ${m.formatVersion} ≠ ${INDEX_FORMAT_VERSION}`
    : m.tokenizerVersion !== TOKENIZER_VERSION ? `tokenizer ${m.tokenizerVersion} ≠ ${TOKENIZER_VERSION}`
    : m.embedder.id !== embedder.id || m.embedder.dimension !== embedder.dimension ? `embedder ${m.embedder.id} ≠ ${embedder.id}`
    : m.corpusHash !== corpus.hash ? "the articles in seeds/ changed"
    : undefined;
  if (stale) return { level: "info", reason: `index in ${dir} is out of date (${stale})` };
  const bad = (file: string, why: string): Loaded => ({ level: "warn", reason: `index file ${join(dir, file)} ${why}` });
  const sentences = corpus.passages.reduce((n, p) => n + p.sentences.length, 0);
  if (m.count !== m.ids.length || m.count !== corpus.passages.length || m.ids.some((id, i) => id !== corpus.passages[i]!.id)) {
    return bad(MANIFEST, "lists passage ids that are not the articles'");
  }
  if (m.sentences !== sentences) return bad(MANIFEST, `counts ${m.sentences} sentences, the articles ${sentences}`);
  const bytes = new Map<string, Buffer>();
  for (const name of FILES) {
    const entry = m.files[name];
    if (!entry) return bad(MANIFEST, `lists no ${name}`);
    let buf: Buffer;
    try {
      buf = await readFile(join(dir, name));
    } catch (err) {
      return bad(name, `is unreadable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    if (buf.length !== entry.bytes) return bad(name, `has ${buf.length} bytes, the manifest says ${entry.bytes}`);
    if (sha256(buf) !== entry.sha256) return bad(name, "does not match its checksum");
    bytes.set(name, buf);
  }
  const graph = checkHnswFile(bytes.get(VECTORS)!, m.embedder.dimension, m.count);
  if (graph) return bad(VECTORS, `is damaged (${graph})`);
  let segment: KeywordSegment;
  try {
    segment = decodeSegment(bytes.get(KEYWORDS)!);
  } catch (err) {
    return bad(KEYWORDS, `is damaged (${(err as Error).message})`);
  }
  if (segment.lengths.length !== sentences) return bad(KEYWORDS, `holds ${segment.lengths.length} sentences, the articles ${sentences}`);
  if (bytes.get(SENTENCES)!.length !== sentenceVectorBytes(sentences, m.embedder.dimension)) return bad(SENTENCES, `does not hold ${sentences} vectors of ${m.embedder.dimension}`);
  bytes.clear();
  const vector = await loadHnswIndex(join(dir, VECTORS), m.embedder.dimension, [...m.ids]);
  return { vector, keyword: searchSegments([{ segment }]), sentences: openSentenceVectors(join(dir, SENTENCES), sentences, m.embedder.dimension), manifest: m };
}

/** What a build makes before it is saved. */
interface Built {
  vector: VectorIndex;
  keyword: KeywordIndex;
  segment: KeywordSegment;
  /** Every sentence's vector (`createSentenceVectorWriter`). */
  sentenceBytes: Buffer;
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
  { log = () => {}, batchSize = 32, onProgress }: Pick<OpenIndexOptions, "log" | "batchSize" | "onProgress"> = {},
): Promise<Built> {
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
  return { vector, keyword: searchSegments([{ segment }]), segment, sentenceBytes: sentenceVectors.bytes() };
}

function manifestOf(corpus: Corpus, embedder: Embedder, files: IndexManifest["files"]): IndexManifest {
  return {
    formatVersion: INDEX_FORMAT_VERSION,
    tokenizerVersion: TOKENIZER_VERSION,
    embedder: { id: embedder.id, dimension: embedder.dimension },
    corpusHash: corpus.hash,
    count: corpus.passages.length,
    ids: corpus.passages.map((p) => p.id),
    sentences: corpus.passages.reduce((n, p) => n + p.sentences.length, 0),
    files,
    builtAt: new Date().toISOString(),
  };
}

/**
 * Writes every file to a temporary name, renames each into place, then writes the manifest with their
 * checksums. The old manifest goes away first, so a crash midway leaves no manifest: the next start rebuilds.
 */
async function saveIndex(dir: string, corpus: Corpus, embedder: Embedder, built: Built): Promise<IndexManifest> {
  await mkdir(dir, { recursive: true });
  const tmp = `.tmp-${process.pid}-${Date.now()}`;
  await rm(join(dir, MANIFEST), { force: true });
  const files: IndexManifest["files"] = {};
  await built.vector.save(join(dir, VECTORS + tmp));
  const vectors = await readFile(join(dir, VECTORS + tmp));
  files[VECTORS] = { sha256: sha256(vectors), bytes: vectors.length };
  const keywords = encodeSegment(built.segment);
  await writeFile(join(dir, KEYWORDS + tmp), keywords);
  files[KEYWORDS] = { sha256: sha256(keywords), bytes: keywords.length };
  await writeFile(join(dir, SENTENCES + tmp), built.sentenceBytes);
  files[SENTENCES] = { sha256: sha256(built.sentenceBytes), bytes: built.sentenceBytes.length };
  for (const name of FILES) await rename(join(dir, name + tmp), join(dir, name));
  const manifest = manifestOf(corpus, embedder, files);
  await writeFile(join(dir, MANIFEST + tmp), JSON.stringify(manifest, null, 1));
  await rename(join(dir, MANIFEST + tmp), join(dir, MANIFEST));
  return manifest;
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
