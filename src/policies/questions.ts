import { normalize } from "../text/normalize.js";
import { ASKS, ASKS_LIST, KIND_WITH_VERB, LIST_WORDS } from "./patterns.js";
import { POLICY_FACTS, type Policy, type PolicyFactName } from "./registry.js";

/** A question the registry answers: which policies there are (about some words), or one fact of one policy. */
export type PolicyQuestion =
  | { kind: "list"; words: string[]; policies: Policy[] }
  | { kind: "fact"; fact: PolicyFactName; policies: Policy[] };

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
  const named = parts.policiesIn(question);
  if (named.length > 0) {
    const fact = POLICY_FACTS.find((f) => ASKS[f].test(stripNames(question, named)));
    const known = fact ? named.filter((p) => p.facts[fact]) : [];
    return fact && known.length > 0 ? { kind: "fact", fact, policies: known } : null;
  }
  if (!ASKS_LIST.test(question)) return null;
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
  const wanted = words.map((w) => normalize(w)).filter(Boolean);
  const scored = policies
    .map((policy, i) => {
      const text = normalize([policy.title, ...policy.aliases, policy.facts.issuer?.value ?? ""].join(" "));
      return { policy, i, hits: wanted.filter((w) => text.includes(w)).length };
    })
    .filter((s) => s.hits > 0);
  return scored.sort((a, b) => b.hits - a.hits || a.i - b.i).map((s) => s.policy);
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
