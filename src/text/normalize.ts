import { toSimplified, TRADITIONAL_CHARS } from "../lang/zh/script.js";

/**
 * Canonical form for matching, one character for one character, so offsets in the
 * normalised text are offsets in the original: Traditional characters → Simplified, full-width
 * ASCII → half-width, every quote mark → `"`, every space (NBSP, ideographic) → " ", Latin letters
 * lower-cased. Quotes shown to users always come from the original text (in its own script).
 *
 * @example normalize("“5亿元”，３１．５％") // "\"5亿元\",31.5%"
 */
export function normalize(text: string): string {
  // A text with a character whose Simplified form is outside the BMP takes the chain of replacements itself.
  return foldUnits(text) ?? slowNormalize(text);
}

/**
 * `normalize(text)` when each UTF-16 unit folds to one unit on its own (undefined when one does not): then
 * the normal form of any slice of `text` is the same slice of this.
 */
export function foldUnits(text: string): string | undefined {
  // One pass over the UTF-16 units with the folds below composed into one table (it runs on every
  // sentence a question reads). Nearly every text changes (its full-width punctuation): the folded units
  // go into one buffer, decoded as one string at the end — about twice as fast as building it piece by
  // piece. A text the buffer cannot take is built piece by piece: a long one, or one with a surrogate (the
  // decoder would replace an unpaired one).
  if (text.length > FOLDED.length || !LITTLE_ENDIAN) return foldPieces(text);
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const to = FOLD_UNIT[unit]!;
    if (to === SLOW) return undefined;
    if (unit >= 0xd800 && unit <= 0xdfff) return foldPieces(text);
    if (to !== 0) changed = true;
    FOLDED[i] = to === 0 ? unit : to;
  }
  return changed ? UTF16.decode(FOLDED.subarray(0, text.length)) : text;
}

/**
 * Whether `normalize(text)` holds `norm` (a normal form), without making the normal form: each unit is folded
 * as it is compared. Undefined when a unit of `text` does not fold to one unit (then ask `normalize`). A
 * phrase look-up checks thousands of sentences this way.
 *
 * @example normalHolds("「眾創空間」總面積", "众创空间") // true
 */
export function normalHolds(text: string, norm: string): boolean | undefined {
  for (let i = 0; i < text.length; i++) if (FOLD_UNIT[text.charCodeAt(i)] === SLOW) return undefined;
  const n = norm.length;
  if (n === 0) return true;
  const first = norm.charCodeAt(0);
  next: for (let i = 0; i + n <= text.length; i++) {
    if (folded(text.charCodeAt(i)) !== first) continue;
    for (let j = 1; j < n; j++) if (folded(text.charCodeAt(i + j)) !== norm.charCodeAt(j)) continue next;
    return true;
  }
  return false;
}

/** A unit's fold, when it folds to one unit. */
const folded = (unit: number) => FOLD_UNIT[unit] || unit;

/** `foldUnits` building its result piece by piece. */
function foldPieces(text: string): string | undefined {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const to = FOLD_UNIT[text.charCodeAt(i)]!;
    if (to === 0) continue;
    if (to === SLOW) return undefined;
    out += text.slice(from, i) + String.fromCharCode(to);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Where `foldUnits` writes a text's folded units (texts up to this long: a paragraph, rarely more). */
const FOLDED = new Uint16Array(4096);
/** Keeps a leading U+FEFF (a decoder would take it for a byte-order mark). */
const UTF16 = new TextDecoder("utf-16le", { ignoreBOM: true });
/** The buffer's units are read back as UTF-16LE: they are so laid out only on a little-endian machine. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** `normalize` as a chain of replacements: the definition the table is built from. */
function slowNormalize(text: string): string {
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

/** Marks a unit whose fold is not one BMP unit. */
const SLOW = 0xffff;
/**
 * What `slowNormalize` makes of each UTF-16 unit alone: 0 for itself, `SLOW` for a longer result. Only the
 * units one of its steps can change are tried.
 */
const FOLD_UNIT = (() => {
  const table = new Uint16Array(0x10000);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
  const candidates = [...TRADITIONAL_CHARS, ...range(0xff01, 0xff5e), ...QUOTES.source, ..."\u3000\u00a0\t", ...range(0x41, 0x5a)];
  for (const c of candidates) {
    if (c.length !== 1) continue;
    const folded = slowNormalize(c);
    if (folded.length !== 1) table[c.charCodeAt(0)] = SLOW;
    else if (folded !== c) table[c.charCodeAt(0)] = folded.charCodeAt(0);
  }
  return table;
})();

/** Han characters (CJK unified ideographs). */
export const HAN = /\p{Script=Han}/u;

/** True when the text has at least one Han character. */
export const hasHan = (text: string): boolean => HAN.test(text);

/** True when the text reads as English (Latin words, no Han). */
export function isEnglish(text: string): boolean {
  return !hasHan(text) && /[a-z]{2,}/i.test(text);
}
