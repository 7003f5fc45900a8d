import { SIMPLIFIED, TRADITIONAL } from "./t2s-data.js";

const simplified = [...SIMPLIFIED];
const FOLD = new Map<string, string>([...TRADITIONAL].map((c, i) => [c, simplified[i]!]));
/** Any character that folds: one compiled class, so Simplified text is passed over at regex speed. */
const FOLDS = new RegExp(`[${TRADITIONAL}]`, "u");
const FOLDS_ALL = new RegExp(FOLDS.source, "gu");

/**
 * Traditional characters folded to Simplified, one character for one character (offsets are kept):
 * 嶗山眾創空間 → 崂山众创空间. Text already Simplified comes back unchanged.
 */
export function toSimplified(text: string): string {
  return FOLDS.test(text) ? text.replace(FOLDS_ALL, (c) => FOLD.get(c)!) : text;
}

/** Every character `toSimplified` changes. */
export const TRADITIONAL_CHARS: string = TRADITIONAL;

/** The script a text is written in: "traditional" when it has characters that fold, else "simplified". */
export function scriptOf(text: string): "traditional" | "simplified" {
  return FOLDS.test(text) ? "traditional" : "simplified";
}
