import { normalize } from "./text/normalize.js";
import type { Citation } from "./types.js";

/** A figure with its unit as written: 150万平方米, 15家, 31.5%, 22.88亿元. */
const FIGURE = /\d+(?:\.\d+)?\s*(?:[万亿千百]\s*)?(?:平方米|亿元|万元|元|家|个|户|人|项|场|名|所|份|位|倍|%|％)?/gu;
/** A year alone (2017年) dates an answer; it is not the figure that answers. */
const YEAR = /^(?:19|20)\d\d年?$/u;

/** The figures an answer states, each with its unit, years aside. */
export function figuresIn(text: string): string[] {
  return [...normalize(text).matchAll(FIGURE)].map((m) => m[0].replace(/\s+/gu, "")).filter((f) => !YEAR.test(f));
}

/**
 * The citations worth showing with an answer: the first (the sentence the answer comes from) and any other
 * that supports the same answer — it holds the short answer, or one of the answer's figures. A second
 * citation about something else is noise, so it goes.
 *
 * @example
 * supportingCitations(citations, { text: "崂山众创空间总面积将达150万平方米。" });
 * // the first citation, plus others whose quote holds 150万平方米
 */
export function supportingCitations(citations: Citation[], answer: { text: string; short?: string }): Citation[] {
  const [first, ...rest] = citations;
  if (!first) return [];
  const short = answer.short ? normalize(answer.short) : "";
  const figures = figuresIn(answer.short ?? answer.text);
  const supports = (c: Citation) => {
    const quote = normalize(c.quote).replace(/\s+/gu, "");
    return (short !== "" && quote.includes(short.replace(/\s+/gu, ""))) || figures.some((f) => quote.includes(f));
  };
  return [first, ...rest.filter(supports)];
}
