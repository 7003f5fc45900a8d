/** Wide scripts that need no space where a line breaks inside a paragraph. */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Joins the lines of one paragraph: no space between Chinese (or other wide) characters, one
 * space between words of Latin text. Lines are trimmed; empty ones are skipped.
 *
 * @example joinLines(["崂山区出台了", "实施办法。"])  // "崂山区出台了实施办法。"
 */
export function joinLines(lines: string[]): string {
  let out = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (needsSpace(out, line)) out += " ";
    out += line;
  }
  return out;
}

/** Text `b` following `a` needs a space between them: neither side is a wide (CJK) character. */
export function needsSpace(a: string, b: string): boolean {
  return a.length > 0 && b.length > 0 && !WIDE.test(a.at(-1)!) && !WIDE.test(b[0]!);
}
