import { closeSync, openSync, readSync } from "node:fs";

/**
 * Sentence vectors computed once at build, stored as 8-bit codes with one scale per vector (a quarter of
 * float32's size; cosine error ~0.01): `scales` (float32 × count) then `codes` (int8 × count × dimension).
 * Sentences are numbered in corpus order, so a passage's sentences are one contiguous range.
 */
export interface SentenceVectors {
  readonly count: number;
  readonly dimension: number;
  /**
   * Dot product of `query` with each vector of sentences `from` to `to` (exclusive), computed on the codes
   * without decoding them: the dot with the decoded float32 vector up to float32 rounding.
   */
  similarity(from: number, to: number, query: Float32Array): Float64Array;
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

/** Vectors kept in memory (a build whose file could not be written, an article of the delta). */
export function sentenceVectorsInMemory(bytes: Buffer, count: number, dimension: number): SentenceVectors {
  const codes = new Int8Array(bytes.buffer, bytes.byteOffset + count * 4, count * dimension);
  return {
    count,
    dimension,
    similarity: (from, to, query) => dots(bytes, from * 4, codes, from * dimension, Math.max(0, to - from), query, dimension),
    close() {},
  };
}

/**
 * Vectors read from `file` on demand, one read of a passage's codes at a time: the codes stay in the page
 * cache, not in the process's memory. The scales (4 bytes a sentence) are read once at open, which halves
 * the reads a question makes. The open descriptor keeps reading the same file even after a newer index is
 * renamed over it.
 */
export function openSentenceVectors(file: string, count: number, dimension: number): SentenceVectors {
  const fd = openSync(file, "r");
  let open = true;
  /** The first `length` bytes of `buf` read from `position`. */
  const pread = (buf: Buffer, length: number, position: number) => {
    const got = length > 0 ? readSync(fd, buf, 0, length, position) : 0;
    return got === length ? buf : buf.fill(0, got, length); // a short read (truncated file): zeros, as before
  };
  const scales = pread(Buffer.allocUnsafe(count * 4), count * 4, 0);
  /** The codes of the passage being scored, read into the same bytes each time (a passage's are a few KB). */
  let bytes = Buffer.alloc(0);
  let codes = new Int8Array(0);
  return {
    count,
    dimension,
    similarity(from, to, query) {
      if (!open || from >= to) return new Float64Array(0);
      const length = (to - from) * dimension;
      if (bytes.length < length) {
        bytes = Buffer.allocUnsafeSlow(Math.max(length, 2 * bytes.length));
        codes = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
      }
      pread(bytes, length, count * 4 + from * dimension);
      return dots(scales, from * 4, codes, 0, to - from, query, dimension);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/**
 * Dot products of `query` with `n` vectors: scales (float32 LE) from byte `scaleAt` of `scales`, codes from
 * index `codeAt` of `codes`. scale × Σ code·q, in four sums side by side (no addition waits on the one
 * before): twice as fast as rounding each component to float32 as a decoded vector holds it, and so equal
 * to the dot with that vector up to that rounding (~1e-7 relative; the same replies on 2,000 questions).
 */
function dots(scales: Buffer, scaleAt: number, codes: Int8Array, codeAt: number, n: number, query: Float32Array, dimension: number): Float64Array {
  const out = new Float64Array(n);
  const fours = dimension - (dimension % 4);
  for (let i = 0; i < n; i++) {
    const at = codeAt + i * dimension;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let d = 0;
    for (; d < fours; d += 4) {
      s0 += codes[at + d]! * query[d]!;
      s1 += codes[at + d + 1]! * query[d + 1]!;
      s2 += codes[at + d + 2]! * query[d + 2]!;
      s3 += codes[at + d + 3]! * query[d + 3]!;
    }
    for (; d < dimension; d++) s0 += codes[at + d]! * query[d]!;
    out[i] = (s0 + s1 + s2 + s3) * scales.readFloatLE(scaleAt + i * 4);
  }
  return out;
}
