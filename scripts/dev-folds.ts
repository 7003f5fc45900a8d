/**
 * Honest figures for the sentence choice and the decline decision: k folds by article (CMRC, DRCD train
 * split; the seed set by article or conversation), the models fitted on k − 1 folds and measured on the
 * fold left out. The held-out split is never read.
 *
 *   npx tsx scripts/dev-folds.ts --collect /tmp/asked.json     # ask every train question once, keep the candidates
 *   npx tsx scripts/dev-folds.ts --from /tmp/asked.json        # fit and measure by folds (seconds)
 *
 * The sentence chosen is the fold's model's best, re-ranked by span support as the assistant does it (the committed
 * `sentence.rerank` weight and reach; the `replies` row is the assistant's own replies).
 * Measured per set on the left-out folds: hit@1 (the chosen sentence's article is the gold one, declined or
 * not, as eval counts the first citation), contains (answered with a sentence that holds a gold answer),
 * declined (share of answerable questions), and for the seed set right (answered right or declined when
 * unanswerable) and the unanswerable declined.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCommandLine } from "../bots/cli-args.js";
import { prepareSet, type EvalSet } from "../bench/lib/eval-sets.js";
import type { Candidate } from "../src/answer/answer.js";
import { rerankHead, SENTENCE_FEATURES } from "../src/answer/features.js";
import { normalize } from "../src/text/normalize.js";
import { declineFeatures } from "./decline-features.js";
import { dot, fitConditionalLogit } from "./fit-logit.js";
import { fitTrees } from "./boost-fit.js";
import { treeScore } from "../src/answer/boost.js";
import { fitLogistic, sigmoid } from "./fit-logistic.js";
import { declineThreshold } from "./decline-threshold.js";

const { values: args } = parseCommandLine({
  options: {
    collect: { type: "string" },
    from: { type: "string" },
    folds: { type: "string", default: "5" },
    sets: { type: "string", default: "cmrc,drcd,seed" },
    seed: { type: "string", default: "7" },
    epochs: { type: "string", default: "40" },
    /** Which features the sentence model leaves out (comma-separated names), to measure each one's worth. */
    drop: { type: "string", default: "" },
    "decline-share": { type: "string", default: "0.04" },
    /** What the logistic decline model learns: right (the chosen sentence answers) or answerable (weighted by --unanswerable-weight). */
    label: { type: "string", default: "right" },
    "unanswerable-weight": { type: "string", default: "1" },
    /** Boosted trees over the sentence features on top of the linear sentence model (0: none). */
    trees: { type: "string", default: "0" },
    depth: { type: "string", default: "3" },
    /** Count the rules' declines in the decline share (the threshold leaves room for them). */
    "rule-aware": { type: "boolean", default: false },
    /** Target of a sentence of the gold article that holds no gold answer (0: none), so the choice learns the article too. */
    "passage-target": { type: "string", default: "0" },
  },
}, "Usage: npx tsx scripts/dev-folds.ts --collect /tmp/asked.json   |   npx tsx scripts/dev-folds.ts --from /tmp/asked.json");

/** One question as the assistant saw it. */
export interface Asked {
  set: EvalSet;
  question: string;
  fold: string;
  abstain: boolean;
  /** Reached the sentence model (not a command, a publication date…). */
  viaAnswer: boolean;
  focusKnown: boolean;
  english: boolean;
  /** The reply as eval scores it. */
  reply: { abstained: boolean; hit: boolean; holds: boolean; text: string };
  candidates: { x: number[]; confidence: number; foreign: boolean; inTarget: boolean; right: boolean; sentence: string; support: number }[];
}

if (args.collect) {
  const out: Asked[] = [];
  const { createAssistant } = await import("../src/assistant.js");
  for (const set of args.sets!.split(",") as EvalSet[]) {
    const dir = await mkdtemp(join(tmpdir(), "dev-folds-"));
    try {
      const items = await prepareSet(set, join(dir, "seeds"), set === "seed" ? "all" : "train");
      let seen: Candidate[] = [];
      let info = { focusKnown: true, english: false };
      const assistant = await createAssistant({
        seedsDir: join(dir, "seeds"),
        indexDir: join(dir, "index"),
        embedder: "hashed",
        answer: { observe: (c, q) => ((seen = c), (info = q)) },
      });
      for (const item of items) {
        seen = [];
        const reply = await assistant.ask(`dev:${item.chat ?? item.id}`, item.question);
        const golds = item.golds.map(normalize);
        const inTarget = (passage: string) => (item.level === "doc" ? passage.startsWith(`${item.target}#`) : passage === item.target);
        const holds = item.required.every((s) => reply.text.includes(s)) && (item.anyOf.length === 0 || item.anyOf.some((s) => reply.text.includes(s)));
        const first = reply.citations[0]?.passage;
        out.push({
          set,
          question: item.question,
          fold: set === "seed" ? (item.target?.split("#")[0] ?? item.chat ?? item.id) : `${set}:${item.target!.split("_")[1]}`,
          abstain: item.abstain,
          viaAnswer: seen.length > 0,
          ...info,
          reply: { abstained: reply.abstained, hit: first !== undefined && item.target !== null && inTarget(first), holds: !item.abstain && !reply.abstained && holds, text: reply.text },
          candidates: seen.map((c) => ({
            x: c.features,
            confidence: c.confidence,
            foreign: c.foreign,
            sentence: c.sentence,
            support: c.support ?? 0,
            inTarget: item.target !== null && inTarget(c.passage),
            right: !item.abstain && item.target !== null && inTarget(c.passage) && golds.some((g) => normalize(c.sentence).includes(g)),
          })),
        });
      }
      await assistant.close();
      console.error(`${set}: ${items.length} questions asked`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  await writeFile(args.collect, JSON.stringify({ features: SENTENCE_FEATURES, asked: out }));
  console.error(`wrote ${args.collect}`);
}

if (args.from) {
  const { features, asked } = JSON.parse(await readFile(args.from, "utf8")) as { features: string[]; asked: Asked[] };
  const k = Number(args.folds);
  const foldOf = (a: Asked) => createHash("sha256").update(a.fold).digest()[0]! % k;
  const drop = new Set(args.drop!.split(",").filter(Boolean));
  const keep = features.map((f, i) => (drop.has(f) ? -1 : i)).filter((i) => i >= 0);
  const xs = (x: number[]) => keep.map((i) => x[i]!);
  const fit = { epochs: Number(args.epochs), l2: 0.001, seed: Number(args.seed), rate: 0.05, power: 20 };
  const share = Number(args["decline-share"]);
  const { rerank } = (await import("../src/answer/weights.js")).modelWeights().sentence;

  type Outcome = { set: EvalSet; abstain: boolean; hit: boolean; contains: boolean; declined: boolean; rightSentence: boolean | null };
  const results: Record<string, Outcome[]> = { quantile: [], logistic: [], replies: [] };
  for (let f = 0; f < k; f++) {
    const train = asked.filter((a) => foldOf(a) !== f && a.viaAnswer && !a.english);
    const dev = asked.filter((a) => foldOf(a) === f);
    const pt = Number(args["passage-target"]);
    const groups = train
      .filter((a) => a.candidates.some((c) => c.right || (pt > 0 && c.inTarget)))
      .map((a) => ({ x: a.candidates.map((c) => xs(c.x)), f1: a.candidates.map((c) => (c.right ? 1 : c.inTarget ? pt : 0)) }));
    const ws = fitConditionalLogit(groups, keep.length, pt > 0 ? { ...fit, power: 1 } : fit);
    const trees =
      Number(args.trees) > 0
        ? fitTrees(
            groups.map((g) => {
              const z = g.f1.reduce((p, q) => p + q, 0);
              return { x: g.x, base: g.x.map((x) => dot(ws, x)), t: g.f1.map((v) => v / z) };
            }),
            { rounds: Number(args.trees), depth: Number(args.depth), shrink: 0.1, lambda: 1, bins: 32 },
          )
        : [];
    const topOf = (a: Asked) => {
      const s = a.candidates.map((c) => dot(ws, xs(c.x)) + treeScore(trees, xs(c.x)));
      const order = s.map((_, i) => i).sort((p, q) => s[q]! - s[p]!);
      // The assistant's re-ranking of the best few by span support (src/answer/answer.ts), with the committed weight and reach.
      if (rerank) rerankHead(order, (i) => s[i]!, (i) => a.candidates[i]!.support ?? 0, rerank);
      return { top: a.candidates[order[0]!]!, scores: order.map((i) => s[i]!), ranked: order.map((i) => a.candidates[i]!) };
    };
    // Baseline: the per-set quantile of top confidences on the training folds.
    const ruled = (a: Asked) => !a.focusKnown || topOf(a).top.foreign;
    const tops = train.map((a) => ({ confidence: topOf(a).top.confidence, unanswerable: a.abstain, set: a.set, ruled: args["rule-aware"] && ruled(a) }));
    const minConfidence = declineThreshold(tops, share);
    // Logistic: P(the chosen sentence answers) from the chosen sentence's features, one threshold for all sets.
    const uw = Number(args["unanswerable-weight"]);
    const rows = train.flatMap((a) => {
      const t = topOf(a);
      const x = declineFeatures(t.ranked, t.scores);
      if (args.label === "right") return [{ x, y: t.top.right ? 1 : 0, a }];
      if (args.label === "answerable-right" && !a.abstain && !t.top.right) return [];
      return a.abstain ? Array.from({ length: uw }, () => ({ x, y: 0, a })) : [{ x, y: 1, a }];
    });
    const wd = fitLogistic(rows.map((r) => r.x), rows.map((r) => r.y), { epochs: 500, l2: 0.001, rate: 0.5 });
    const p = rows.map((r) => sigmoid(dot(wd, r.x)));
    const pTops = rows.map((r, i) => ({ confidence: p[i]!, unanswerable: r.a.abstain, set: r.a.set, ruled: args["rule-aware"] && ruled(r.a) }));
    const minP = declineThreshold(pTops, share);
    for (const a of dev) {
      const base = { set: a.set, abstain: a.abstain };
      results.replies!.push({ ...base, hit: a.reply.hit, contains: a.reply.holds, declined: a.reply.abstained, rightSentence: null });
      if (!a.viaAnswer || a.english) {
        for (const m of ["quantile", "logistic"]) results[m]!.push({ ...base, hit: a.reply.hit, contains: a.reply.holds, declined: a.reply.abstained, rightSentence: null });
        continue;
      }
      const t = topOf(a);
      const rule = !a.focusKnown || t.top.foreign;
      const hasRight = a.candidates.some((c) => c.right);
      const outcome = (declined: boolean): Outcome => ({ ...base, hit: t.top.inTarget, contains: !declined && t.top.right, declined, rightSentence: hasRight ? t.top.right : null });
      results.quantile!.push(outcome(rule || t.top.confidence < minConfidence));
      results.logistic!.push(outcome(rule || sigmoid(dot(wd, declineFeatures(t.ranked, t.scores))) < minP));
    }
  }
  const pct = (xs: boolean[]) => (xs.length ? ((100 * xs.filter(Boolean).length) / xs.length).toFixed(1) : "–");
  console.log(`features: ${keep.length} (dropped: ${[...drop].join(",") || "none"}); folds ${k}; decline share ${share}; rule-aware ${args["rule-aware"]}; passage target ${args["passage-target"]}`);
  for (const [name, rs] of Object.entries(results)) {
    const line = (["cmrc", "drcd", "seed"] as EvalSet[])
      .map((set) => {
        const r = rs.filter((o) => o.set === set);
        const ans = r.filter((o) => !o.abstain);
        const un = r.filter((o) => o.abstain);
        const rightSentence = ans.map((o) => o.rightSentence).filter((v) => v !== null) as boolean[];
        const extra = set === "seed" ? ` right ${pct(r.map((o) => (o.abstain ? o.declined : o.contains)))} unansDeclined ${pct(un.map((o) => o.declined))}` : "";
        return `${set}: hit@1 ${pct(ans.map((o) => o.hit))} contains ${pct(ans.map((o) => o.contains))} declined ${pct(ans.map((o) => o.declined))} rightSentence ${pct(rightSentence)}${extra}`;
      })
      .join(" | ");
    console.log(`${name.padEnd(9)} ${line}`);
  }
}
