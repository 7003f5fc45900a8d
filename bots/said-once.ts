/** Letters, digits and Han characters only, lower-cased: what a reader compares when reading twice. */
function gist(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * Whether quoting `quote` under `answer` would only say the answer again: the quote is the answer, or a
 * part of it. Such a quote is left out (the citation line stays), so one answer is said once. A quote
 * that holds more than the answer (the sentence around 150万平方米) is the source, and is shown.
 *
 * @example
 * quoteRepeats("机构不变、职能变。", "机构不变、职能变"); // true
 * quoteRepeats("150万平方米", "崂山众创空间总面积将达150万平方米。"); // false
 */
export function quoteRepeats(answer: string, quote: string): boolean {
  const q = gist(quote);
  return q !== "" && gist(answer).includes(q);
}
