import type { EmbedderChoice } from "./core.js";

const CHOICES: EmbedderChoice[] = ["auto", "hashed", "transformers"];

/** Validates `--embedder`, exiting with the accepted values when it is wrong. */
export function embedderChoice(value: string | undefined): EmbedderChoice {
  if (CHOICES.includes(value as EmbedderChoice)) return value as EmbedderChoice;
  console.error(`--embedder must be one of ${CHOICES.join(", ")} (got ${JSON.stringify(value)})`);
  process.exit(2);
}

/** A file-name-safe local timestamp, e.g. `2026-11-28T03-40-12`. */
export const stamp = (d = new Date()) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 19).replace(/:/g, "-");
