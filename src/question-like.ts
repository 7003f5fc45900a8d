import { ASKING } from "./answer/question.js";

/**
 * Question words that tell a question from chatter: the core's own list (`ASKING`), less the ones that are
 * also everyday characters (多 in 很多, 几 in 几乎), plus interrogatives the answer pipeline has no use for.
 */
const WORDS = [...ASKING].filter((w) => w.length > 1 || w === "谁" || w === "哪").concat(
  ["为什么", "为何", "怎么", "怎样", "何时", "何地", "是否", "有没有", "能否", "可否", "多久", "多长"],
);
/** 几 only with a measure word after it: 几家, 几个 (not 几乎). */
const HOW_MANY = /几\s*[个家项户人场名所份位年月天次倍万亿]/u;
/** A sentence-final question particle: 吗, 呢, 么. */
const PARTICLE = /[吗呢么][\s。.!！~～…]*$/u;
const ENGLISH = /^\s*(what|how|when|who|whom|whose|which|why|where|is|are|does|do|did|can|could|will|would|should)\b/iu;

/**
 * Whether a message reads as a question: a question mark, a question word or a final question particle.
 * Front ends use it where the bot answers without being addressed (auto-reply chats), so chatter stays
 * unanswered.
 *
 * @example
 * looksLikeQuestion("崂山众创空间总面积将达到多少"); // true
 * looksLikeQuestion("几乎每天都去"); // false
 */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  if (!t) return false;
  if (/[?？]/u.test(t)) return true;
  return WORDS.some((w) => t.includes(w)) || HOW_MANY.test(t) || PARTICLE.test(t) || ENGLISH.test(t);
}
