import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { datasetsAvailable, loadDataset } from "../../bench/lib/datasets.js";
import { suggestQuestions, type Suggestion } from "../../src/answer/suggest.js";
import type { Passage } from "../../src/corpus/corpus.js";
import { parseDocument } from "../../src/corpus/parse.js";
import { ANAPHORA, NOT_ANAPHORA, QUESTION_WORD } from "../../src/lang/zh/index.js";
import { normalize } from "../../src/text/normalize.js";
import { createTokenizer } from "../../src/text/tokenize.js";
import { SEEDS } from "../helpers.js";

const tokenizer = createTokenizer();
const FIXTURES = join(import.meta.dirname, "..", "fixtures", "articles");

/** Tags that cannot open a question: conjunctions, prepositions, adverbs, pronouns, particles. */
const FUNCTION_TAG = /^(c|p|d|ad|r|rr|rz|u|uj|ul|uz|ug|uv|ud|y|e|o|k|m|q)$/u;
const NOUN_TAG = /^(n|nr|ns|nt|nz|nrt|nrfg|vn|j|l|i|s|x|eng)$/u;
const MEASURE = "个项场种条所座台辆架艘枚支首张篇间层部本届次批套份位名家户只件处片株头";
const QUOTE = /^["“”‘’「」『』']$/u;

/** What is wrong with one suggestion, judged by the tagger and its passage, independently of how it was made. */
function problems(s: Suggestion, passage: Passage): string[] {
  const q = s.question;
  const out: string[] = [];
  if (!q.endsWith("？")) out.push("does not end with ？");
  const asks = q.match(new RegExp(QUESTION_WORD.source, "gu")) ?? [];
  if (asks.length !== 1) out.push(`${asks.length} question words (${asks.join(",")})`);
  const tags = tokenizer.tag(q).filter((t) => !QUOTE.test(t.word));
  const [first, second] = tags;
  const determiner = first && /^每/u.test(first.word) && /^r/u.test(first.tag) && NOUN_TAG.test(second?.tag ?? ""); // 每个项目…
  if (!first || (FUNCTION_TAG.test(first.tag) && !determiner) || (/^每/u.test(first.word) && !determiner)) out.push(`starts with ${first?.word}/${first?.tag}`);
  else if (first.tag === "x" && /^(p|c|d|r|u)/u.test(tokenizer.tag([...first.word][0]!)[0]?.tag ?? "")) out.push(`starts with the function word ${[...first.word][0]}`);
  else if (/^v/u.test(first.tag) && first.tag !== "vn" && !NOUN_TAG.test(second?.tag ?? "")) out.push(`starts with the verb ${first.word}`);
  const at = tags.findIndex((t) => /多少|几|幾/u.test(t.word));
  if (at >= 0 && !tags.slice(0, at).some((t) => NOUN_TAG.test(t.tag))) out.push("no noun before the question word");
  if (ANAPHORA.test(normalize(q).replace(NOT_ANAPHORA, ""))) out.push("a pronoun with nothing it points to");
  // A measure word at the end must not have lost the noun it counts in the passage (不超过5个工作日 → 多少个？).
  const end = new RegExp(`(.{2})(?:多少|几|幾)[万亿千百]{0,2}([${MEASURE}])？$`, "u").exec(q);
  if (end) {
    const source = new RegExp(`${end[1]}[^，。；,;]{0,6}?[\\d一二两三四五六七八九十]+[万亿千百]{0,2}[余多]?${end[2]}`, "u").exec(passage.text);
    const next = source && tokenizer.tag(passage.text.slice(source.index + source[0].length)).find((t) => t.word.trim());
    if (next && NOUN_TAG.test(next.tag) && next.tag !== "s" && /\p{L}/u.test(next.word)) out.push(`drops the noun 「${next.word}」 its measure word counts`);
  }
  return out;
}

function check(passages: Passage[]): { suggestions: Suggestion[]; failures: string[] } {
  const byId = new Map(passages.map((p) => [p.id, p]));
  const suggestions = suggestQuestions(passages, tokenizer);
  const failures = suggestions.flatMap((s) => problems(s, byId.get(s.passage)!).map((p) => `${s.passage} 「${s.question}」: ${p}`));
  return { suggestions, failures };
}

async function articles(dir: string): Promise<Passage[]> {
  const out: Passage[] = [];
  for (const f of (await readdir(dir)).filter((f) => f.endsWith(".txt")).sort()) out.push(...parseDocument(f, f, await readFile(join(dir, f), "utf8")).passages);
  return out;
}

const passageOf = (text: string, id = "t") => parseDocument(id, `${id}.txt`, `标题\n\n${text}\n`).passages;

describe("suggested questions", () => {
  it("keep the noun a measure word counts and ask with 多少 and its unit", () => {
    const qs = suggestQuestions(passageOf("市政务服务中心今年推出新规，审核时限不超过5个工作日。"), tokenizer).map((s) => s.question);
    expect(qs.some((q) => /(?:多少|几)个工作日？$/u.test(q))).toBe(true);
    expect(qs.every((q) => !q.endsWith("多少个？"))).toBe(true);
  });

  it("borrow the subject of the clause before when a clause has none, and never start with an adverb or preposition", () => {
    const qs = suggestQuestions(passageOf("开发区管委会将设立一支创业基金，按实际投资额的10%给予奖励，每年安排专项资金不少于2亿元。"), tokenizer).map((s) => s.question);
    expect(qs.length).toBeGreaterThan(0);
    for (const q of qs) expect(q).toMatch(/^开发区管委会/u);
    expect(qs).toContain("开发区管委会每年安排专项资金不少于多少亿元？");
  });

  it("borrow a subject with the relative clause that says which one it is (开发区建成的人才公寓, not 开发区)", () => {
    const qs = suggestQuestions(passageOf("去年，开发区建成的人才公寓已包括滨海苑、青云里等，总面积超过20万平方米。"), tokenizer).map((s) => s.question);
    expect(qs).toEqual(["开发区建成的人才公寓总面积超过多少万平方米？"]);
  });

  it("ask a change in percentage points with its whole unit (多少个百分点, not 多少个)", () => {
    const qs = suggestQuestions(passageOf("市财政局对小微企业贷款再按贷款额的1.5个百分点给予贴息。"), tokenizer).map((s) => s.question);
    expect(qs).toEqual(["市财政局对小微企业贷款再按贷款额的多少个百分点给予贴息？"]);
  });

  it("ask 几 for a small count and skip clauses that open with a pronoun", () => {
    const qs = suggestQuestions(passageOf("这里整体面积近3万平方米。该园区共有三家孵化器。市教育局今年新开办三所学校。"), tokenizer).map((s) => s.question);
    expect(qs).toEqual(["市教育局今年新开办几所学校？"]);
  });

  it("keep only the best few of a passage", () => {
    const text = Array.from({ length: 8 }, (_, i) => `全市新建第${i + 1}类设施${(i + 2) * 10}个`).join("，") + "。";
    expect(suggestQuestions(passageOf(text), tokenizer).length).toBeLessThanOrEqual(4);
  });

  it("are well formed for every seed article: a subject first, one question word, ？ at the end, no dangling measure word", async () => {
    const { suggestions, failures } = check([...(await articles(SEEDS)), ...(await articles(FIXTURES))]);
    expect(suggestions.length).toBeGreaterThan(25);
    expect(failures).toEqual([]);
  });

  describe.skipIf(!datasetsAvailable())("on reading-comprehension passages (CMRC 2018, DRCD)", () => {
    const sample: Passage[] = [];
    beforeAll(async () => {
      for (const set of ["cmrc", "drcd"] as const) {
        const { passages } = await loadDataset(set, "train");
        for (const p of passages.slice(0, 150)) sample.push(...parseDocument(p.doc, `${p.doc}.txt`, `${p.title}\n\n${p.context}\n`).passages);
      }
    });

    it("are well formed there too", () => {
      const { suggestions, failures } = check(sample);
      expect(suggestions.length).toBeGreaterThan(50);
      expect(failures).toEqual([]);
    });
  });
});
