/**
 * `npx tsx bench/diagnose.ts <eval report.json> [--n 50]` — sorts the answerable misses of an eval
 * report (`npm run eval -- --split train …` writes one) into where they went wrong: declined, wrong
 * passage, right passage but a sentence without the gold, right sentence but the quoted clause cut the
 * gold, or the gold quoted but the short answer off. Prints the counts and the first N of each kind.
 * Read it on the train split only (never tune on held-out).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCommandLine } from "../bots/cli-args.js";
import { prepareSet, type EvalSet } from "./lib/eval-sets.js";
import type { EvalReport } from "./lib/eval-run.js";
import { loadCorpus } from "../src/corpus/load.js";
import { normalize } from "../src/text/normalize.js";

const { values: args, positionals } = parseCommandLine({ allowPositionals: true, options: { n: { type: "string", default: "12" } } }, "Usage: npx tsx bench/diagnose.ts <eval report.json> [--n 50]");
const report = JSON.parse(await readFile(positionals[0]!, "utf8")) as EvalReport;
const n = Number(args.n);
const dir = await mkdtemp(join(tmpdir(), "diagnose-"));
const classes = new Map<string, string[]>();
try {
  await prepareSet(report.meta.set as EvalSet, dir, report.meta.split);
  const corpus = await loadCorpus(dir);
  const sentencesOf = (target: string) =>
    corpus.passages.filter((p) => p.doc === target || p.id === target).flatMap((p) => p.sentences.map((s) => normalize(s.text)));
  for (const r of report.results) {
    if (r.unanswerable) continue;
    const golds = r.golds.map(normalize);
    const text = normalize(r.text);
    let cls: string;
    if (r.abstained) cls = "declined";
    else if (r.rank !== 1) cls = "wrong passage";
    else if (golds.some((g) => text.includes(g))) cls = r.em === 1 ? "right" : r.f1 >= 0.5 ? "short partly right" : "short wrong (gold quoted)";
    else {
      const gold = sentencesOf(r.target!).filter((s) => golds.some((g) => s.includes(g)));
      const body = text.replace(/。$/u, "");
      if (gold.length === 0) cls = "gold spans sentences";
      else if (gold.some((s) => s.includes(body))) cls = "clause cut the gold";
      else cls = "wrong sentence";
    }
    const line = `${r.question} → short「${r.short}」 quote「${r.text.slice(0, 80)}」 gold「${r.golds[0]!.slice(0, 60)}」`;
    classes.set(cls, [...(classes.get(cls) ?? []), line]);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
const total = [...classes.values()].reduce((a, b) => a + b.length, 0);
for (const [cls, lines] of [...classes].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`\n## ${cls}: ${lines.length} (${((100 * lines.length) / total).toFixed(1)}%)`);
  if (cls !== "right") for (const l of lines.slice(0, n)) console.log(`  ${l}`);
}
