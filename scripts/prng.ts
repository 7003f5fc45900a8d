/**
 * mulberry32: a tiny seeded PRNG in [0, 1). The same seed gives the same sequence on every run and
 * machine, which the generated test model and the synthetic benchmark corpora rely on.
 *
 * @example const rand = prng(42); rand(); // 0.6011037519201636
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
