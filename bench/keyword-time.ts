/**
 * The keyword side of a question alone, on a folder written by `bench/scale-check.ts`: loads `keyword.bin`,
 * cuts every planned question (warm-up and timed) as retrieval does, and times `search(terms, 200)` and
 * `searchGroups(terms, 50)` (what `retrieve` asks) over all of them, `--rounds` times; prints ms per question.
 *
 *   npx tsx bench/keyword-time.ts --dir /tmp/scale-10000 [--rounds 3]
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseCommandLine } from "../bots/cli-args.js";
import { decodeSegment, searchSegments } from "../src/retrieval/keyword-index.js";
import { readSavedIndex } from "../src/retrieval/index-store.js";
import { createTokenizer } from "../src/text/tokenize.js";

const { values } = parseCommandLine({ options: { dir: { type: "string" }, rounds: { type: "string" } } }, "Usage: npx tsx bench/keyword-time.ts --dir /tmp/scale-10000 [--rounds 3]");
const dir = values.dir ?? "/tmp/scale-10000";
const saved = await readSavedIndex(join(dir, "index"));
if (!("terms" in saved)) throw new Error(`no built index in ${dir}/index: run bench/scale-check.ts first`);
const tokenizer = createTokenizer(saved.terms);
const index = searchSegments([{ segment: decodeSegment(await readFile(join(dir, "index", "keyword.bin"))) }]);
const plan = JSON.parse(await readFile(join(dir, "plan.json"), "utf8")) as { warmup: { question: string }[]; timed: { question: string }[] };
const questions = [...plan.warmup, ...plan.timed].map((q) => tokenizer.terms(q.question));
const rounds = [];
for (let r = 0; r < Number(values.rounds ?? 3); r++) {
  let t = performance.now();
  for (const q of questions) index.search(q, 200);
  const search = (performance.now() - t) / questions.length;
  t = performance.now();
  for (const q of questions) index.searchGroups(q, 50);
  rounds.push({ search: +search.toFixed(3), searchGroups: +((performance.now() - t) / questions.length).toFixed(3) });
}
console.log(JSON.stringify({ units: index.size, questions: questions.length, msPerQuestion: rounds }));
