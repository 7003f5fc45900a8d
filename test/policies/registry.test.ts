import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Document } from "../../src/corpus/corpus.js";
import { parseDocument } from "../../src/corpus/parse.js";
import { buildPolicyRegistry, createPolicyMatcher, decodeRegistry, encodeRegistry, leadingDate, REGISTRY_VERSION, type Policy } from "../../src/policies/registry.js";
import { FIXTURES, NOTICE } from "../corpus/make-fixtures.js";
import { DOC, SEEDS } from "../helpers.js";

const doc = (id: string, text: string): Document => parseDocument(id, `${id}.txt`, text);
const facts = (p: Policy | undefined) => Object.fromEntries(Object.entries(p?.facts ?? {}).map(([k, f]) => [k, [f!.value, f!.passage.id]]));
const byTitle = (policies: Policy[], title: string) => policies.find((p) => p.title === title);

/** The Word notice fixture as text: title line, then its paragraphs. */
const notice = doc("notice", NOTICE.map((p) => p.text).join("\n"));
const seed = async () => doc(DOC, await readFile(join(SEEDS, `${DOC}.txt`), "utf8"));
const makers = async () => doc("makers", await readFile(join(FIXTURES, "makers-policy.txt"), "utf8"));

describe("buildPolicyRegistry", () => {
  it("reads a notice's issuer, number, dates of issue, effect and expiry, each with its passage", () => {
    const [policy, ...others] = buildPolicyRegistry([notice]);
    expect(policy!.title).toBe("市北区促进大学生创业就业实施办法");
    expect(policy!.aliases).toEqual(["实施办法"]);
    expect(facts(policy)).toEqual({
      issuer: ["市北区人民政府", "notice#1"],
      number: ["北政发〔2021〕7号", "notice#1"],
      issued: ["2021-04-15", "notice#5"],
      effective: ["2021-05-01", "notice#10"],
      expires: ["2023-12-31", "notice#10"],
    });
    // The regulation the measure cites is a policy of its own, with no facts here.
    expect(others.map((p) => [p.title, facts(p)])).toEqual([["青岛市就业创业促进条例", {}]]);
  });

  it("reads the day a news sentence opens with as the day of the issue it reports, in the article's year", () => {
    const news = (date: string, sentence: string) => doc("news", `绍兴发布充电设施新政\n\n${date}\n\n${sentence}\n`);
    const issued = (d: Document) => facts(buildPolicyRegistry([d])[0]).issued?.[0];
    expect(issued(news("2024-06-19", "6月18日，绍兴市人民政府办公厅印发《绍兴市充电基础设施建设行动方案》。"))).toBe("2024-06-18");
    expect(issued(news("2024-06-19", "2024年6月18日，绍兴市人民政府办公厅正式发布《绍兴市充电基础设施建设行动方案》。"))).toBe("2024-06-18");
    // The day the reporter learned of it, not the issue's; a day after the article's is another year's.
    expect(issued(news("2024-06-19", "6月18日，记者从市发改委获悉，绍兴市人民政府办公厅近日印发《绍兴市充电基础设施建设行动方案》。"))).toBeUndefined();
    expect(leadingDate("12月30日，市政府印发", "2024-06-19")).toBe("");
    expect(leadingDate("6月18日，市政府印发", "")).toBe("");
  });

  it("folds a short name into its document and lists each document once", async () => {
    const policies = buildPolicyRegistry([await seed(), await makers()]);
    const titles = policies.map((p) => p.title);
    expect(titles).not.toContain("若干政策");
    expect(new Set(titles).size).toBe(titles.length);
    const makersPolicy = byTitle(policies, "崂山区关于支持创客发展的若干政策")!;
    expect(makersPolicy.aliases).toEqual(["若干政策"]);
    expect(facts(makersPolicy)).toEqual({
      issuer: ["崂山区人民政府", "makers#1"],
      number: ["崂政发〔2016〕12号", "makers#1"],
      effective: ["2016-05-01", "makers#3"],
      expires: ["2019-04-30", "makers#3"],
    });
    expect(makersPolicy.mentions.map((m) => m.passage.id)).toEqual(["makers#1", "makers#2", "makers#3"]);
  });

  it("merges the mentions of one document across articles", async () => {
    const policies = buildPolicyRegistry([await seed(), await makers()]);
    expect(byTitle(policies, "扶持创客及科技型企业实施办法")!.mentions.map((m) => m.passage.id)).toEqual([`${DOC}#4`, "makers#4"]);
  });

  it("knows 《青岛创客》 is a platform, not a policy, and reads the issuer before an issuing verb", async () => {
    const policies = buildPolicyRegistry([await seed()]);
    expect(policies.map((p) => p.title)).not.toContain("青岛创客");
    expect(facts(byTitle(policies, "“构建创客新高地打造青岛中央创新区”行动计划"))).toEqual({ issuer: ["崂山区", `${DOC}#5`] });
    // 「区里出台了…」 names no body: no issuer is guessed.
    expect(facts(byTitle(policies, "扶持众创空间及其运营机构发展实施办法"))).toEqual({});
  });

  it("resolves a short name in another article only when one document has it", () => {
    const a = doc("a", "标题甲\n市里印发了《甲市创业补贴实施办法》（以下简称《实施办法》）。\n");
    const b = doc("b", "标题乙\n《实施办法》自2020年1月1日起施行。\n");
    expect(buildPolicyRegistry([a, b]).map((p) => [p.title, facts(p)])).toEqual([["甲市创业补贴实施办法", { effective: ["2020-01-01", "b#1"] }]]);
    const c = doc("c", "标题丙\n《乙市人才引进实施办法》（以下简称《实施办法》）。\n");
    expect(buildPolicyRegistry([a, c, b]).map((p) => p.title)).toEqual(["甲市创业补贴实施办法", "乙市人才引进实施办法", "实施办法"]);
  });

  it("reads a policy's own text: 本办法 is the document the article is", () => {
    const own = doc("own", "某区科技创新券管理办法\n第一条 为规范科技创新券管理，制定本办法。\n第九条 本办法自二〇二二年三月一日起施行。\n");
    expect(buildPolicyRegistry([own]).map((p) => [p.title, facts(p)])).toEqual([["某区科技创新券管理办法", { effective: ["2022-03-01", "own#2"] }]]);
  });

  it("takes 该政策 to mean the document the sentence before named", () => {
    const news = doc("n", "标题\n市政府出台了《某市青年人才安居政策》。\n该政策自2023年7月1日起实施。\n");
    expect(facts(buildPolicyRegistry([news])[0])).toEqual({ issuer: ["市政府", "n#1"], effective: ["2023-07-01", "n#2"] });
  });
});

describe("createPolicyMatcher", () => {
  it("finds a policy by short name, by full title, or by a distinctive part of the title", async () => {
    const policies = buildPolicyRegistry([await seed(), notice]);
    const match = createPolicyMatcher(policies);
    expect(match("那个实施办法什么时候施行？").map((p) => p.title)).toEqual(["市北区促进大学生创业就业实施办法"]);
    // A short name inside a full title the question gives does not bring in its own document.
    expect(match("《扶持科技服务业发展实施办法》是谁出台的？").map((p) => p.title)).toEqual(["扶持科技服务业发展实施办法"]);
    expect(match("大学生创业就业的政策有效期多久").map((p) => p.title)).toEqual(["市北区促进大学生创业就业实施办法"]);
  });
});

describe("the registry saved with the index", () => {
  it("reads back as the registry it was made from, over the same passages", async () => {
    const docs = [notice, await seed(), await makers()];
    const built = buildPolicyRegistry(docs);
    const byId = new Map(docs.flatMap((d) => d.passages).map((p) => [p.id, p]));
    const saved = JSON.parse(JSON.stringify(encodeRegistry(built))) as unknown;
    const read = decodeRegistry(saved, (id) => byId.get(id))!;
    expect(read).toEqual(built);
    expect(read.flatMap((p) => [p.passage, ...p.mentions.map((m) => m.passage)]).every((p) => byId.get(p.id) === p)).toBe(true);
  });

  it("is not used when of another version or when it names a passage that is not there", () => {
    const saved = encodeRegistry(buildPolicyRegistry([notice]));
    const byId = new Map(notice.passages.map((p) => [p.id, p]));
    expect(decodeRegistry({ ...saved, version: REGISTRY_VERSION + 1 }, (id) => byId.get(id))).toBeUndefined();
    expect(decodeRegistry(saved, (id) => (id === "notice#10" ? undefined : byId.get(id)))).toBeUndefined();
    expect(decodeRegistry(undefined, (id) => byId.get(id))).toBeUndefined();
  });
});
