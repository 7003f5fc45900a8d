import type { Document, Passage } from "../corpus/corpus.js";
import { dateLine, parseDate } from "../corpus/date.js";
import { normalize } from "../text/normalize.js";
import {
  BACK_REFERENCE,
  DOC_NUMBER,
  EFFECTIVE,
  EXPIRES,
  ISSUED,
  ISSUED_BY,
  ISSUING_NOTICE,
  LEADING_DATE,
  NEWS_HEADLINE,
  POLICY_KIND,
  SELF_REFERENCE,
  SHORT_NAME,
  TITLE,
} from "./patterns.js";

/** Where the corpus says something about a policy: the passage and the sentence, verbatim. */
export interface PolicySource {
  passage: Passage;
  sentence: string;
}

/** One fact of a policy, with the sentence it was read from. */
export interface PolicyFact extends PolicySource {
  /** The fact as the article writes it (an issuer, a document number), or ISO `YYYY-MM-DD` for dates. */
  value: string;
}

/** The facts a policy may have, in the order they are shown. */
export const POLICY_FACTS = ["issuer", "number", "issued", "effective", "expires"] as const;
export type PolicyFactName = (typeof POLICY_FACTS)[number];

/** A policy document the corpus names, merged across articles. */
export interface Policy {
  /** Full title without the 《》 marks. */
  title: string;
  /** Short names the articles define for it (「以下简称《若干政策》」), without marks. */
  aliases: string[];
  /** Issuing body, number (崂政发〔2016〕12号), dates issued / effective / expiring, where an article states them. */
  facts: Partial<Record<PolicyFactName, PolicyFact>>;
  /** Every passage that mentions it (by title, short name, or 本办法 in its own text), first sentence each. */
  mentions: PolicySource[];
  /** The first mention. */
  passage: Passage;
  sentence: string;
}

/** A passage longer than this is no title heading. */
const TITLE_MAX = 100;
/** Characters without which a sentence names no policy and states no fact of one. */
const MAY_NAME = /[《本该这此上号]/u;

/** At most `max` characters (code points), without spreading a long text into an array to count them. */
const isShort = (text: string, max: number) => text.length <= max || (text.length <= 2 * max && [...text].length <= max);
const key = (title: string) => normalize(title).replace(/[\s\p{P}\p{S}]/gu, "");
const isPolicyTitle = (title: string) => POLICY_KIND.test(title.trim());

/**
 * Whether a document is news about a policy rather than its text: its headline says someone issued it
 * (广州发布充电基础设施建设行动方案) and its body names a policy by its title in 《》.
 */
function reportsOn(doc: Document): boolean {
  return NEWS_HEADLINE.test(doc.title) && doc.passages.some((p) => [...p.text.matchAll(TITLE)].some((m) => isPolicyTitle(m[1]!)));
}

/**
 * The policy registry: every policy document the articles name, once, with the short names they
 * define folded in, and its issuing body, document number and dates where an article states them.
 * A short name counts as its document in the article that defines it, and in other articles when no
 * other document has that short name. 《青岛创客》 (a media platform) is no policy: only titles that
 * end in a kind of document (办法, 意见, 通知…) are.
 *
 * @example buildPolicyRegistry(corpus.documents).map((p) => [p.title, p.aliases])
 */
export function buildPolicyRegistry(documents: Document[]): Policy[] {
  const byKey = new Map<string, Policy>();
  // Short names across the corpus: a short name defined for exactly one title resolves anywhere.
  const definedFor = new Map<string, Set<string>>();
  for (const doc of documents) {
    for (const p of doc.passages) for (const m of p.text.matchAll(SHORT_NAME)) if (isPolicyTitle(m[1]!)) addTo(definedFor, key(m[2]!), key(m[1]!));
  }
  const register = (title: string, source: PolicySource): Policy => {
    const k = key(title);
    let policy = byKey.get(k);
    if (!policy) {
      policy = { title: title.trim(), aliases: [], facts: {}, mentions: [], passage: source.passage, sentence: source.sentence };
      byKey.set(k, policy);
    }
    return policy;
  };
  const mention = (policy: Policy, source: PolicySource) => {
    if (!policy.mentions.some((m) => m.passage.id === source.passage.id)) policy.mentions.push(source);
  };
  const fact = (policy: Policy | undefined, name: PolicyFactName, value: string, source: PolicySource) => {
    if (policy && value && !policy.facts[name]) policy.facts[name] = { value, ...source };
  };

  for (const doc of documents) {
    const local = new Map<string, string>(); // short name key → title, as this article defines it
    const first = doc.passages[0];
    // The document itself: a notice issuing a policy, or a policy's own text.
    const notice = ISSUING_NOTICE.exec(doc.title);
    let current: Policy | undefined;
    if (notice && isPolicyTitle(notice[2]!) && first) {
      current = register(notice[2]!, { passage: first, sentence: doc.title });
      fact(current, "issuer", notice[1]!, { passage: first, sentence: doc.title });
    } else if (isPolicyTitle(doc.title) && first && !reportsOn(doc)) current = register(doc.title, { passage: first, sentence: doc.title });
    const resolve = (title: string): Policy | undefined => {
      const k = key(title);
      const viaLocal = local.get(k);
      if (viaLocal) return byKey.get(key(viaLocal));
      const viaCorpus = definedFor.get(k);
      if (viaCorpus?.size === 1 && !byKey.has(k)) return byKey.get([...viaCorpus][0]!) ?? undefined;
      return byKey.get(k);
    };
    let lastNamed: Policy | undefined;
    for (const [i, passage] of doc.passages.entries()) {
      // A heading that is a policy's title starts that policy's text: its 本办法 means it.
      const asHeading = isShort(passage.text, TITLE_MAX) ? resolve(passage.text.replace(/^《|》$/gu, "")) : undefined;
      if (asHeading) {
        current = asHeading;
        mention(current, { passage, sentence: passage.text });
      }
      // A notice's number and signature date near its top are the issued policy's.
      if (notice && current && i < 8) {
        const number = passage.text.match(DOC_NUMBER)?.[0];
        if (number && number === passage.text.trim()) fact(current, "number", number, { passage, sentence: passage.text });
        const date = dateLine(passage.text);
        if (date && passage.text.length <= 20 && i > 0) fact(current, "issued", date, { passage, sentence: passage.text });
      }
      for (const s of passage.sentences) {
        // Only a title, a reference (本办法, 该政策) or a number (…号) can say anything about a policy.
        if (!MAY_NAME.test(s.text)) continue;
        const source = { passage, sentence: s.text };
        for (const m of s.text.matchAll(SHORT_NAME)) {
          if (!isPolicyTitle(m[1]!)) continue;
          const policy = resolve(m[1]!) ?? register(m[1]!, source);
          local.set(key(m[2]!), policy.title);
          if (!policy.aliases.includes(m[2]!.trim())) policy.aliases.push(m[2]!.trim());
        }
        const named: Policy[] = [];
        let issuer: string | undefined;
        for (const m of s.text.matchAll(TITLE)) {
          const policy = resolve(m[1]!) ?? (isPolicyTitle(m[1]!) ? register(m[1]!, source) : undefined);
          if (!policy) continue;
          if (!named.includes(policy)) named.push(policy);
          mention(policy, source);
          const before = s.text.slice(0, m.index);
          // 「出台了《A》、《B》」: B has A's issuer.
          issuer = /》\s*[、和及与]\s*$/u.test(before) ? issuer : ISSUED_BY.exec(before)?.[1];
          if (issuer) fact(policy, "issuer", issuer, source);
          // 「4月11日，…印发《…》」: the day it was issued, in the year of the article's date when the sentence gives none.
          const issued = ISSUED_HERE.test(before) ? leadingDate(before, doc.date) : "";
          if (issued) fact(policy, "issued", issued, source);
        }
        const subject =
          named.length === 1 ? named[0]
          : named.length === 0 && SELF_REFERENCE.test(s.text) ? current
          : named.length === 0 && BACK_REFERENCE.test(s.text) ? lastNamed
          : undefined;
        if (named.length > 0) lastNamed = named.at(-1);
        if (!subject) continue;
        if (named.length === 0) mention(subject, source);
        const number = s.text.match(DOC_NUMBER);
        if (number?.length === 1) fact(subject, "number", number[0]!, source);
        const effective = EFFECTIVE.exec(s.text);
        if (effective) fact(subject, "effective", parseDate(effective[1]), source);
        const expires = EXPIRES.exec(s.text);
        if (expires) fact(subject, "expires", parseDate(expires[1] ?? expires[2]), source);
        const issued = ISSUED.exec(s.text);
        if (issued) fact(subject, "issued", parseDate(issued[1]), source);
      }
    }
  }
  return [...byKey.values()];
}

/**
 * The date a news sentence opens with (`LEADING_DATE`), as ISO: its month and day in its own year, or else in the year of
 * the article's date `published` (not a day after it: news reports what has been issued); "" for none.
 *
 * @example leadingDate("4月11日，广州市人民政府办公厅印发", "2024-04-11") // "2024-04-11"
 */
export function leadingDate(text: string, published: string): string {
  const m = LEADING_DATE.exec(text);
  // (Not when the sentence says the news came later than the issue: 「4月8日，记者获悉，…近日印发」.)
  if (!m || NOT_THAT_DAY.test(text.slice(m[0].length))) return "";
  const [month, day] = [Number(m[2]), Number(m[3])];
  const year = m[1] ? Number(m[1]) : /^\d{4}-/u.test(published) ? Number(published.slice(0, 4)) : 0;
  if (!year) return "";
  const date = parseDate(`${year}年${month}月${day}日`);
  return !m[1] && date > published ? "" : date;
}

/** Words saying a sentence's opening date is not the day of what it reports: 获悉, 近日, 日前… */
const NOT_THAT_DAY = /获悉|获知|记者|近日|日前|近期|最近|此前|前不久/u;
/** An issuing verb right before a title: the sentence says the title was issued. */
const ISSUED_HERE = /(?:印发|出台|发布|颁布|下发|公布)了?\s*$/u;

/**
 * Bumped whenever `buildPolicyRegistry` (or a pattern it uses) would read the same articles differently: a
 * registry saved by another version is built again.
 */
export const REGISTRY_VERSION = 2;

/** A registry as the index saves it: passages by id, in the order `buildPolicyRegistry` made everything. */
export interface SavedRegistry {
  version: number;
  policies: [title: string, aliases: string[], passage: string, sentence: string, mentions: [string, string][], facts: [PolicyFactName, string, string, string][]][];
}

/** The registry as plain data, to save with the index (`decodeRegistry` reads it back). */
export function encodeRegistry(policies: Policy[]): SavedRegistry {
  return {
    version: REGISTRY_VERSION,
    policies: policies.map((p) => [
      p.title,
      p.aliases,
      p.passage.id,
      p.sentence,
      p.mentions.map((m): [string, string] => [m.passage.id, m.sentence]),
      Object.entries(p.facts).map(([name, f]): [PolicyFactName, string, string, string] => [name as PolicyFactName, f.value, f.passage.id, f.sentence]),
    ]),
  };
}

/**
 * The registry `encodeRegistry` saved, over these passages; undefined when it is of another version, of
 * another shape, or names a passage that is not here (then it is built again).
 *
 * @example decodeRegistry(encodeRegistry(buildPolicyRegistry(docs)), (id) => byId.get(id))
 */
export function decodeRegistry(saved: unknown, passage: (id: string) => Passage | undefined): Policy[] | undefined {
  const s = saved as Partial<SavedRegistry> | undefined;
  if (s?.version !== REGISTRY_VERSION || !Array.isArray(s.policies)) return undefined;
  const source = (id: unknown, sentence: unknown): PolicySource => {
    const p = typeof id === "string" ? passage(id) : undefined;
    if (!p || typeof sentence !== "string") throw new Error("no such passage");
    return { passage: p, sentence };
  };
  try {
    return s.policies.map(([title, aliases, id, sentence, mentions, facts]) => {
      if (typeof title !== "string" || !Array.isArray(aliases) || !Array.isArray(mentions) || !Array.isArray(facts)) throw new Error("wrong shape");
      const known: Policy["facts"] = {};
      for (const [name, value, at, said] of facts) known[name] = { value, ...source(at, said) };
      return { title, aliases, facts: known, mentions: mentions.map(([at, said]) => source(at, said)), ...source(id, sentence) };
    });
  } catch {
    return undefined;
  }
}

function addTo<K, V>(map: Map<K, Set<V>>, k: K, v: V): void {
  if (!map.has(k)) map.set(k, new Set());
  map.get(k)!.add(v);
}

/** Characters of a title that must appear in a row for a question to name it. */
const SPAN = 6;

/**
 * Finds the policies a question names: by whole title or short name, or by a distinctive part of a
 * title (any six consecutive characters, punctuation aside). Titles are indexed once.
 *
 * @example createPolicyMatcher(policies)("那个实施办法什么时候施行？")
 */
export function createPolicyMatcher(policies: Policy[]): (question: string) => Policy[] {
  const bySpan = new Map<string, Set<Policy>>();
  const whole: { policy: Policy; name: string }[] = [];
  for (const policy of policies) {
    const t = key(policy.title);
    for (const name of [t, ...policy.aliases.map(key)]) if (name.length >= 2) whole.push({ policy, name });
    for (let i = 0; i + SPAN <= t.length; i++) addTo(bySpan, t.slice(i, i + SPAN), policy);
  }
  // Longest names first, so a short name inside a full title the question gives does not count on its own.
  whole.sort((a, b) => b.name.length - a.name.length);
  return (question) => {
    const q = key(question);
    const found = new Set<Policy>();
    const covered: [number, number][] = [];
    for (const w of whole) {
      for (let at = q.indexOf(w.name); at >= 0; at = q.indexOf(w.name, at + 1)) {
        const end = at + w.name.length;
        if (covered.some(([s, e]) => s <= at && end <= e && e - s > w.name.length)) continue;
        found.add(w.policy);
        covered.push([at, end]);
      }
    }
    for (let i = 0; i + SPAN <= q.length; i++) {
      // Six characters inside a title the question gives in full («…发展实施办法») are that title's.
      if (covered.some(([s, e]) => s <= i && i + SPAN <= e)) continue;
      for (const p of bySpan.get(q.slice(i, i + SPAN)) ?? []) found.add(p);
    }
    return policies.filter((p) => found.has(p));
  };
}
