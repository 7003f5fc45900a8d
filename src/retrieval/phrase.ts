import { DEPUTY } from "../lang/zh/index.js";
import { containedBigrams, type Tokenizer } from "../text/tokenize.js";
import type { KeywordIndex } from "./keyword-index.js";

/** Candidate sentences read at most per look-up (a phrase of only very common bigrams). */
const MAX_CANDIDATES = 5000;

export interface PhraseIndex {
  /** Whether the normalised corpus holds `norm` anywhere (as itself: not only as 副+`norm`, the 副主任 for the 主任). */
  contains(norm: string): boolean;
  /** Ids of sentences whose normalised text holds `norm`, in index order, lazily. */
  sentencesWith(norm: string): Iterable<string>;
}

/**
 * "Where does the normalised corpus hold this phrase?" answered from the keyword index, never by a scan
 * of the text: only the sentences whose terms hold every Han bigram the phrase must bring with it
 * (`containedBigrams`) are read. A phrase without such bigrams (one Han character next to a question
 * word, Latin letters) is looked for in the sentences of its rarest word; a phrase that is itself an
 * index term is known to occur at once.
 *
 * @param holds whether the normalised text of a sentence (by its id) holds a normalised phrase
 * @example createPhraseIndex(keyword, tokenizer, textOf).contains("众创空间总面积") // true
 */
export function createPhraseIndex(
  keyword: KeywordIndex,
  tokenizer: Pick<Tokenizer, "words">,
  holds: (sentenceId: string, norm: string) => boolean,
): PhraseIndex {
  function* sentencesWith(norm: string): Iterable<string> {
    if (!norm.trim()) return;
    let terms = containedBigrams(norm);
    if (terms.length === 0) {
      const rarest = [norm, ...tokenizer.words(norm)]
        .map((w) => ({ w, df: keyword.documentFrequency(w) }))
        .filter((x) => x.df > 0)
        .sort((a, b) => a.df - b.df)[0];
      if (!rarest) return;
      terms = [rarest.w];
    }
    let read = 0;
    for (const id of keyword.unitsWithAll(terms)) {
      if (holds(id, norm)) yield id;
      if (++read >= MAX_CANDIDATES) return;
    }
  }
  const any = (ids: Iterable<string>) => !ids[Symbol.iterator]().next().done;
  return {
    contains: (norm) => {
      if (!(keyword.documentFrequency(norm) > 0 || any(sentencesWith(norm)))) return false;
      // A word the corpus writes only as 副+word is not held: the 副主任 is not the 主任. (Most words never follow 副:
      // the index's bigram of 副 and their first character says so at once.)
      const deputy = DEPUTY + norm;
      const pair = containedBigrams(deputy.slice(0, 2));
      if (norm.startsWith(DEPUTY) || (pair.length > 0 && keyword.documentFrequency(pair[0]!) === 0)) return true;
      if (!any(sentencesWith(deputy))) return true;
      for (const id of sentencesWith(norm)) if (!holds(id, deputy)) return true;
      return false;
    },
    sentencesWith,
  };
}
