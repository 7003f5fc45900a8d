/**
 * The shared reading-comprehension sets (`../shared/datasets/`: CMRC 2018 trial, DRCD dev), read
 * once, split once, scored with the official CMRC 2018 metric. Every script that fits or reports on
 * them (eval, train, bench) goes through this module, so the split is the same everywhere.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";

export const SETS = ["cmrc", "drcd"] as const;
export type SetName = (typeof SETS)[number];
export const SPLITS = ["train", "heldout", "all"] as const;
export type Split = (typeof SPLITS)[number];

/** Where each set lives under the shared folder. */
const FILES: Record<SetName, string> = {
  cmrc: "cmrc2018/cmrc2018_trial.json",
  drcd: "drcd/DRCD_dev.json",
};

/**
 * The shared datasets folder: `SHARED_DATASETS` when set, else `../shared/datasets` beside the
 * repository (where CI lays it).
 */
export function datasetsDir(): string {
  return resolve(process.env.SHARED_DATASETS ?? new URL("../../../shared/datasets", import.meta.url).pathname);
}

export const datasetsAvailable = (): boolean => SETS.every((s) => existsSync(join(datasetsDir(), FILES[s])));

const squadSchema = z.object({
  data: z.array(
    z.object({
      title: z.string(),
      paragraphs: z.array(
        z.object({
          id: z.string().optional(),
          context: z.string(),
          qas: z.array(z.object({ id: z.string(), question: z.string(), answers: z.array(z.object({ text: z.string() })) })),
        }),
      ),
    }),
  ),
});

/** One question of a set, with the article file its gold passage is written to. */
export interface DatasetQuestion {
  id: string;
  question: string;
  /** Gold answers (spans of the passage); de-duplicated. */
  answers: string[];
  /** Article id (seed file name without extension) holding the gold passage. */
  doc: string;
}

/** One passage of a set, written as one article: `title` on the first line, `context` after. */
export interface DatasetPassage {
  doc: string;
  title: string;
  context: string;
}

export interface Dataset {
  set: SetName;
  split: Split;
  passages: DatasetPassage[];
  questions: DatasetQuestion[];
}

/**
 * Which half an article belongs to: a hash of the set and the article title, so every passage of one
 * Wikipedia article (and so every question about it) is on the same side. Roughly half each.
 */
export function splitOf(set: SetName, title: string): Exclude<Split, "all"> {
  return createHash("sha256").update(`${set}:${title}`).digest()[0]! < 128 ? "train" : "heldout";
}

/**
 * Reads one set (or one split of it). The passages of the split are the articles; questions are the
 * split's questions.
 *
 * @example const { passages, questions } = await loadDataset("cmrc", "heldout");
 */
export async function loadDataset(set: SetName, split: Split = "all"): Promise<Dataset> {
  const file = join(datasetsDir(), FILES[set]);
  const parsed = squadSchema.parse(JSON.parse(await readFile(file, "utf8")));
  const passages: DatasetPassage[] = [];
  const questions: DatasetQuestion[] = [];
  parsed.data.forEach((article, a) => {
    if (split !== "all" && splitOf(set, article.title) !== split) return;
    article.paragraphs.forEach((p, i) => {
      const doc = `${set}_${String(a).padStart(4, "0")}_${String(i).padStart(3, "0")}`;
      passages.push({ doc, title: article.title, context: p.context });
      for (const qa of p.qas) questions.push({ id: qa.id, question: qa.question, answers: [...new Set(qa.answers.map((x) => x.text))], doc });
    });
  });
  return { set, split, passages, questions };
}

/** Writes each passage as `<doc>.txt` (title, blank line, context) into `dir`. */
export async function writeSeeds(dir: string, passages: DatasetPassage[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const p of passages) await writeFile(join(dir, `${p.doc}.txt`), `${p.title}\n\n${p.context.replace(/\s*\n\s*/gu, "\n")}\n`);
}

// ---- the official CMRC 2018 metric ----

const PUNCT = new Set([..."-:_*^/\\~`+=，。：？！“”；’《》……·、「」（）－～『』"]);

/** Tokens as the official script counts them: each Han character alone, runs of others split on spaces. */
export function metricTokens(text: string): string[] {
  const out: string[] = [];
  let run = "";
  const flush = () => {
    for (const t of run.split(/\s+/u)) if (t) out.push(t);
    run = "";
  };
  for (const ch of text.toLowerCase()) {
    if (PUNCT.has(ch)) continue;
    if (/\p{Script=Han}/u.test(ch)) {
      flush();
      out.push(ch);
    } else run += ch;
  }
  flush();
  return out;
}

function lcsLength(a: string[], b: string[]): number {
  // Longest common substring (contiguous), as the official script computes it.
  let best = 0;
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : 0;
      if (prev[j]! > best) best = prev[j]!;
      diag = up;
    }
  }
  return best;
}

/**
 * EM and F1 (both 0..1) of one prediction against its gold answers, the best over the golds.
 *
 * @example cmrcScore("150万平方米", ["150万平方米"]) // { em: 1, f1: 1 }
 */
export function cmrcScore(prediction: string, golds: string[]): { em: number; f1: number } {
  const p = metricTokens(prediction);
  let em = 0;
  let f1 = 0;
  for (const gold of golds) {
    const g = metricTokens(gold);
    if (p.join("") === g.join("")) em = 1;
    const l = lcsLength(p, g);
    if (l > 0) f1 = Math.max(f1, (2 * (l / p.length) * (l / g.length)) / (l / p.length + l / g.length));
  }
  return { em, f1 };
}
