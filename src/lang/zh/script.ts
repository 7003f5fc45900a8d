import { SIMPLIFIED, TRADITIONAL } from "./t2s-data.js";

const simplified = [...SIMPLIFIED];
const FOLD = new Map<string, string>([...TRADITIONAL].map((c, i) => [c, simplified[i]!]));
const HAN_BMP = /[\u3400-\u9fff]/gu;

/**
 * Traditional characters folded to Simplified, one character for one character (offsets are kept):
 * 嶗山眾創空間 → 崂山众创空间. Text already Simplified comes back unchanged.
 */
export function toSimplified(text: string): string {
  return text.replace(HAN_BMP, (c) => FOLD.get(c) ?? c);
}

/** The script a text is written in: "traditional" when it has characters that fold, else "simplified". */
export function scriptOf(text: string): "traditional" | "simplified" {
  for (const c of text) if (FOLD.has(c)) return "traditional";
  return "simplified";
}
