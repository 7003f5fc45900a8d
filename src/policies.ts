import type { Passage } from "./corpus/corpus.js";
import { normalize } from "./text/normalize.js";

/** A policy document the corpus names, with the first sentence that mentions it. */
export interface Policy {
  /** Title without the 《》 marks. */
  title: string;
  passage: Passage;
  sentence: string;
}

/** Titles of this kind are policy documents; others in 《》 (newspapers, platforms, books) are not. */
const POLICY_TITLE = /(办法|计划|规划|规定|意见|方案|通知|条例|细则|政策|决定|纲要|措施|标准|指引|指南|制度|实施办法|行动计划)$/u;

/**
 * Every 《…》 title in the passages that names a policy document (a measure, plan, rule…),
 * in order of first mention. 《青岛创客》, a media platform, is not one.
 *
 * @example findPolicies(corpus.passages).map((p) => p.title)
 */
export function findPolicies(passages: Passage[]): Policy[] {
  const out = new Map<string, Policy>();
  for (const passage of passages) {
    for (const sentence of passage.sentences) {
      for (const m of sentence.text.matchAll(/《([^《》]{2,60})》/gu)) {
        const title = m[1]!.trim();
        if (POLICY_TITLE.test(title) && !out.has(title)) out.set(title, { title, passage, sentence: sentence.text });
      }
    }
  }
  return [...out.values()];
}

/**
 * The policies a question names, by whole title or a distinctive part of it
 * (any six consecutive characters of the title, punctuation aside).
 */
export function policiesIn(question: string, policies: Policy[]): Policy[] {
  const q = strip(question);
  return policies.filter((p) => {
    const t = strip(p.title);
    if (q.includes(t)) return true;
    for (let i = 0; i + 6 <= t.length; i++) if (q.includes(t.slice(i, i + 6))) return true;
    return false;
  });
}

const strip = (s: string) => normalize(s).replace(/[\p{P}\p{S}\s]/gu, "");
