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
  // Rendered length of each character, less the wrapper: looked up per UTF-16 unit, astral ones by string.
  const bmp = new Int16Array(0x10000).fill(-1);
  const astral = new Map<string, number>();
  const weighAt = (s: string, i: number, pair: boolean): number => {
    if (pair) {
      const ch = s.slice(i, i + 2);
      let w = astral.get(ch);
      if (w === undefined) astral.set(ch, (w = render(ch).length - overhead));
      return w;
    }
    const code = s.charCodeAt(i);
    let w = bmp[code]!;
    if (w < 0) bmp[code] = w = render(s[i]!).length - overhead;
    return w;
  };
  const isPair = (s: string, i: number): boolean => {
    const code = s.charCodeAt(i);
    if (code < 0xd800 || code > 0xdbff || i + 1 >= s.length) return false;
    const low = s.charCodeAt(i + 1);
    return low >= 0xdc00 && low <= 0xdfff;
  };
  const weightOf = (s: string): number => {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const pair = isPair(s, i);
      n += weighAt(s, i, pair);
      if (pair) i++;
    }
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
    let start = 0; // the part of `sentence` not yet in `current`
    for (let i = 0; i < sentence.length; i++) {
      const pair = isPair(sentence, i);
      const cw = weighAt(sentence, i, pair);
      if (weight + cw > budget) {
        current += sentence.slice(start, i);
        start = i;
        flush();
      }
      weight += cw;
      if (pair) i++;
    }
    current += sentence.slice(start);
  }
  flush();
  return pieces;
}
