import type { Passage } from "../corpus/corpus.js";
import { normalize } from "../text/normalize.js";
import { figures, supported, type Figure } from "./figures.js";

/** One sentence of a model's answer with the passage ids it cites. */
export interface Claim {
  /** The sentence as the model wrote it, citation marks removed. */
  text: string;
  /** Passage ids in its marks, in order. */
  cites: string[];
  figures: Figure[];
  /** 《…》 titles it names, marks included. */
  titles: string[];
}

export type CheckResult =
  | { ok: true; claims: Claim[]; cited: string[] }
  | { ok: false; reason: "no-citation" | "unknown-id" | "unsupported-figure" | "unsupported-title"; detail: string };

/** A citation mark: `[doc#3]`, `[doc#3, doc#5]`, `【doc#3】`. */
const MARK = /[[【]([^[\]【】\n]{1,300})[\]】]/gu;
const SENTENCE_END = /(?<=[。！？!?；;])|(?<=\.)(?=\s)|\n+/u;
/** A sentence end followed by marks: `。[doc#5]` is read as `[doc#5]。`. */
const MARK_AFTER_END = /([。！？!?；;.])\s*((?:[[【][^[\]【】\n]{1,300}[\]】]\s*)+)/gu;
const TITLE = /《[^《》\n]{1,80}》/gu;

/**
 * Checks a model's answer against the passages it was given, before anyone sees it: it must cite
 * at least one passage, every id it cites must be one it was given, and every figure with its unit
 * and every 《…》 title it states must occur in a passage it cites (full-width digits and 万/亿 forms
 * normalised: 5亿元 matches 50000万元 and "500 million").
 *
 * `headingOf` gives what else the model was shown with a passage (its article's title and date), which
 * counts as stated there too.
 *
 * @example
 * checkAnswer("每年设立5亿元资金池[doc#5]。", passages) // { ok: true, cited: ["doc#5"], claims: [...] }
 * checkAnswer("每年设立8亿元资金池[doc#5]。", passages) // { ok: false, reason: "unsupported-figure", detail: "8亿元" }
 */
export function checkAnswer(answer: string, given: Passage[], headingOf: (p: Passage) => string = () => ""): CheckResult {
  const byId = new Map(given.map((p) => [p.id, p]));
  const claims = splitClaims(answer);
  const cited = [...new Set(claims.flatMap((c) => c.cites))];
  if (cited.length === 0) return { ok: false, reason: "no-citation", detail: "the answer cites no passage" };
  const unknown = cited.find((id) => !byId.has(id));
  if (unknown !== undefined) return { ok: false, reason: "unknown-id", detail: unknown.slice(0, 80) };
  const sources = cited.map((id) => byId.get(id)!);
  // What the model was shown of a passage: its heading (article title, date) and its text.
  const shown = sources.map((p) => `${headingOf(p)}\n${p.text}`);
  const sourceFigures = shown.flatMap((t) => figures(t));
  const sourceText = shown.map(normalize).join("\n");
  for (const claim of claims) {
    const figure = claim.figures.find((f) => !supported(f, sourceFigures));
    if (figure) return { ok: false, reason: "unsupported-figure", detail: figure.text };
    const title = claim.titles.find((t) => !sourceText.includes(normalize(t)));
    if (title) return { ok: false, reason: "unsupported-title", detail: title };
  }
  return { ok: true, claims, cited };
}

/**
 * The answer cut into sentences, each with the ids it cites; marks that follow a sentence's end
 * (`…资金池。[doc#5]`) belong to that sentence.
 */
export function splitClaims(answer: string): Claim[] {
  const claims: Claim[] = [];
  const marksInside = answer.replace(MARK_AFTER_END, (_, end: string, marks: string) => `${marks.trim()}${end}`);
  for (const piece of marksInside.split(SENTENCE_END)) {
    if (!piece?.trim()) continue;
    const cites = [...piece.matchAll(MARK)].flatMap((m) => idsIn(m[1]!));
    const text = piece.replace(MARK, "").trim();
    const last = claims.at(-1);
    if (!/[\p{L}\p{N}]/u.test(text) && last) {
      last.cites.push(...cites);
      continue;
    }
    claims.push({ text, cites, figures: figures(text), titles: text.match(TITLE) ?? [] });
  }
  return claims;
}

/** The ids in one mark's text: `doc#3, doc#5` → [doc#3, doc#5]. */
function idsIn(mark: string): string[] {
  return normalize(mark)
    .split(/[,，、;；\s]+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Answer text as readers see it: each mark becomes the numbers of the passages it cites, in order
 * of first citation (`[1]`, `[1,2]`), and a mark still being written at the end is left out.
 *
 * @example present("5亿元[doc#5]。", ["doc#5"]) // "5亿元[1]。"
 */
export function present(answer: string, order: string[] = []): string {
  const numbers = new Map(order.map((id, i) => [id, i + 1]));
  const text = answer.replace(/[[【][^\]】\n]*$/u, "");
  return text
    .replace(MARK, (_, inner: string) => {
      const ns = idsIn(inner).map((id) => {
        if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
        return numbers.get(id)!;
      });
      return ns.length ? `[${[...new Set(ns)].join(",")}]` : "";
    })
    .trim();
}

/**
 * The sentence of `passage` that holds what `claims` state: one with a claimed figure or title,
 * else the one sharing most characters with the claims.
 */
export function quoteFor(passage: Passage, claims: Claim[]): string {
  const sentences = passage.sentences.map((s) => ({ text: s.text, norm: normalize(s.text), figures: figures(s.text) }));
  const wanted = claims.flatMap((c) => c.figures);
  const titles = claims.flatMap((c) => c.titles.map(normalize));
  const holding = sentences.find((s) => wanted.some((f) => supported(f, s.figures)) || titles.some((t) => s.norm.includes(t)));
  if (holding) return holding.text;
  const said = new Set(normalize(claims.map((c) => c.text).join("")));
  let best = sentences[0];
  let bestShared = -1;
  for (const s of sentences) {
    const shared = [...new Set(s.norm)].filter((ch) => said.has(ch) && /[\p{L}\p{N}]/u.test(ch)).length;
    if (shared > bestShared) [best, bestShared] = [s, shared];
  }
  return best?.text ?? passage.text;
}
