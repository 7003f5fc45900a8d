import { normalize } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenize.js";

/**
 * Whether the articles know the word a question asks about (its focus, 租金 in 「入驻租金是多少」): a question
 * about what they never write cannot be answered from them. Lenient where the word is a poor sign of that:
 * a noun right after 什么/哪个 names the kind of answer (哪个片区, 什么机构), not a topic the articles must know;
 * two characters jieba's guesser joined (its tag x) are as often a cut across two words (君主论为谁所写: 论为)
 * as a word; a compound the articles never write whole (研究成果, 艺术主张) is known when they hold each of its words.
 *
 * @param tagged the question as jieba tagged it (normalised)
 * @param inCorpus whether the normalised corpus contains a text
 * @example askedKnown("租金", "入驻租金是多少？", tagged, tokenizer, inCorpus) // false when no article writes 租金
 */
export function askedKnown(
  asked: string,
  question: string,
  tagged: { word: string; tag: string }[],
  tokenizer: Tokenizer,
  inCorpus: (text: string) => boolean,
): boolean {
  // The question normalised as its tags are: 哪種人種 is 哪种人种.
  if (new RegExp(`(?:什么|哪一?[个些种类位名家所条项]?)${asked}`, "u").test(normalize(question))) return true;
  if ([...asked].length === 2 && tagged.some((t) => t.word === asked && t.tag === "x")) return true;
  return inCorpus(normalize(asked)) || partsKnown(asked, tokenizer, inCorpus);
}

/** A word of 3+ characters whose words of 2+ characters (jieba's finer cut) span it and all occur in the corpus. */
export function partsKnown(word: string, tokenizer: Tokenizer, inCorpus: (text: string) => boolean): boolean {
  if ([...word].length < 3 || !/^\p{Script=Han}+$/u.test(word)) return false;
  const parts = tokenizer.words(word).filter((w) => w !== word && [...w].length >= 2 && word.includes(w));
  const covered = new Array<boolean>(word.length).fill(false);
  for (const p of parts) {
    let at = word.indexOf(p);
    while (at >= 0) {
      for (let k = at; k < at + p.length; k++) covered[k] = true;
      at = word.indexOf(p, at + 1);
    }
  }
  return parts.length >= 2 && covered.every(Boolean) && parts.every((p) => inCorpus(normalize(p)));
}
