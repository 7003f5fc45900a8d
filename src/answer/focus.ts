import { ASKING_WORD, HAN_WORD } from "../lang/zh/index.js";
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
  if (afterWhich(normalize(question), asked)) return true;
  if ([...asked].length === 2 && tagged.some((t) => t.word === asked && t.tag === "x")) return true;
  return inCorpus(normalize(asked)) || partsKnown(asked, tokenizer, inCorpus);
}

/** What asks for a kind of thing, right before its noun: 什么, 哪, 哪一, 哪个, 哪一种…. */
const WHICH_BEFORE = /(?:什么|哪一?[个些种类位名家所条项]?)$/u;

/**
 * Whether `text` holds `word` right after 什么/哪个 (`WHICH_BEFORE`). The word is looked for as text, and only
 * the few characters before each place it stands are matched: no pattern made per question (compiling one
 * took more than the look-up), and a focus word like C++ needs no escaping.
 */
function afterWhich(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = at < text.length ? text.indexOf(word, at + 1) : -1) {
    // 哪一个 is the longest that can stand before the word.
    if (WHICH_BEFORE.test(text.slice(Math.max(0, at - 3), at))) return true;
  }
  return false;
}

/**
 * A word of 3+ characters whose words of 2+ characters (jieba's finer cut) span it and all occur in the corpus, or
 * whose last such word, its head, does.
 */
export function partsKnown(word: string, tokenizer: Tokenizer, inCorpus: (text: string) => boolean): boolean {
  if ([...word].length < 3 || !HAN_WORD.test(word)) return false;
  const parts = tokenizer.words(word).filter((w) => w !== word && [...w].length >= 2 && word.includes(w));
  const covered = new Array<boolean>(word.length).fill(false);
  for (const p of parts) {
    let at = word.indexOf(p);
    while (at >= 0) {
      for (let k = at; k < at + p.length; k++) covered[k] = true;
      at = word.indexOf(p, at + 1);
    }
  }
  // Or its head, the part that ends it (月工资 is a kind of 工资, 年销售额 of 销售额).
  if (parts.some((p) => word.endsWith(p) && inCorpus(normalize(p)))) return true;
  return parts.length >= 2 && covered.every(Boolean) && parts.every((p) => inCorpus(normalize(p)));
}

/**
 * The words of a question that only ask (哪一年 and its 一年, 哪一个's 一个, 甚么, 何处): no answer holds them,
 * and as words the articles never use they would weigh most in the share of the question an answer covers.
 *
 * @param words the question's content words (search-mode cut)
 * @param tagged the question as jieba tagged it
 * @example askingWords(["一年", "哪一年", "出生"], tag("他哪一年出生")) // Set {"一年", "哪一年"}
 */
export function askingWords(words: readonly string[], tagged: readonly { word: string; tag: string }[]): Set<string> {
  const asking: string[] = [];
  const other = new Set<string>();
  tagged.forEach((t, i) => {
    // 哪 cut off from its measure word: 哪 / 一个.
    const afterWhich = tagged[i - 1]?.word === "哪" && /^一/u.test(t.word);
    if (ASKING_WORD.test(t.word) || afterWhich) asking.push(t.word);
    else other.add(t.word);
  });
  return new Set(words.filter((w) => !other.has(w) && asking.some((a) => a.includes(w))));
}
