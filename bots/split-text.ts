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

/**
 * The text of part `part` (clamped) of a text split by `partStarts`, and how many parts there are.
 *
 * @example
 * partOf("第一句。第二句。", [0, 4], 1); // { text: "第二句。", index: 1, count: 2 }
 */
export function partOf(text: string, starts: number[], part: number): { text: string; index: number; count: number } {
  const index = Math.min(Math.max(0, part), starts.length - 1);
  return { text: text.slice(starts[index], starts[index + 1] ?? text.length).trim(), index, count: starts.length };
}

/** Sentence terminators (UTF-16 codes): 。！？；!?;. and line feed. */
const TERMINATORS = new Set([0x3002, 0xff01, 0xff1f, 0xff1b, 0x21, 0x3f, 0x3b, 0x0a, 0x2e]);
/** Closing quotes and brackets that belong to the sentence before them: ”’"'」』）) */
const CLOSERS = new Set([0x201d, 0x2019, 0x22, 0x27, 0x300d, 0x300f, 0xff09, 0x29]);

/**
 * Where each part of a long text starts, for showing it one part at a time: parts weigh at most `max`
 * (`weigh(code)` per UTF-16 unit, 1 by default) and end at the last sentence end in their second half,
 * else at the limit (never inside a surrogate pair). One pass with no allocation per character, so even a
 * 400k-character passage takes a few milliseconds.
 *
 * @example
 * partStarts("第一句。第二句。", 5); // [0, 4]
 */
export function partStarts(text: string, max: number, weigh: (code: number) => number = () => 1): number[] {
  const starts = [0];
  let start = 0;
  let weight = 0;
  let lastEnd = -1; // index just after the last sentence end in this part
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const w = weigh(code);
    if (weight + w > max && i > start) {
      let cut = lastEnd > start + (i - start) / 2 && lastEnd <= i ? lastEnd : i;
      const before = text.charCodeAt(cut - 1);
      if (cut === i && before >= 0xd800 && before <= 0xdbff) cut -= 1; // keep the pair together
      starts.push(cut);
      start = cut;
      weight = 0;
      lastEnd = -1;
      for (let j = cut; j < i; j++) weight += weigh(text.charCodeAt(j));
    }
    weight += w;
    if (TERMINATORS.has(code) && (code !== 0x2e || /\s/.test(text[i + 1] ?? " "))) {
      let end = i + 1;
      while (end < text.length && CLOSERS.has(text.charCodeAt(end))) end++;
      lastEnd = end;
    }
  }
  return starts;
}
