import { describe, expect, it } from "vitest";
import { fitShapes, type ShapeGroup } from "../../scripts/fit-shapes.js";

/** A question asking `kind` whose candidates end in `ends` (the first is the gold span). */
const group = (kind: ShapeGroup["kind"], ends: string[]): ShapeGroup => ({ kind, keys: ends.map((end) => [end, "x"]), f1: ends.map((_, k) => (k === 0 ? 1 : 0)) });

describe("fitShapes (what answers of a kind look like at their edges)", () => {
  // Forty person questions: the gold ends in 华, 明 or 芳; 席 (主席) and 后 end many candidates and no gold.
  const persons = Array.from({ length: 40 }, (_, i) => group("person", [["华", "明", "芳"][i % 3]!, "席", "后", "席", "会"]));

  it("lifts the characters golds end in and lowers those only other candidates end in", () => {
    const end = fitShapes(persons).end!.person!;
    expect(end["华"]).toBeGreaterThan(0.5);
    expect(end["席"]).toBeLessThan(-0.5);
    expect(end["席"]).toBeLessThan(end["会"]!); // seen twice as often, and never a gold: surer
  });

  it("leaves out what it cannot tell: a character seen rarely, a kind with no gold, an edge every candidate shares", () => {
    const shapes = fitShapes([...persons, group("person", ["华", "罕"]), { ...group("place", ["市", "县"]), f1: [0, 0] }]);
    expect(shapes.end!.person!["罕"]).toBeUndefined();
    expect(shapes.end!.place).toBeUndefined();
    expect(shapes.start!.person!["x"]).toBeUndefined();
  });

  it("keeps each kind apart", () => {
    const shapes = fitShapes([...persons, ...Array.from({ length: 40 }, () => group("place", ["席", "华"]))]);
    expect(shapes.end!.place!["席"]).toBeGreaterThan(0);
    expect(shapes.end!.person!["席"]).toBeLessThan(0);
  });
});
