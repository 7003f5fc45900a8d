import { describe, expect, it } from "vitest";
import { createKeywordIndex, decodeSegment, encodeSegment, searchSegments } from "../../src/retrieval/keyword-index.js";

describe("createKeywordIndex (BM25)", () => {
  it("ranks the unit with more, rarer query terms first", () => {
    const index = createKeywordIndex();
    index.add([
      { id: "a", terms: ["众创空间", "面积", "崂山"] },
      { id: "b", terms: ["崂山", "企业"] },
      { id: "c", terms: ["面积", "崂山", "崂山"] },
    ]);
    expect(index.search(["众创空间", "面积"], 3).map((h) => h.id)).toEqual(["a", "c"]);
    expect(index.documentFrequency("崂山")).toBe(3);
    expect(index.search(["不存在"], 3)).toEqual([]);
  });

  it("returns at most k hits, best first, and forgets scores between queries", () => {
    const index = createKeywordIndex();
    index.add(Array.from({ length: 50 }, (_, i) => ({ id: `u${i}`, terms: i % 2 ? ["x", "y"] : ["x"] })));
    const first = index.search(["x", "y"], 5);
    expect(first).toHaveLength(5);
    expect(first.every((h) => Number(h.id.slice(1)) % 2 === 1)).toBe(true);
    expect(index.search(["x", "y"], 5)).toEqual(first);
  });

  it("gives the k best of a full sort: higher score first, equal scores in unit order", () => {
    const index = createKeywordIndex();
    // Scores in a few tied levels, units in a scrambled order of levels.
    const units = Array.from({ length: 400 }, (_, i) => ({ id: `u${i}`, terms: Array.from({ length: 1 + ((i * 7) % 5) }, () => "x").concat(i % 3 ? ["y"] : []) }));
    index.add(units);
    const all = index.search(["x", "y"], 400);
    expect(all).toHaveLength(400);
    const sorted = [...all].sort((a, b) => b.score - a.score || Number(a.id.slice(1)) - Number(b.id.slice(1)));
    expect(all).toEqual(sorted);
    for (const k of [1, 7, 50, 199]) expect(index.search(["x", "y"], k)).toEqual(sorted.slice(0, k));
  });

  it("lets a very common term re-rank what rarer terms found, at any size", () => {
    const index = createKeywordIndex();
    // "common" is in 4,999 of 5,000 units: far past the common-term threshold.
    const units = Array.from({ length: 5000 }, (_, i) => ({ id: `u${i}`, terms: i === 4321 ? ["rare", "other"] : i === 17 ? ["rare", "common"] : ["common", "x"] }));
    index.add(units);
    expect(index.search(["rare", "common"], 2).map((h) => h.id)).toEqual(["u17", "u4321"]);
    expect(index.search(["common"], 1)).toHaveLength(1);
  });
});

describe("adding after searching", () => {
  it("keeps every earlier posting and finds the new units", () => {
    const index = createKeywordIndex();
    index.add([{ id: "a", terms: ["x", "y"] }]);
    expect(index.search(["x"], 5).map((h) => h.id)).toEqual(["a"]);
    index.add([{ id: "b", terms: ["x", "z"] }]);
    expect(index.search(["x"], 5).map((h) => h.id).sort()).toEqual(["a", "b"]);
    expect(index.search(["z"], 5).map((h) => h.id)).toEqual(["b"]);
    expect(index.documentFrequency("x")).toBe(2);
  });
});

describe("segments: saved, loaded, and searched together", () => {
  const units = [
    { id: "a#1.1", terms: ["众创空间", "面积", "崂山"] },
    { id: "a#1.2", terms: ["崂山", "企业"] },
    { id: "b#1.1", terms: ["面积", "崂山", "崂山"] },
  ];

  it("a segment decoded from its bytes searches exactly as the one it was packed from", () => {
    const built = createKeywordIndex();
    built.add(units);
    const loaded = searchSegments([{ segment: decodeSegment(encodeSegment(built.pack())) }]);
    for (const q of [["众创空间", "面积"], ["崂山"], ["企业", "面积"], ["没有"]]) expect(loaded.search(q, 3)).toEqual(built.search(q, 3));
    expect(loaded.documentFrequency("崂山")).toBe(3);
    expect(loaded.size).toBe(3);
  });

  it("refuses bytes that are not a whole segment", () => {
    const bytes = encodeSegment(packOf(units));
    expect(() => decodeSegment(bytes.subarray(0, bytes.length - 8))).toThrow(/truncated|bytes/);
    expect(() => decodeSegment(Buffer.alloc(bytes.length))).toThrow(/not a keyword index/);
  });

  it("leaves dead units out of results and statistics, and finds units of a later segment", () => {
    const base = packOf(units);
    const delta = packOf([{ id: "c#1.1", terms: ["众创空间", "孵化器"] }]);
    const dead = new Uint8Array(3);
    dead[0] = 1;
    const index = searchSegments([{ segment: base, dead }, { segment: delta }]);
    expect(index.size).toBe(3);
    expect(index.documentFrequency("众创空间")).toBe(1);
    expect(index.documentFrequency("崂山")).toBe(2);
    expect(index.search(["众创空间"], 5).map((h) => h.id)).toEqual(["c#1.1"]);
    expect(index.search(["崂山"], 5).map((h) => h.id).sort()).toEqual(["a#1.2", "b#1.1"]);
    // The same scores as one index built from the live units alone.
    const fresh = packOf([units[1]!, units[2]!, { id: "c#1.1", terms: ["众创空间", "孵化器"] }]);
    expect(index.search(["崂山", "面积"], 5)).toEqual(searchSegments([{ segment: fresh }]).search(["崂山", "面积"], 5));
  });
});

describe("searchWithin: sentence BM25 inside given passages", () => {
  it("gives the passages' units exactly the scores a search of the whole index gives them, and no other unit", () => {
    // 3,000 passages of 3 sentences; "common" in most units (re-ranks only), "rare"/"mid" in few.
    const units = Array.from({ length: 9000 }, (_, i) => ({
      id: `d${Math.floor(i / 30)}#${Math.floor(i / 3) % 10}.${i % 3}`,
      terms: [i % 7 === 0 ? "mid" : "x", i % 997 === 0 ? "rare" : "common", ...(i % 11 === 0 ? ["common"] : []), ...(i % 5 === 0 ? ["y", "z"] : [])],
    }));
    const base = packOf(units);
    const dead = new Uint8Array(9000);
    dead.fill(1, 0, 30); // article d0 removed from the base and re-added, changed, in a delta segment
    const delta = packOf([
      { id: "d0#0.0", terms: ["rare", "mid"] },
      { id: "d0#0.1", terms: ["common", "mid", "mid"] },
    ]);
    const index = searchSegments([{ segment: base, dead }, { segment: delta }]);
    // A few passages, and many asked out of their order (every 7th, last first).
    const few = ["d0#0", "d0#1", "d33#2", "d99#7", "d150#0", "d200#3", "none#1"];
    const many = Array.from({ length: 429 }, (_, i) => `d${Math.floor((3000 - 7 * i) / 10)}#${(3000 - 7 * i) % 10}`);
    for (const groups of [few, many]) {
      for (const q of [["rare", "common"], ["mid", "common", "y"], ["mid"], ["common"], ["absent"]]) {
        const all = index.search(q, 9000).filter((h) => groups.includes(h.id.slice(0, h.id.lastIndexOf("."))));
        const within = index.searchWithin(q, groups);
        expect(within.map((h) => h.id).sort()).toEqual(all.map((h) => h.id).sort());
        for (const h of within) expect(h.score).toBe(all.find((a) => a.id === h.id)!.score);
        for (const h of within) expect(h.group).toBe(h.id.slice(0, h.id.lastIndexOf(".")));
      }
    }
    expect(index.searchWithin(["mid"], ["d0#0"]).map((h) => h.id)).toEqual(["d0#0.1", "d0#0.0"]);
    expect(index.searchWithin(["mid"], ["d0#1"])).toEqual([]);
  });
});

function packOf(units: { id: string; terms: string[] }[]) {
  const b = createKeywordIndex();
  b.add(units);
  return b.pack();
}
