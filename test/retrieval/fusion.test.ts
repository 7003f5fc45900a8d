import { describe, expect, it } from "vitest";
import { datasetsAvailable } from "../../bench/lib/datasets.js";
import { collectSignals, scoreRankings } from "../../bench/lib/signals-run.js";
import { WEIGHTS } from "../../src/answer/weights-data.js";
import { fusedOrder, fuse, HAND_FUSION, SIGNALS, type FusionWeights } from "../../src/retrieval/fusion.js";
import { checkFusion, fusionWeights } from "../../src/retrieval/fusion-weights.js";
import { createKeywordIndex, searchSegments } from "../../src/retrieval/keyword-index.js";

const only = (signal: (typeof SIGNALS)[number]): FusionWeights => ({
  k: 60,
  weights: { bestSentence: 0, passageSum: 0, passage: 0, vector: 0, [signal]: 1 },
});

describe("fuse", () => {
  it("rewards a passage every signal ranks high, and ignores a signal weighted 0", () => {
    const rankings = { bestSentence: ["a", "b"], passageSum: ["b", "a"], passage: ["b", "c"], vector: ["c", "a"] };
    expect(fusedOrder(rankings, HAND_FUSION)[0]).toBe("b");
    expect(fusedOrder(rankings, only("vector"))).toEqual(["c", "a"]);
    expect(fuse(rankings, { k: 1, weights: { bestSentence: 1, passageSum: 0, passage: 0, vector: 0 } }).get("a")).toBeCloseTo(1 / 2);
  });

  it("counts the conversation's passages as one more signal of average weight", () => {
    const w: FusionWeights = { k: 10, weights: { bestSentence: 2, passageSum: 0, passage: 2, vector: 0 } };
    const scores = fuse({ bestSentence: ["a"], passageSum: [], passage: ["a"], vector: [] }, w, [["z"]]);
    expect(scores.get("z")).toBeCloseTo(1 / 11);
    expect(scores.get("a")).toBeCloseTo(4 / 11);
  });
});

describe("searchGroups (BM25 over whole passages)", () => {
  const sentences = [
    { id: "d1#1.1", terms: ["崂山", "面积"] },
    { id: "d1#1.2", terms: ["面积", "企业", "企业"] },
    { id: "d1#2.1", terms: ["合肥", "企业"] },
    { id: "d2#1.1", terms: ["崂山", "合肥", "人口"] },
  ];
  const passages = [
    { id: "d1#1", terms: ["崂山", "面积", "面积", "企业", "企业"] },
    { id: "d1#2", terms: ["合肥", "企业"] },
    { id: "d2#1", terms: ["崂山", "合肥", "人口"] },
  ];

  it("scores each passage as the index of the passages themselves would", () => {
    const bySentence = createKeywordIndex();
    bySentence.add(sentences);
    const byPassage = createKeywordIndex();
    byPassage.add(passages);
    for (const q of [["崂山", "面积"], ["企业"], ["合肥", "人口", "企业"]]) {
      const got = bySentence.searchGroups(q, 3);
      const want = byPassage.search(q, 3);
      expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
      got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 9));
    }
  });

  it("lets a term most passages hold re-rank what rarer terms found, with the same scores", () => {
    const bySentence = createKeywordIndex();
    const byPassage = createKeywordIndex();
    for (let p = 0; p < 500; p++) {
      const rare = p === 17 || p === 321 ? ["rare"] : [];
      bySentence.add([{ id: `d${p}#1.1`, terms: ["common", ...rare] }, { id: `d${p}#1.2`, terms: p === 17 ? ["common", "x"] : ["y"] }]);
      byPassage.add([{ id: `d${p}#1`, terms: ["common", ...rare, ...(p === 17 ? ["common", "x"] : ["y"])] }]);
    }
    const got = bySentence.searchGroups(["rare", "common"], 2);
    const want = byPassage.search(["rare", "common"], 2);
    expect(got.map((h) => h.id).sort()).toEqual(["d17#1", "d321#1"]);
    expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
    got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 9));
  });

  it("scores the same whether a term's passage count is counted during the search or known from an earlier one", () => {
    const make = () => {
      const bySentence = createKeywordIndex();
      for (let p = 0; p < 400; p++) {
        bySentence.add([
          { id: `d${p}#1.1`, terms: ["common", ...(p % 7 === 0 ? ["seven"] : []), ...(p % 50 === 3 ? ["rare"] : [])] },
          { id: `d${p}#1.2`, terms: p % 3 === 0 ? ["common", "three", "seven"] : ["other"] },
        ]);
      }
      const dead = new Uint8Array(800);
      for (let u = 0; u < 800; u += 11) dead[u] = 1;
      return searchSegments([{ segment: bySentence.pack(), dead }]);
    };
    const queries = [["rare", "common"], ["seven", "three"], ["three", "common", "seven"], ["common"], ["rare", "other", "seven"]];
    const first = make();
    const cold = queries.map((q) => first.searchGroups(q, 500));
    const warm = queries.map((q) => first.searchGroups(q, 500));
    const other = make();
    const reversed = [...queries].reverse().map((q) => other.searchGroups(q, 500)).reverse();
    expect(cold.every((hits) => hits.length > 0)).toBe(true);
    expect(warm).toEqual(cold);
    expect(reversed).toEqual(cold);
  });

  it("scores a term with more postings than the search keeps as one with fewer would be", () => {
    const bySentence = createKeywordIndex();
    const units: { id: string; terms: string[] }[] = [];
    for (let p = 0; p < 140_000; p++) units.push({ id: `d${p}#1.1`, terms: ["many"] }, { id: `d${p}#1.2`, terms: p % 2 ? ["many", "odd"] : ["even"] });
    bySentence.add(units);
    const index = searchSegments([{ segment: bySentence.pack() }]);
    const cold = index.searchGroups(["odd", "many"], 5);
    expect(cold.map((h) => Number(h.id.slice(1, -2)) % 2)).toEqual([1, 1, 1, 1, 1]);
    expect(index.searchGroups(["odd", "many"], 5)).toEqual(cold);
  });

  it("names a changed passage once, as its later segment holds it, and finds its sentences there", () => {
    const base = createKeywordIndex();
    base.add(sentences);
    const delta = createKeywordIndex();
    delta.add([{ id: "d2#1.1", terms: ["崂山", "面积", "面积"] }]);
    const index = searchSegments([{ segment: base.pack(), dead: Uint8Array.from([0, 0, 0, 1]) }, { segment: delta.pack() }]);
    const byPassage = createKeywordIndex();
    byPassage.add([...passages.slice(0, 2), { id: "d2#1", terms: ["崂山", "面积", "面积"] }]);
    const hits = index.searchGroups(["崂山", "面积"], 5);
    expect(hits).toEqual(byPassage.search(["崂山", "面积"], 5));
    expect(index.searchWithin(["面积"], hits.map((h) => h.id)).map((h) => h.id)).toEqual(["d2#1.1", "d1#1.1", "d1#1.2"]);
  });

  it("leaves out a removed passage, and its terms from the statistics", () => {
    const bySentence = createKeywordIndex();
    bySentence.add(sentences);
    const dead = Uint8Array.from([0, 0, 0, 1]);
    const index = searchSegments([{ segment: bySentence.pack(), dead }]);
    const byPassage = createKeywordIndex();
    byPassage.add(passages.slice(0, 2));
    expect(index.searchGroups(["崂山", "合肥"], 5)).toEqual(byPassage.search(["崂山", "合肥"], 5));
  });
});

describe("the committed fusion weights", () => {
  it("were fitted on the train split with a recorded seed, for the code's signals", () => {
    const retrieval = (WEIGHTS as { retrieval?: { trainedOn: { split: string; seed: number; sources: string[] } } }).retrieval;
    expect(retrieval).toBeDefined();
    expect(retrieval!.trainedOn.split).toMatch(/^train/);
    expect(retrieval!.trainedOn.sources.join()).not.toMatch(/heldout/);
    expect(Number.isInteger(retrieval!.trainedOn.seed)).toBe(true);
    expect(() => checkFusion(WEIGHTS)).not.toThrow();
    expect(() => checkFusion({ retrieval: { ...retrieval, signals: ["bestSentence", "vector"] } })).toThrow(/npm run train/);
  });

  // The shared CMRC/DRCD sets live outside the repository (../shared/datasets or SHARED_DATASETS).
  it.skipIf(!datasetsAvailable())("rank the gold article first at least as often as any signal alone (CMRC train sample)", async () => {
    const { questions } = await collectSignals({ set: "cmrc", split: "train", limit: 150 });
    const fused = scoreRankings(questions, (q) => fusedOrder(q.rankings, fusionWeights()));
    for (const s of SIGNALS) expect(fused.hit1!).toBeGreaterThanOrEqual(scoreRankings(questions, (q) => q.rankings[s]).hit1!);
    expect(fused.hit1!).toBeGreaterThan(scoreRankings(questions, (q) => fusedOrder(q.rankings, HAND_FUSION)).hit1!);
  });
});
