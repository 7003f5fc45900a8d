/** Whether a text is a user's question or a corpus passage (e5-style models embed them differently). */
export type EmbedKind = "query" | "passage";

/**
 * Turns texts into unit-length vectors of a fixed dimension.
 * Two embedders with the same `id` must produce the same vectors: the index manifest relies on it.
 */
export interface Embedder {
  /** Stable identifier saved in the index manifest, e.g. `hashed-ngram-v1-256` or `transformers:Xenova/multilingual-e5-small`. */
  readonly id: string;
  /** Vector length. */
  readonly dimension: number;
  /** Whether it understands English questions against the Chinese corpus (a multilingual model does). */
  readonly multilingual: boolean;
  /** Embeds texts in order; every vector is L2-normalised. */
  embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]>;
  /** Frees model resources, if any. */
  close?(): Promise<void>;
}
