import { normalize } from "../text/normalize.js";
import type { EmbedKind, Embedder } from "./embedder.js";
import { fnv1a } from "../text/hash.js";

export interface HashedNgramOptions {
  /** Vector length; more dimensions, fewer hash collisions. */
  dimension?: number;
}

/** Characters too common to carry meaning on their own. */
const STOP_CHARS = new Set([..."的了是在和与及等将把被对为也都就又还吗呢吧么个之其这那它他她我你们有、，,。？?！!：:；;“”\"'（）()《》 "]);

/**
 * The embedder that needs no download: character uni-, bi- and trigrams of the normalised text,
 * hashed into a signed feature vector with sublinear term frequency, then L2-normalised.
 * It reads Chinese (and any script) by surface form only: paraphrases and English questions
 * against Chinese text need the multilingual model.
 *
 * @example const e = createHashedNgramEmbedder(); const [v] = await e.embed(["众创空间"], "query");
 */
export function createHashedNgramEmbedder({ dimension = 256 }: HashedNgramOptions = {}): Embedder {
  return {
    id: `hashed-ngram-v1-${dimension}`,
    dimension,
    multilingual: false,
    async embed(texts: string[], _kind: EmbedKind) {
      return texts.map((t) => embedOne(t, dimension));
    },
  };
}

/** Weight of an n-gram by its length: bigrams carry most of the meaning in Chinese. */
const WEIGHT = [0, 0.4, 1, 0.6];

/** An n-gram holding one of these is not counted. */
const PUNCTUATION = /[\p{P}\s]/u;

function embedOne(text: string, dimension: number): Float32Array {
  const chars = [...normalize(text)].filter((c) => !/\s/u.test(c));
  // Each character tested once, not once per n-gram holding it; the grams keyed and counted in the same order as ever
  // (the order the vector's float32 sums are made in).
  const punct = chars.map((c) => PUNCTUATION.test(c));
  const counts = new Map<string, number>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (let i = 0; i < chars.length; i++) if (!STOP_CHARS.has(chars[i]!) && !punct[i]) count(`1:${chars[i]}`);
  for (let i = 0; i + 2 <= chars.length; i++) if (!punct[i] && !punct[i + 1]) count(`2:${chars[i]}${chars[i + 1]}`);
  for (let i = 0; i + 3 <= chars.length; i++) if (!punct[i] && !punct[i + 1] && !punct[i + 2]) count(`3:${chars[i]}${chars[i + 1]}${chars[i + 2]}`);
  const v = new Float32Array(dimension);
  for (const [key, tf] of counts) {
    const h = fnv1a(key);
    const sign = h & 0x80000000 ? -1 : 1;
    v[h % dimension]! += sign * WEIGHT[Number(key[0])]! * (1 + Math.log(tf));
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < dimension; i++) v[i]! /= norm;
  return v;
}

