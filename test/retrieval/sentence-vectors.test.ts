import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSentenceVectorWriter, openSentenceVectors, sentenceVectorsInMemory } from "../../src/retrieval/sentence-vectors.js";
import { tempDir } from "../helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const DIM = 16;
const COUNT = 9;
// Deterministic vectors with components of both signs and different sizes (so that scales differ).
const vectors = Array.from({ length: COUNT }, (_, i) => Float32Array.from({ length: DIM }, (_, d) => Math.sin(i * 7 + d * 3) * (i + 1)));
const query = Float32Array.from({ length: DIM }, (_, d) => Math.cos(d) / 3);

function saved() {
  const writer = createSentenceVectorWriter(DIM);
  writer.add(vectors.slice(0, 4));
  writer.add(vectors.slice(4));
  return writer.bytes();
}

/** The float32 vector the codes stand for, decoded by hand from the file layout. */
function decoded(bytes: Buffer, i: number): Float32Array {
  const scale = bytes.readFloatLE(i * 4);
  return Float32Array.from({ length: DIM }, (_, d) => bytes.readInt8(COUNT * 4 + i * DIM + d) * scale);
}
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, d) => s + x * b[d]!, 0);

describe("sentence vectors", () => {
  it("give the dot product of the query with each decoded vector, in memory and from the file", async () => {
    const bytes = saved();
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await writeFile(join(dir, "s.bin"), bytes);
    const file = openSentenceVectors(join(dir, "s.bin"), COUNT, DIM);
    const expected = vectors.map((_, i) => dot(decoded(bytes, i), query));
    // Up to rounding: a decoded vector holds each component rounded to float32 (2^-24 relative); here none is.
    const norm = Math.hypot(...query);
    const close = (got: Float64Array, want: number[]) => (expect(got).toHaveLength(want.length), want.forEach((w, i) => expect(Math.abs(got[i]! - w)).toBeLessThan(1e-6 * norm * Math.hypot(...vectors[i]!))));
    const memory = sentenceVectorsInMemory(bytes, COUNT, DIM);
    for (const store of [memory, file]) {
      close(store.similarity(0, COUNT, query), expected);
      close(store.similarity(3, 6, query), expected.slice(3, 6));
      expect(store.similarity(5, 5, query)).toHaveLength(0);
    }
    expect(file.similarity(2, 7, query)).toEqual(memory.similarity(2, 7, query));
    // Within the 8-bit codes' error of the vectors given.
    vectors.forEach((v, i) => expect(Math.abs(expected[i]! - dot(v, query))).toBeLessThan(0.02 * Math.hypot(...v) * Math.hypot(...query)));
    file.close();
    expect(file.similarity(0, COUNT, query)).toHaveLength(0);
  });

  it("read a truncated file as zeros past its end, the vectors before it as they were", async () => {
    const bytes = saved();
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const whole = [...sentenceVectorsInMemory(bytes, COUNT, DIM).similarity(0, COUNT, query)];
    // Cut inside the codes (the last 2 vectors lost, a third cut short), then inside the scales.
    await writeFile(join(dir, "codes.bin"), bytes.subarray(0, COUNT * 4 + 6 * DIM + 5));
    const codesCut = openSentenceVectors(join(dir, "codes.bin"), COUNT, DIM);
    const got = [...codesCut.similarity(0, COUNT, query)];
    expect(got.slice(0, 6)).toEqual(whole.slice(0, 6));
    expect(got.slice(7)).toEqual([0, 0]);
    // Read again after a read of whole vectors (the same bytes are reused): nothing of that read is left.
    codesCut.similarity(0, 6, query);
    expect([...codesCut.similarity(5, COUNT, query)]).toEqual(got.slice(5));
    await writeFile(join(dir, "scales.bin"), bytes.subarray(0, 3 * 4));
    const scalesCut = openSentenceVectors(join(dir, "scales.bin"), COUNT, DIM);
    expect([...scalesCut.similarity(0, COUNT, query)]).toEqual(Array(COUNT).fill(0));
    codesCut.close();
    scalesCut.close();
  });
});
