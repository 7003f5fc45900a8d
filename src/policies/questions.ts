import { normalize } from "../text/normalize.js";
import { ASKS, ASKS_ALIAS, ASKS_FULL, ASKS_LIST, ASKS_TITLE, KIND_WITH_VERB, LIST_WORDS, ONE_POLICY, POLICY_WORD, TITLE_WORDS } from "./patterns.js";
import { POLICY_FACTS, type Policy, type PolicyFactName } from "./registry.js";

/** A question the registry answers: which policies there are (about some words), one fact of one policy, or its full title. */
export type PolicyQuestion =
  | { kind: "list"; words: string[]; policies: Policy[] }
  | { kind: "fact"; fact: PolicyFactName; policies: Policy[] }
  | { kind: "title"; policies: Policy[] }
  | { kind: "alias"; policies: Policy[] };

export interface PolicyQuestionParts {
  policies: Policy[];
  /** The policies a question names (title, short name or a distinctive part of a title). */
  policiesIn: (question: string) => Policy[];
  /** Content words of a text (the corpus tokenizer's). */
  words: (text: string) => string[];
}

/**
 * What a question asks the registry, or null when it is not a registry question (or the registry does
 * not know the answer: the ordinary pipeline then tries the articles). 「有哪些扶持创业的政策？」 lists
 * the policies whose names hold its words; 「那个实施办法什么时候施行？」 asks the effective date of the
 * policy it names, answered only when the registry has that fact.
 *
 * @example askPolicies("那个实施办法什么时候施行？", parts)  // { kind: "fact", fact: "effective", policies: [...] }
 */
export function askPolicies(question: string, parts: PolicyQuestionParts): PolicyQuestion | null {
  // A short name several articles give their own policy (《行动方案》) means the one the rest of the question names (广州).
  const about = () => parts.words(normalize(question).replace(TITLE_WORDS, " ").replace(LIST_WORDS, " "));
  const named = mostNamed(parts.policiesIn(question), about);
  if (named.length > 0) {
    const rest = stripNames(question, named);
    const fact = POLICY_FACTS.find((f) => ASKS[f].test(rest));
    const known = fact ? named.filter((p) => p.facts[fact]) : [];
    if (fact) return known.length > 0 ? { kind: "fact", fact, policies: known } : null;
    if (ASKS_ALIAS.test(rest) && !ASKS_FULL.test(rest)) {
      const short = named.filter((p) => p.aliases.length > 0);
      return short.length > 0 ? { kind: "alias", policies: short } : null;
    }
    return ASKS_TITLE.test(rest) ? { kind: "title", policies: named } : null;
  }
  // 「广州这次发布的充电设施文件全称叫什么？」, 「宁波跨境电商新政从哪天起施行？」: a policy described, not named — the
  // one whose title holds most of what the question says about it: two of its words, or one no other policy's title
  // holds (昆明 when one policy is 昆明's). Its dates and number only: 「…发布会上是谁介绍的」 asks no issuer.
  if (POLICY_WORD.test(question)) {
    const norm = normalize(question);
    const fact = POLICY_FACTS.find((f) => f !== "issuer" && ASKS[f].test(norm));
    if (fact || ASKS_TITLE.test(question)) {
      const words = about();
      const hits = parts.policies.map((p) => ({ p, n: hitsIn(p, words) }));
      const most = Math.max(0, ...hits.map((h) => h.n));
      const best = hits.filter((h) => h.n === most).map((h) => h.p);
      if (!(most >= 2 || (most === 1 && best.length === 1))) return null;
      if (!fact) return { kind: "title", policies: best };
      const known = best.filter((p) => p.facts[fact]);
      return known.length > 0 ? { kind: "fact", fact, policies: known } : null;
    }
  }
  if (!ASKS_LIST.test(question) || ONE_POLICY.test(question)) return null;
  const words = parts.words(normalize(question).replace(LIST_WORDS, " "));
  const policies = words.length === 0 ? parts.policies : filterPolicies(parts.policies, words);
  return policies.length > 0 ? { kind: "list", words, policies } : null;
}

/**
 * The policies whose title, short names or issuer hold any of `words`, those holding more first
 * (corpus order otherwise).
 *
 * @example filterPolicies(policies, ["创客"])
 */
export function filterPolicies(policies: Policy[], words: string[]): Policy[] {
  const scored = policies.map((policy, i) => ({ policy, i, hits: hitsIn(policy, words) })).filter((s) => s.hits > 0);
  return scored.sort((a, b) => b.hits - a.hits || a.i - b.i).map((s) => s.policy);
}

/** Of several policies a question names, those whose title or issuer holds most of its `words` (all, when none does). */
function mostNamed(named: Policy[], words: () => string[]): Policy[] {
  if (named.length < 2) return named;
  const w = words();
  const hits = named.map((p) => hitsIn(p, w));
  const most = Math.max(...hits);
  return most > 0 ? named.filter((_, i) => hits[i] === most) : named;
}

/** How many of `words` a policy's title, short names or issuer hold. */
function hitsIn(policy: Policy, words: string[]): number {
  const text = normalize([policy.title, ...policy.aliases, policy.facts.issuer?.value ?? ""].join(" "));
  return words.filter((w) => {
    const n = normalize(w);
    return n !== "" && text.includes(n);
  }).length;
}

/**
 * The policy `name` means: its exact title or short name first, then the registry's matcher (a
 * distinctive part of the title), then any title that holds `name`.
 */
export function findPolicy(name: string, parts: Pick<PolicyQuestionParts, "policies" | "policiesIn">): Policy[] {
  const n = normalize(name.replace(/[《》]/gu, "").trim());
  if (!n) return [];
  const exact = parts.policies.filter((p) => normalize(p.title) === n || p.aliases.some((a) => normalize(a) === n));
  if (exact.length > 0) return exact;
  const matched = parts.policiesIn(n);
  return matched.length > 0 ? matched : parts.policies.filter((p) => normalize(p.title).includes(n));
}

/** The question without the policy names in it, so 「…实施办法」 in a name does not read as 「实施」 asked. */
function stripNames(question: string, named: Policy[]): string {
  let q = normalize(question);
  for (const p of named) for (const name of [p.title, ...p.aliases]) q = q.split(normalize(name)).join(" ");
  return q.replace(/《[^《》]*》/gu, " ").replace(KIND_WITH_VERB, " ");
}
