/**
 * Splitting long text into messages, in time linear in the text (a 400k-character passage splits in
 * milliseconds), at sentence ends where it can and never inside a surrogate pair.
 */

/**
 * One sentence and its terminator: Chinese and Western terminators (with closing quotes), line breaks.
 * A dot ends a sentence only before a space or the end, so 3.5 and example.com stay whole. The `+` inside
 * the loop keeps the regex fast on very long sentences; it cannot backtrack, since the terminator always
 * matches where the loop stops.
 */
const SENTENCE = /(?:[^。！？!?；;.\n]+|\.(?!\s|$))*(?:[。！？!?；;]+[”’"'」』）)]*|\.[”’"')]*|\n+|$)/g;

/**
 * Splits plain text into pieces whose rendered form `render(piece)` is at most `max` characters,
 * breaking between sentences where it can and inside a sentence (by code point) only when one sentence
 * alone is too long. `render` must escape character by character plus a fixed wrapper (HTML escaping,
 * `<blockquote>…</blockquote>`): the length of a piece is summed from its characters, never re-rendered.
 *
 * @example
 * splitText("第一句。第二句。", 4, (s) => s); // ["第一句。", "第二句。"]
 */
export function splitText(text: string, max: number, render: (piece: string) => string): string[] {
  const overhead = render("").length;
  const budget = Math.max(2, max - overhead); // an astral character weighs 2
  const weights = new Map<string, number>();
  const weigh = (ch: string): number => {
    let w = weights.get(ch);
    if (w === undefined) weights.set(ch, (w = render(ch).length - overhead));
    return w;
  };
  const weightOf = (s: string): number => {
    let n = 0;
    for (const ch of s) n += weigh(ch);
    return n;
  };
  if (weightOf(text) <= budget) return [render(text)];

  const pieces: string[] = [];
  let current = "";
  let weight = 0;
  const flush = () => {
    const piece = current.trimEnd();
    if (piece.trim()) pieces.push(render(piece));
    current = "";
    weight = 0;
  };
  SENTENCE.lastIndex = 0;
  for (let match = SENTENCE.exec(text); match && match[0]; match = SENTENCE.exec(text)) {
    const raw = current ? match[0] : match[0].trimStart();
    const w = weightOf(raw);
    if (weight + w <= budget) {
      current += raw;
      weight += w;
      continue;
    }
    flush();
    const sentence = raw.trimStart();
    const sw = weightOf(sentence);
    if (sw <= budget) {
      current = sentence;
      weight = sw;
      continue;
    }
    for (const ch of sentence) {
      const cw = weigh(ch);
      if (weight + cw > budget) flush();
      current += ch;
      weight += cw;
    }
  }
  flush();
  return pieces;
}
