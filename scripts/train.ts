/**
 * `npm run train` — fits the answer models on the TRAIN split of CMRC 2018 and DRCD plus the project's
 * seed set, and writes them to src/answer/weights-data.ts with what reproduces them (split, seed,
 * sets, commit). The held-out split is never read here.
 *
 *   npm run train -- [--seed 7] [--epochs 40] [--sets cmrc,drcd,seed] [--dev k/K] [--span-only] [--keep-fusion] [--keep-sentence]
 *
 * --dev k/K holds fold k of K of the train split's articles (bench/lib/eval-sets.ts foldOf) out of every fit but
 * retrieval's, reports the span model on that fold's gold sentences, and writes weights fitted without it, so
 * `npm run eval -- --split train --fold k/K` measures them on questions they never saw. --span-only stops after
 * the span model's report (nothing written). --keep-sentence writes the new span model beside the committed
 * sentence model, decline threshold and fusion (only short answers change; ignored with --dev).
 *
 * Span model: a conditional logit over the candidate spans of the sentence that holds the gold answer
 * (softmax over a sentence's candidates, targets weighted by each span's CMRC F1 with the gold, to a power), so it
 * learns which span of a right sentence answers, from questions nobody on the team wrote. Its shape features read
 * tables of what gold spans of each kind look like at their edges (scripts/fit-shapes.ts), counted first: each
 * group's values from the other articles' folds, the written tables from all the training groups.
 * Sentence model: the same over the candidate sentences `assistant.ask` ranks for each question (target:
 * a sentence of the gold passage that holds a gold answer). Decline threshold: the highest confidence
 * below which at most --decline-share (4%) of each set's answerable training questions fall. Retrieval fusion (fitted first, since the
 * sentence model learns on what retrieval returns): scripts/train-fusion.ts.
 */
import { execSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { weightsSource } from "./weights-source.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCommandLine } from "../bots/cli-args.js";
import { cmrcScore } from "../bench/lib/datasets.js";
import { foldOf, parseFold, prepareSet, type EvalItem, type EvalSet } from "../bench/lib/eval-sets.js";
import type { Candidate } from "../src/answer/answer.js";
import { RERANK, rerankHead, SENTENCE_FEATURES } from "../src/answer/features.js";
import { understand } from "../src/answer/query.js";
import type { AnswerKind } from "../src/lang/zh/index.js";
import { SHAPE_SIDES, shapeKeys, SPAN_FEATURES, spanCandidates, spanTreeVector, spanVector, type Span } from "../src/answer/span.js";
import { treeScore, type Tree } from "../src/answer/boost.js";
import { fitTrees } from "./boost-fit.js";
import { fitShapes } from "./fit-shapes.js";
import { loadCorpus } from "../src/corpus/load.js";
import { createKeywordIndex } from "../src/retrieval/keyword-index.js";
import { normalize } from "../src/text/normalize.js";
import { corpusTerms, createTokenizer } from "../src/text/tokenize.js";
import { declineThreshold } from "./decline-threshold.js";
import { dot, evaluate, evaluateScores, fitConditionalLogit, type Group as LogitGroup } from "./fit-logit.js";
import { fitFusion } from "./train-fusion.js";

const { values: args } = parseCommandLine({
  options: {
    seed: { type: "string", default: "7" },
    epochs: { type: "string", default: "40" },
    sets: { type: "string", default: "cmrc,drcd,seed" },
    l2: { type: "string", default: "0.001" },
    rate: { type: "string", default: "0.05" },
    /** Targets ∝ F1^power: higher puts the weight on the best spans only. */
    power: { type: "string", default: "20" },
    /** Boosted trees added to the linear span model (0: none), their depth and shrinkage. */
    rounds: { type: "string", default: "300" },
    depth: { type: "string", default: "4" },
    shrink: { type: "string", default: "0.1" },
    /** How many times each seed-set group counts in the span model's fit (the project's own kind of articles and questions). */
    "seed-weight": { type: "string", default: "2" },
    /** Share of each set's answerable training questions that confidence alone may decline. */
    "decline-share": { type: "string", default: "0.04" },
    dev: { type: "string" },
    "span-only": { type: "boolean", default: false },
    /** Keep the committed retrieval fusion (refit only when retrieval changed: the fit takes minutes). */
    "keep-fusion": { type: "boolean", default: false },
    /** Keep the committed sentence model and decline threshold too: refit the span model only (short answers change, nothing else). */
    "keep-sentence": { type: "boolean", default: false },
  },
}, "Usage: npm run train -- [--seed 7] [--epochs 40] [--sets cmrc,drcd,seed] [--dev k/K] [--span-only] [--keep-fusion] …  (options: see scripts/train.ts)");
const dev = args.dev === undefined ? undefined : parseFold(args.dev, "in");
/** Whether a training question belongs to the dev fold (never the seed set's). */
const inDev = (set: EvalSet, item: EvalItem) => dev !== undefined && set !== "seed" && item.target !== null && foldOf(item.target, dev.of) === dev.index;
const seed = Number(args.seed);
const epochs = Number(args.epochs);
const l2 = Number(args.l2);
const rate = Number(args.rate);
const power = Number(args.power);
const boost = { rounds: Number(args.rounds), depth: Number(args.depth), shrink: Number(args.shrink), lambda: 1, bins: 32 };
const declineShare = Number(args["decline-share"]);
const seedWeight = Number(args["seed-weight"]);
const sets = args.sets!.split(",") as EvalSet[];

/** The committed weights file (read as text before anything is written: the module is loaded later, after the interim write). */
const committed = JSON.parse(
  await readFile(new URL("../src/answer/weights-data.ts", import.meta.url), "utf8").then((text) => text.slice(text.indexOf("= ") + 2, text.lastIndexOf(";"))),
) as { trainedOn: Record<string, unknown>; retrieval: unknown; sentence?: unknown; minConfidence?: number };
const keepSentence = args["keep-sentence"] && !dev;

// Retrieval first: the sentence model below is fitted on what the fitted fusion retrieves.
const retrieval = args["span-only"] ? undefined : args["keep-fusion"] || keepSentence ? committed.retrieval : await fitFusion({ seed });

/** One training group: the candidates of one sentence, with their targets. */
interface Group extends LogitGroup {
  /** In the --dev fold. */
  dev?: boolean;
  /** From the seed set (counts --seed-weight times in the span fit). */
  seed?: boolean;
  /** The set the question comes from (the span model's figures are reported per set too). */
  set?: EvalSet;
  /** What `SpanShapes` are counted and read from: the kind asked, each candidate's edge keys, the article's fold. */
  shape: { kind: AnswerKind; keys: string[][]; fold: number; spans: Span[] };
}

const groups: Group[] = [];
const SHAPE_FOLDS = 5;
for (const set of sets) {
  const dir = await mkdtemp(join(tmpdir(), "train-"));
  try {
    const items = await prepareSet(set, dir, set === "seed" ? "all" : "train");
    const corpus = await loadCorpus(dir);
    const tokenizer = createTokenizer(corpusTerms(corpus.passages.map((p) => p.text)));
    const keyword = createKeywordIndex();
    for (const p of corpus.passages) keyword.add(p.sentences.map((s) => ({ id: s.id, terms: tokenizer.terms(s.text) })));
    const idf = (w: string) => Math.log(1 + (keyword.size + 1) / (keyword.documentFrequency(w) + 0.5));
    let used = 0;
    for (const item of items) {
      const sentence = goldSentence(item, corpus.passages);
      if (!sentence) continue;
      const query = understand(item.question, tokenizer, idf);
      const spans = spanCandidates(sentence, query, tokenizer);
      const f1 = spans.map((s) => cmrcScore(s.text, item.golds).f1);
      if (Math.max(0, ...f1) === 0) continue;
      const norm = query.fold(normalize(sentence));
      const shape = { kind: query.kind, keys: spans.map((s) => shapeKeys(norm, s.start, s.end)), fold: foldOf(item.target!, SHAPE_FOLDS), spans };
      groups.push({ x: [], f1, dev: inDev(set, item), seed: set === "seed", set, shape });
      used++;
    }
    console.error(`${set}: ${used} of ${items.length} questions have a gold sentence`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// What answers look like at their edges (`SpanShapes`): each group's features read from the counts of the other
// articles' folds (so the span model is fitted on what it will see of questions it did not learn from), the
// written tables from all of them (never from the --dev fold).
const shapesOf = (fold?: number) => fitShapes(groups.filter((g) => !g.dev && g.shape.fold !== fold).map((g) => ({ ...g.shape, f1: g.f1 })));
const shapeTables = Array.from({ length: SHAPE_FOLDS }, (_, k) => shapesOf(k));
const SHAPE_AT = SPAN_FEATURES.indexOf(`${SHAPE_SIDES[0]}Shape`);
for (const g of groups) {
  const t = shapeTables[g.shape.fold]!;
  g.shape.spans.forEach((s, k) => SHAPE_SIDES.forEach((side, i) => (s.features[SHAPE_AT + i] = t[side]?.[g.shape.kind]?.[g.shape.keys[k]![i]!] ?? 0)));
  g.x = g.shape.spans.map(spanVector);
  g.tx = g.shape.spans.map(spanTreeVector);
  g.shape.spans = [];
}
const shapes = shapesOf();

/** The sentence of the gold passage (document) that holds a gold answer. */
function goldSentence(item: EvalItem, passages: Awaited<ReturnType<typeof loadCorpus>>["passages"]): string | undefined {
  if (item.abstain || !item.target || item.golds.length === 0) return undefined;
  const inTarget = passages.filter((p) => (item.level === "doc" ? p.doc === item.target : p.id === item.target));
  for (const p of inTarget)
    for (const s of p.sentences) if (item.golds.some((g) => normalize(s.text).includes(normalize(g)))) return s.text;
  return undefined;
}

/** Linear model, then boosted trees on top of its scores. */
function fitSpan(groups: Group[]): { w: number[]; trees: Tree[] } {
  const data = groups.flatMap((g) => (g.seed ? new Array<Group>(seedWeight).fill(g) : [g]));
  const w = fitConditionalLogit(data, SPAN_FEATURES.length, { epochs, l2, seed, rate, power });
  if (boost.rounds <= 0) return { w, trees: [] };
  const trees = fitTrees(
    data.map((g) => {
      const t = g.f1.map((f) => f ** power);
      const z = t.reduce((a, b) => a + b, 0);
      return { x: g.tx!, base: g.x.map((x) => dot(w, x)), t: t.map((v) => v / z) };
    }),
    boost,
  );
  return { w, trees };
}
const spanScores = (g: Group, m: { w: number[]; trees: Tree[] }) => g.x.map((x, k) => dot(m.w, x) + treeScore(m.trees, g.tx![k]!));
// Validation: the --dev fold's groups (or every fifth group) held back from a fit on the rest, linear alone and
// with the trees (and with the first n trees, to see where more stop helping).
const isHeld = (g: Group, i: number) => (dev ? g.dev === true : i % 5 === 0);
const held = fitSpan(groups.filter((g, i) => !isHeld(g, i)));
const validation = groups.filter(isHeld);
const heldLinear = evaluate(validation, held.w);
const heldBoost = evaluateScores(validation, (g) => spanScores(g, held));
console.error(
  `span model on ${dev ? `dev fold ${args.dev}` : "held-back"} groups (${validation.length}): linear F1 ${heldLinear.f1.toFixed(1)} EM ${heldLinear.em.toFixed(1)}; ` +
    `with ${held.trees.length} trees F1 ${heldBoost.f1.toFixed(1)} EM ${heldBoost.em.toFixed(1)}`,
);
// Per set: a change may help one set's annotators and hurt the other's (CMRC marks long spans, DRCD short ones).
for (const set of sets) {
  const of = validation.filter((g) => g.set === set);
  if (of.length === 0) continue;
  const r = evaluateScores(of, (g) => spanScores(g, held));
  console.error(`  ${set} (${of.length}): F1 ${r.f1.toFixed(1)} EM ${r.em.toFixed(1)}`);
}
if (held.trees.length >= 50) {
  const steps = [];
  for (let n = 25; n < held.trees.length; n += held.trees.length >= 200 ? 50 : 25) {
    const r = evaluateScores(validation, (g) => spanScores(g, { w: held.w, trees: held.trees.slice(0, n) }));
    steps.push(`${n}: ${r.f1.toFixed(1)}/${r.em.toFixed(1)}`);
  }
  console.error(`  F1/EM with the first n trees — ${steps.join(", ")}`);
}
if (args["span-only"]) process.exit(0);
const fitted = dev ? held : fitSpan(groups);
const w = fitted.w;
const report = evaluateScores(groups, (g) => spanScores(g, fitted));
const oracle = groups.reduce((a, g) => a + Math.max(...g.f1), 0) / groups.length;
console.error(
  `span model on the training groups: picked-span F1 ${report.f1.toFixed(1)}, EM ${report.em.toFixed(1)} ` +
    `(${groups.length} groups; best candidate F1 ${(100 * oracle).toFixed(1)})`,
);


/** Writes the weights file (TypeScript, so builds carry it like any module). */
const WEIGHTS_FILE = new URL("../src/answer/weights-data.ts", import.meta.url);
const writeWeights = (data: object) => writeFile(WEIGHTS_FILE, weightsSource(data));
const spanModel = { features: [...SPAN_FEATURES], weights: w.map((x) => Math.round(x * 1e4) / 1e4), trees: fitted.trees, shapes };
const commit = (() => {
  try {
    return execSync("git describe --always --dirty", { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
})();
const command = `npm run train -- ${args.dev ? `--dev ${args.dev} ` : ""}--seed ${seed} --epochs ${epochs} --sets ${sets.join(",")} --l2 ${l2} --rate ${rate} --power ${power} --rounds ${boost.rounds} --depth ${boost.depth} --shrink ${boost.shrink} --seed-weight ${seedWeight} --decline-share ${declineShare}${args["keep-fusion"] ? " --keep-fusion" : ""}${keepSentence ? " --keep-sentence" : ""}`;
const spanFigures = {
  groups: groups.length,
  commit,
  date: new Date().toISOString().slice(0, 10),
  spanF1OnGoldSentence: Math.round(report.f1 * 10) / 10,
  spanEMOnGoldSentence: Math.round(report.em * 10) / 10,
  spanF1OnHeldBackGroups: { linear: Math.round(heldLinear.f1 * 10) / 10, withTrees: Math.round(heldBoost.f1 * 10) / 10 },
};
/** What a written file records of its fit: the command, the split, the sets, the seed, the span model's figures, and `more`. */
const trainedOn = (more: object) => ({ command, split: "train (bench/lib/datasets.ts splitOf); the seed set whole", sets, seed, ...spanFigures, ...more });
if (keepSentence) {
  // The committed sentence model, decline threshold and retrieval fusion, with the new span model.
  // (A file written with --keep-sentence already names where its sentence model came from.)
  const { command: sentenceCommand, commit: sentenceCommit, rightSentenceFirst } = (committed.trainedOn.sentenceAndDecline ?? committed.trainedOn) as Record<string, unknown>;
  await writeWeights({
    trainedOn: trainedOn({ sentenceAndDecline: { command: sentenceCommand, commit: sentenceCommit, rightSentenceFirst } }),
    span: spanModel,
    retrieval,
    ...(committed.sentence !== undefined && { sentence: committed.sentence }),
    ...(committed.minConfidence !== undefined && { minConfidence: committed.minConfidence }),
  });
  console.error(`wrote ${WEIGHTS_FILE.pathname} (span model refit; sentence model and decline threshold kept)`);
  process.exit(0);
}
// The assistant asked below checks the file against the code's features: give it the new span model first.
await writeWeights({ trainedOn: { interim: true }, span: spanModel, retrieval });
const { createAssistant } = await import("../src/assistant.js");

/** One question's candidate sentences as the assistant ranked them, with which ones answer. */
interface Asked {
  x: number[][];
  f1: number[];
  confidence: number[];
  /** Each candidate's span support (`SpanReading.support`, src/answer/short.ts). */
  support: number[];
  unanswerable: boolean;
  set: EvalSet;
}
const asked: Asked[] = [];
for (const set of sets) {
  const dir = await mkdtemp(join(tmpdir(), "train-ask-"));
  try {
    const items = await prepareSet(set, join(dir, "seeds"), set === "seed" ? "all" : "train");
    let seen: Candidate[] = [];
    const assistant = await createAssistant({
      seedsDir: join(dir, "seeds"),
      indexDir: join(dir, "index"),
      embedder: "hashed",
      answer: { observe: (c) => (seen = c) },
    });
    for (const item of items) {
      if (inDev(set, item)) continue;
      seen = [];
      await assistant.ask(`train:${item.chat ?? item.id}`, item.question);
      if (seen.length === 0) continue;
      const golds = item.golds.map(normalize);
      const right = (c: Candidate) =>
        !item.abstain &&
        (item.level === "doc" ? c.passage.startsWith(`${item.target}#`) : c.passage === item.target) &&
        golds.some((g) => normalize(c.sentence).includes(g));
      asked.push({
        x: seen.map((c) => c.features),
        f1: seen.map((c) => (right(c) ? 1 : 0)),
        confidence: seen.map((c) => c.confidence),
        support: seen.map((c) => c.support ?? 0),
        unanswerable: item.abstain,
        set,
      });
    }
    await assistant.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
const sentenceGroups = asked.filter((a) => a.f1.includes(1));
console.error(`sentences: ${sentenceGroups.length} of ${asked.length} questions have a right candidate`);
const ws = fitConditionalLogit(sentenceGroups, SENTENCE_FEATURES.length, { epochs, l2, seed, rate, power });
/** The candidate the assistant puts first (src/answer/answer.ts `rerankHead`), re-ranked with `support` within `within`. */
const first = (a: Asked, support: number, within = Infinity) => {
  const s = a.x.map((x) => dot(ws, x));
  const order = [...s.keys()].sort((i, j) => s[j]! - s[i]!);
  return rerankHead(order, (i) => s[i]!, (i) => a.support[i]!, { support, within })[0]!;
};
/** Share of the questions whose first candidate is right, per set. */
const rightFirst = (support: number) =>
  sets.map((set) => sentenceGroups.filter((a) => a.set === set)).map((g) => (g.length ? (100 * g.filter((a) => a.f1[first(a, support)] === 1).length) / g.length : NaN));
const mean = (v: number[]) => v.filter((x) => !Number.isNaN(x)).reduce((a, b, _, all) => a + b / all.length, 0);
// The re-ranking weight: one number, chosen for the mean over the sets (each set counts the same) on the training questions.
let support = 0;
for (const w of [0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1]) if (mean(rightFirst(w)) > mean(rightFirst(support))) support = w;
// How far below the best a sentence may score and still be read: the largest gap at which re-ranking changed a
// training question's first sentence (rounded up), so reading fewer changes none of them.
const gaps = asked.map((a) => {
  const [plain, reranked] = [first(a, 0), first(a, support)];
  return plain === reranked ? 0 : dot(ws, a.x[plain]!) - dot(ws, a.x[reranked]!);
});
const within = Math.ceil(Math.max(0, ...gaps) * 10) / 10;
const sentenceReport = { em: (100 * sentenceGroups.filter((a) => a.f1[first(a, support, within)] === 1).length) / sentenceGroups.length };
const reads = asked.reduce((n, a) => {
  const s = a.x.map((x) => dot(ws, x)).sort((x, y) => y - x);
  return n + s.slice(0, RERANK).filter((v) => s[0]! - v <= within).length;
}, 0);
console.error(
  `sentence model: right sentence first for ${sentenceReport.em.toFixed(1)}% of them; re-ranking the best ${RERANK} within ${within} with support × ${support} ` +
    `(${(reads / asked.length).toFixed(2)} sentences read a question): ${sets.map((set, i) => `${set} ${rightFirst(0)[i]!.toFixed(1)} → ${rightFirst(support)[i]!.toFixed(1)}%`).join(", ")}`,
);
// The decline threshold: confidence of the sentence the assistant puts first.
const top = asked.map((a) => ({ confidence: a.confidence[first(a, support, within)]!, unanswerable: a.unanswerable, set: a.set }));
const minConfidence = declineThreshold(top, declineShare);
const unanswerable = top.filter((t) => t.unanswerable);
const declinedUnanswerable = unanswerable.filter((t) => t.confidence < minConfidence).length;
console.error(`decline below ${minConfidence}: ${declinedUnanswerable} of ${unanswerable.length} unanswerable training questions by confidence alone`);

const data = {
  trainedOn: trainedOn({ rightSentenceFirst: Math.round(sentenceReport.em * 10) / 10 }),
  span: spanModel,
  retrieval,
  sentence: { features: [...SENTENCE_FEATURES], weights: ws.map((x) => Math.round(x * 1e4) / 1e4), ...(support > 0 && { rerank: { support, within } }) },
  minConfidence,
};
await writeWeights(data);
console.error(`wrote ${WEIGHTS_FILE.pathname}`);
