/**
 * Canonical form for matching, one character for one character, so offsets in the
 * normalised text are offsets in the original: full-width ASCII → half-width, every quote
 * mark → `"`, every space (NBSP, ideographic) → " ", Latin letters lower-cased.
 * Quotes shown to users always come from the original text.
 *
 * @example normalize("“5亿元”，３１．５％") // "\"5亿元\",31.5%"
 */
export function normalize(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0).toLowerCase();
    else if (QUOTES.has(ch)) out += '"';
    else if (ch === "\u3000" || ch === "\u00a0" || ch === "\t") out += " ";
    else out += ch.length === 1 ? ch.toLowerCase() : ch;
  }
  return out;
}

const QUOTES = new Set(["“", "”", "„", "‟", "「", "」", "『", "』", "‘", "’", "'", "＂", "〝", "〞"]);

/** Han characters (CJK unified ideographs). */
export const HAN = /\p{Script=Han}/u;

/** True when the text has at least one Han character. */
export const hasHan = (text: string): boolean => HAN.test(text);

/** True when the text reads as English (Latin words, no Han). */
export function isEnglish(text: string): boolean {
  return !hasHan(text) && /[a-z]{2,}/i.test(text);
}
