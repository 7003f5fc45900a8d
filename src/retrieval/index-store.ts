import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Corpus } from "../corpus/corpus.js";
import type { Embedder } from "../embed/embedder.js";
import { createHnswIndex, loadHnswIndex, type VectorIndex } from "./vector-index.js";

/** Bumped whenever what is saved changes meaning; an index of another version is rebuilt. */
export const INDEX_FORMAT_VERSION = 1;

/** `index/manifest.json`: what the saved vectors were built from. */
const manifestSchema = z.object({
  formatVersion: z.number().int(),
  embedder: z.object({ id: z.string(), dimension: z.number().int().positive() }),
  /** sha256 of the articles the index was built from. */
  corpusHash: z.string(),
  /** Passage id of each vector label, in label order. */
  ids: z.array(z.string()),
  /** ISO time of the build. */
  builtAt: z.string(),
});
export type IndexManifest = z.infer<typeof manifestSchema>;

export interface OpenIndexOptions {
  /** Folder holding `manifest.json` and `vectors.hnsw`. */
  dir: string;
  /** Progress and warnings. */
  log?: (level: "info" | "warn", msg: string) => void;
  /** Passages embedded per batch while building. */
  batchSize?: number;
}

const MANIFEST = "manifest.json";
const VECTORS = "vectors.hnsw";

/**
 * The vector index for `corpus` under `embedder`: loaded from `dir` when its manifest matches
 * (format version, embedder id and dimension, corpus hash), otherwise built and saved atomically.
 * A missing, unreadable or corrupt index is rebuilt with a warning; a stale one is never used.
 *
 * @example const { index, manifest } = await openIndex(corpus, embedder, { dir: "index" });
 */
export async function openIndex(
  corpus: Corpus,
  embedder: Embedder,
  { dir, log = () => {}, batchSize = 32 }: OpenIndexOptions,
): Promise<{ index: VectorIndex; manifest: IndexManifest; rebuilt: boolean }> {
  const expected = { formatVersion: INDEX_FORMAT_VERSION, embedder: { id: embedder.id, dimension: embedder.dimension }, corpusHash: corpus.hash };
  const saved = await readManifest(dir);
  if (saved.ok) {
    const m = saved.manifest;
    const mismatch =
      m.formatVersion !== expected.formatVersion ? `format ${m.formatVersion} ≠ ${expected.formatVersion}`
      : m.embedder.id !== expected.embedder.id || m.embedder.dimension !== expected.embedder.dimension ? `embedder ${m.embedder.id} ≠ ${embedder.id}`
      : m.corpusHash !== expected.corpusHash ? "the articles in seeds/ changed"
      : undefined;
    if (!mismatch) {
      try {
        return { index: await loadHnswIndex(join(dir, VECTORS), m.embedder.dimension, [...m.ids]), manifest: m, rebuilt: false };
      } catch (err) {
        log("warn", `index in ${dir} is unreadable (${(err as Error).message}); rebuilding`);
      }
    } else {
      log("info", `index in ${dir} is out of date (${mismatch}); rebuilding`);
    }
  } else if (saved.reason !== "missing") {
    log("warn", `index manifest in ${dir} is unreadable (${saved.reason}); rebuilding`);
  }
  const index = await buildIndex(corpus, embedder, { log, batchSize });
  const manifest: IndexManifest = { ...expected, ids: corpus.passages.map((p) => p.id), builtAt: new Date().toISOString() };
  try {
    await saveIndex(dir, index, manifest);
  } catch (err) {
    log("warn", `could not save the index to ${dir} (${(err as Error).message}); it will be rebuilt next start`);
  }
  return { index, manifest, rebuilt: true };
}

/** Embeds every passage in batches and adds it to a fresh HNSW index, logging progress. */
export async function buildIndex(
  corpus: Corpus,
  embedder: Embedder,
  { log = () => {}, batchSize = 32 }: Pick<OpenIndexOptions, "log" | "batchSize"> = {},
): Promise<VectorIndex> {
  const passages = corpus.passages;
  const index = createHnswIndex(embedder.dimension, passages.length);
  const started = Date.now();
  let lastReport = started;
  log("info", `indexing ${passages.length} passages with ${embedder.id}…`);
  for (let i = 0; i < passages.length; i += batchSize) {
    const batch = passages.slice(i, i + batchSize);
    index.add(batch.map((p) => p.id), await embedder.embed(batch.map((p) => p.text), "passage"));
    if (Date.now() - lastReport > 2000) {
      lastReport = Date.now();
      log("info", `indexing… ${Math.min(i + batchSize, passages.length)}/${passages.length}`);
    }
  }
  log("info", `indexed ${passages.length} passages in ${Date.now() - started} ms`);
  return index;
}

/** Writes vectors then manifest, each to a temporary file renamed into place. */
async function saveIndex(dir: string, index: VectorIndex, manifest: IndexManifest): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = `.tmp-${process.pid}-${Date.now()}`;
  // The manifest goes away first so a crash between the two renames leaves no matching pair.
  await rm(join(dir, MANIFEST), { force: true });
  await index.save(join(dir, VECTORS + tmp));
  await rename(join(dir, VECTORS + tmp), join(dir, VECTORS));
  await writeFile(join(dir, MANIFEST + tmp), JSON.stringify(manifest, null, 1));
  await rename(join(dir, MANIFEST + tmp), join(dir, MANIFEST));
}

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
