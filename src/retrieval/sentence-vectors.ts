import { closeSync, openSync, readSync } from "node:fs";

/**
 * Sentence vectors computed once at build, stored as 8-bit codes with one scale per vector (a quarter of
 * float32's size; cosine error ~0.01): `scales` (float32 × count) then `codes` (int8 × count × dimension).
 * Sentences are numbered in corpus order, so a passage's sentences are one contiguous range.
 */
export interface SentenceVectors {
  readonly count: number;
  readonly dimension: number;
  /** Vectors of sentences `from` to `to` (exclusive), as float32. */
  read(from: number, to: number): Float32Array[];
  /** Releases the file, if any. */
  close(): void;
}

/**
 * Collects vectors batch by batch, quantised at once (a build of 1M sentences never holds their float32
 * copies): each scaled so its largest component is ±127. `bytes()` is the file's content.
 */
export function createSentenceVectorWriter(dimension: number): { add(vectors: Float32Array[]): void; bytes(): Buffer } {
  const scales: Buffer[] = [];
  const codes: Buffer[] = [];
  return {
    add(vectors) {
      const s = Buffer.alloc(vectors.length * 4);
      const c = Buffer.alloc(vectors.length * dimension);
      vectors.forEach((v, i) => {
        let max = 0;
        for (let d = 0; d < dimension; d++) max = Math.max(max, Math.abs(v[d]!));
        s.writeFloatLE(max / 127, i * 4);
        for (let d = 0; d < dimension; d++) c.writeInt8(max ? Math.round((v[d]! / max) * 127) : 0, i * dimension + d);
      });
      scales.push(s);
      codes.push(c);
    },
    bytes: () => Buffer.concat([...scales, ...codes]),
  };
}

/** Bytes a file of `count` vectors of `dimension` holds. */
export const sentenceVectorBytes = (count: number, dimension: number) => count * (4 + dimension);

/** Vectors kept in memory (a build whose file could not be written). */
export function sentenceVectorsInMemory(bytes: Buffer, count: number, dimension: number): SentenceVectors {
  return { count, dimension, read: (from, to) => decode(bytes.subarray(from * 4, to * 4), bytes.subarray(count * 4 + from * dimension, count * 4 + to * dimension), dimension), close() {} };
}

/**
 * Vectors read from `file` on demand, a passage's range at a time (two reads of a few KB): the file stays
 * in the page cache, not in the process's memory. The open descriptor keeps reading the same file even
 * after a newer index is renamed over it.
 */
export function openSentenceVectors(file: string, count: number, dimension: number): SentenceVectors {
  const fd = openSync(file, "r");
  let open = true;
  const pread = (length: number, position: number) => {
    const buf = Buffer.allocUnsafe(length);
    const got = readSync(fd, buf, 0, length, position);
    return got === length ? buf : buf.fill(0, got); // a short read (truncated file): zeros, as before
  };
  return {
    count,
    dimension,
    read(from, to) {
      if (!open || from >= to) return [];
      return decode(pread((to - from) * 4, from * 4), pread((to - from) * dimension, count * 4 + from * dimension), dimension);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

function decode(scaleBytes: Buffer, codeBytes: Buffer, dimension: number): Float32Array[] {
  const n = scaleBytes.length / 4;
  const codes = new Int8Array(codeBytes.buffer, codeBytes.byteOffset, codeBytes.length);
  // One array for the range, a view per vector: one allocation per passage, not one per sentence.
  const all = new Float32Array(n * dimension);
  const out: Float32Array[] = [];
  for (let i = 0; i < n; i++) {
    const scale = scaleBytes.readFloatLE(i * 4);
    const at = i * dimension;
    for (let d = 0; d < dimension; d++) all[at + d] = codes[at + d]! * scale;
    out.push(all.subarray(at, at + dimension));
  }
  return out;
}
