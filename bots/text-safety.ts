/**
 * Text that leaves the bots: no control characters, no bidi overrides, no half of a surrogate pair.
 * Article text and questions reach users verbatim, so a NUL or a right-to-left override in either would
 * otherwise be sent on (Discord thread names, Telegram messages, button labels).
 */

/**
 * C0 controls but tab and newline, DEL, C1 controls, the Arabic letter mark, LRM/RLM, and the bidi
 * embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069); lone surrogates of either half.
 * No `u` flag: the lone-surrogate alternatives must see UTF-16 code units.
 */
const UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Unicode line and paragraph separators: shown as plain line breaks. */
const SEPARATORS = /[\u2028\u2029]/g;

/**
 * `text` without control characters (tab and newline stay), bidi overrides and lone surrogates.
 * Linear in the text; returns `text` itself when there is nothing to remove.
 *
 * @example
 * sanitize("问\u0000题\u202e"); // "问题"
 */
export function sanitize(text: string): string {
  UNSAFE.lastIndex = 0;
  SEPARATORS.lastIndex = 0;
  if (!UNSAFE.test(text) && !SEPARATORS.test(text)) return text;
  return text.replace(UNSAFE, "").replace(SEPARATORS, "\n");
}

/**
 * A copy of a JSON-like value (plain objects, arrays, strings, numbers…) with every string sanitized.
 * Other objects (files, buffers, class instances) are passed through as they are.
 *
 * @example
 * sanitizeDeep({ text: "a\u0007", reply_markup: { inline_keyboard: [[{ text: "b\u202e" }]] } });
 */
export function sanitizeDeep<T>(value: T): T {
  if (typeof value === "string") return sanitize(value) as T;
  if (Array.isArray(value)) return value.map(sanitizeDeep) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = sanitizeDeep(v);
    return out as T;
  }
  return value;
}

/**
 * The longest prefix of `text` of at most `max` UTF-16 units that does not end inside a surrogate pair.
 *
 * @example
 * cutUnits("ab😀", 3); // "ab"
 */
export function cutUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max);
  const last = text.charCodeAt(cut - 1);
  if (cut > 0 && last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return text.slice(0, cut);
}
