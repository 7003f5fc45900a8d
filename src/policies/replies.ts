import { citation } from "../answer/answer.js";
import type { Document } from "../corpus/corpus.js";
import type { Messages } from "../messages/index.js";
import type { Citation } from "../types.js";
import { POLICY_FACTS, type Policy, type PolicyFactName } from "./registry.js";
import type { PolicyQuestion } from "./questions.js";

/** A fact as shown: dates worded for the language, the rest as the article writes it. */
export const shown = (m: Messages, name: PolicyFactName, value: string) => (name === "issuer" || name === "number" ? value : m.policyDate(value));

/** One line of `/policies`: the title, its short names, and the facts the registry has. */
export function policyLine(policy: Policy, m: Messages): string {
  const aliases = policy.aliases.length ? `（${m.policyAliases(policy.aliases.map((a) => `《${a}》`).join("、"))}）` : "";
  const facts = POLICY_FACTS.filter((f) => policy.facts[f]).map((f) => `${m.policyFacts[f]}：${shown(m, f, policy.facts[f]!.value)}`);
  return `《${policy.title}》${aliases}${facts.length ? ` · ${facts.join(" · ")}` : ""}`;
}

/** `/policy <name>`: every fact on its own line, then how many passages mention it. */
export function policyCard(policy: Policy, m: Messages): string {
  const lines = [`《${policy.title}》`];
  if (policy.aliases.length) lines.push(m.policyAliases(policy.aliases.map((a) => `《${a}》`).join("、")));
  for (const f of POLICY_FACTS) if (policy.facts[f]) lines.push(`${m.policyFacts[f]}：${shown(m, f, policy.facts[f]!.value)}`);
  lines.push(m.policyMentions(policy.mentions.length));
  return lines.join("\n");
}

/** The sentences behind a policy's facts, then its mentions; one citation per passage and sentence. */
export function policyCitations(policy: Policy, documents: Map<string, Document>, facts: readonly PolicyFactName[] = POLICY_FACTS): Citation[] {
  const sources = [...facts.map((f) => policy.facts[f]).filter((f) => f !== undefined), ...policy.mentions];
  const seen = new Set<string>();
  return sources
    .filter((s) => {
      const k = `${s.passage.id}\u0000${s.sentence}`;
      return !seen.has(k) && seen.add(k);
    })
    .map((s) => citation(documents, s.passage, s.sentence, 1));
}

/** The reply to a registry question: a list of policies, or the fact (or full title) asked for each policy meant. */
export function policyAnswer(asked: PolicyQuestion, documents: Map<string, Document>, m: Messages): { text: string; citations: Citation[] } {
  if (asked.kind === "list") {
    const intro = asked.words.length ? m.policiesMatching(asked.policies.length, asked.words.join(" ")) : m.policiesIntro(asked.policies.length);
    return {
      text: [intro, ...asked.policies.map((p, i) => `${i + 1}. ${policyLine(p, m)}`)].join("\n"),
      citations: asked.policies.map((p) => citation(documents, p.passage, p.sentence, 1)),
    };
  }
  if (asked.kind === "title" || asked.kind === "alias") {
    const title = asked.kind === "title";
    return {
      text: asked.policies.map((p) => (title ? m.policyTitle(p.title, p.aliases[0]) : m.policyAlias(p.title, p.aliases))).join("\n"),
      citations: asked.policies.map((p) => citation(documents, p.passage, p.sentence, 1)),
    };
  }
  const { fact } = asked;
  return {
    text: asked.policies.map((p) => m.policyFact[fact](p.title, shown(m, fact, p.facts[fact]!.value))).join("\n"),
    citations: asked.policies.flatMap((p) => policyCitations(p, documents, [fact]).slice(0, 1)),
  };
}
