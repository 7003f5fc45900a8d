import { describe, expect, it } from "vitest";
import { createIndexProgress, summary } from "../../scripts/index-progress.js";

describe("npm run index output off a terminal", () => {
  it("writes a line at each step and at least every interval while a step runs", () => {
    let clock = 0;
    const lines: string[] = [];
    const progress = createIndexProgress({ write: (s) => lines.push(s.trimEnd()), isTTY: false }, { interval: 3000, now: () => clock });
    progress.update({ stage: "read", done: 1, total: 2, file: "a.txt", passages: 3 });
    clock = 1000;
    progress.update({ stage: "read", done: 2, total: 2, file: "b.bin", skipped: { skipped: true, file: "b.bin", reason: "unsupported type", detail: ".bin" } });
    for (let done = 32; done <= 320; done += 32) {
      clock += 1000;
      progress.update({ stage: "embed", done, total: 320 });
    }
    progress.log("a log line");
    progress.update({ stage: "pack" });
    const out = progress.stop();
    expect(lines).toEqual([
      "index: reading files… 1/2 (50%)",
      "index: embedding passages… 32/320 (10%)",
      "index: embedding passages… 128/320 (40%), 3 s",
      "index: embedding passages… 224/320 (70%), 6 s",
      "index: embedding passages… 320/320 (100%), 9 s",
      "a log line",
      "index: packing the keyword index…",
    ]);
    expect(out).toContain("files read:    1");
    expect(out).toContain("passages:      3");
    expect(out).toContain("unsupported type (1): b.bin [.bin]");
  });
});

describe("summary", () => {
  it("counts files and passages, names encodings, and groups skipped files by reason", () => {
    const skipped = Array.from({ length: 12 }, (_, i) => ({ skipped: true as const, file: `n${i}.bin`, reason: "not text" as const }));
    const text = summary([{ file: "a.txt", passages: 2 }, { file: "g.txt", passages: 5, encoding: "GB18030" }], skipped, 2500);
    expect(text).toBe(
      [
        "Index summary (2.5 s)",
        "  files read:    2 (not UTF-8: g.txt GB18030)",
        "  passages:      7",
        "  files skipped: 12",
        "    not text (12): n0.bin, n1.bin, n2.bin, n3.bin, n4.bin, n5.bin, n6.bin, n7.bin, n8.bin, n9.bin, and 2 more",
        "",
      ].join("\n"),
    );
  });
});
