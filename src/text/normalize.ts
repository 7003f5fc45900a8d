import { toSimplified } from "../lang/zh/script.js";

/**
 * Canonical form for matching, one character for one character, so offsets in the
 * normalised text are offsets in the original: Traditional characters → Simplified, full-width
 * ASCII → half-width, every quote mark → `"`, every space (NBSP, ideographic) → " ", Latin letters
 * lower-cased. Quotes shown to users always come from the original text (in its own script).
 *
 * @example normalize("“5亿元”，３１．５％") // "\"5亿元\",31.5%"
 */
export function normalize(text: string): string {
  return toSimplified(text)
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(QUOTES, '"')
    .replace(SPACES, " ")
    .replace(UPPER, (c) => c.toLowerCase());
}

const FULL_WIDTH = /[\uff01-\uff5e]/gu;
const QUOTES = /[“”„‟「」『』‘’'＂〝〞]/gu;
const SPACES = /[\u3000\u00a0\t]/gu;
const UPPER = /[A-Z]+/g;

/** Han characters (CJK unified ideographs). */
export const HAN = /\p{Script=Han}/u;

/** True when the text has at least one Han character. */
export const hasHan = (text: string): boolean => HAN.test(text);

/** True when the text reads as English (Latin words, no Han). */
export function isEnglish(text: string): boolean {
  return !hasHan(text) && /[a-z]{2,}/i.test(text);
}
