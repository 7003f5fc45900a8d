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

/** Characters of a title that must appear in a row for a question to name it. */
const SPAN = 6;

/**
 * Finds the policies a question names, by whole title or a distinctive part of it
 * (any six consecutive characters of the title, punctuation aside). Titles are indexed once.
 *
 * @example createPolicyMatcher(policies)("行动计划提出了什么目标？")
 */
export function createPolicyMatcher(policies: Policy[]): (question: string) => Policy[] {
  const bySpan = new Map<string, Set<Policy>>();
  const short: { policy: Policy; title: string }[] = [];
  for (const policy of policies) {
    const t = strip(policy.title);
    if (t.length < SPAN) short.push({ policy, title: t });
    for (let i = 0; i + SPAN <= t.length; i++) {
      const span = t.slice(i, i + SPAN);
      if (!bySpan.has(span)) bySpan.set(span, new Set());
      bySpan.get(span)!.add(policy);
    }
  }
  return (question) => {
    const q = strip(question);
    const found = new Set(short.filter((s) => q.includes(s.title)).map((s) => s.policy));
    for (let i = 0; i + SPAN <= q.length; i++) for (const p of bySpan.get(q.slice(i, i + SPAN)) ?? []) found.add(p);
    return policies.filter((p) => found.has(p));
  };
}

const strip = (s: string) => normalize(s).replace(/[\p{P}\p{S}\s]/gu, "");
