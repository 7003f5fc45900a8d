import hnswlib from "hnswlib-node";

/** A passage id with its similarity, higher is closer. */
export interface Hit {
  id: string;
  score: number;
}

/** Nearest-neighbour search over unit vectors. */
export interface VectorIndex {
  readonly dimension: number;
  readonly size: number;
  /** Adds vectors with their ids, in order. */
  add(ids: string[], vectors: Float32Array[]): void;
  /** The `k` nearest ids by cosine similarity in [0, 1] (negative similarities clamp to 0). */
  search(vector: Float32Array, k: number): Hit[];
  /** Writes the index to `file` (the caller renames it into place). */
  save(file: string): Promise<void>;
}

export interface HnswOptions {
  /** Graph degree: higher, better recall, more memory. */
  m?: number;
  /** Build-time beam width. */
  efConstruction?: number;
  /** Query-time beam width (raised to `k` when smaller). */
  ef?: number;
}

const defaultHnswOptions: Required<HnswOptions> = { m: 16, efConstruction: 64, ef: 64 };

/**
 * hnswlib-node HNSW graph with cosine distance, the default `VectorIndex`.
 *
 * @example
 * const index = createHnswIndex(256, 1000);
 * index.add(["doc#1"], [vector]);
 * index.search(query, 3); // [{ id: "doc#1", score: 0.93 }]
 */
export function createHnswIndex(dimension: number, capacity: number, options: HnswOptions = {}): VectorIndex {
  const opts = { ...defaultHnswOptions, ...options };
  const hnsw = new hnswlib.HierarchicalNSW("cosine", dimension);
  hnsw.initIndex({ maxElements: Math.max(1, capacity), m: opts.m, efConstruction: opts.efConstruction, randomSeed: 42 });
  return wrap(hnsw, dimension, [], opts.ef);
}

/** Reads an index written by `save`; `ids[label]` is the id of each stored vector. */
export async function loadHnswIndex(file: string, dimension: number, ids: string[], options: HnswOptions = {}): Promise<VectorIndex> {
  const hnsw = new hnswlib.HierarchicalNSW("cosine", dimension);
  await hnsw.readIndex(file);
  if (hnsw.getCurrentCount() !== ids.length) {
    throw new Error(`vector index holds ${hnsw.getCurrentCount()} vectors, manifest lists ${ids.length}`);
  }
  return wrap(hnsw, dimension, ids, options.ef ?? defaultHnswOptions.ef);
}

function wrap(hnsw: hnswlib.HierarchicalNSW, dimension: number, ids: string[], ef: number): VectorIndex {
  return {
    dimension,
    get size() {
      return ids.length;
    },
    add(newIds, vectors) {
      if (ids.length + newIds.length > hnsw.getMaxElements()) hnsw.resizeIndex(ids.length + newIds.length);
      newIds.forEach((id, i) => {
        hnsw.addPoint(Array.from(vectors[i]!), ids.length);
        ids.push(id);
      });
    },
    search(vector, k) {
      const n = Math.min(k, ids.length);
      if (n === 0) return [];
      hnsw.setEf(Math.max(ef, n));
      const { neighbors, distances } = hnsw.searchKnn(Array.from(vector), n);
      return neighbors.map((label, i) => ({ id: ids[label]!, score: Math.max(0, 1 - distances[i]!) }));
    },
    async save(file) {
      await hnsw.writeIndex(file);
    },
  };
}
