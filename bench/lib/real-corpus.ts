/**
 * Real-text corpora of any size from the shared CMRC 2018 and DRCD passages: the originals first,
 * then copies, each perturbed so that it is not a duplicate and the index sees vocabulary grow as a
 * real news archive does (new names, new figures), with every question rewritten the same way as
 * the passage it targets. Deterministic: the same size and seed give the same files and questions.
 */
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { prng } from "../../scripts/prng.js";
import { loadDataset, SETS, type DatasetPassage, type SetName, type Split } from "./datasets.js";

/** A passage of a shared set with its questions and the proper names found in it. */
interface BaseItem extends DatasetPassage {
  set: SetName;
  /** Sentences of `context`, in order. */
  sentences: string[];
  questions: { id: string; question: string; answers: string[] }[];
  /** Names (people, places, organisations, other proper nouns, 3+ character words jieba guessed), longest first. */
  names: string[];
}

/** A question of a generated corpus: its text as asked and the article holding the answer. */
export interface RealQuestion {
  /** `<dataset question id>@<copy>`. */
  id: string;
  question: string;
  answers: string[];
  /** Article id (file name without extension) of the passage it targets. */
  doc: string;
}

export interface RealCorpusPlan {
  /** Passages (= articles) written. */
  passages: number;
  /** How many of them are perturbed copies (the rest are the sets' own passages). */
  copies: number;
  /** Distinct base passages used. */
  base: number;
  /** Warm-up questions (asked before timing), then timed ones; no text appears twice across both. */
  warmup: RealQuestion[];
  timed: RealQuestion[];
  /** Share of timed questions that carry a perturbed name or figure (so they single out their copy). */
  distinctShare: number;
}

const NAME_TAGS = new Set(["nr", "nrfg", "nrt", "ns", "nt", "nz"]);
const HAN_NAME = /^\p{Script=Han}{2,}$/u;
/** A proper noun jieba knows, or a word of 3+ characters it had to guess (mostly transliterated names). */
const isName = (tag: string, word: string) => HAN_NAME.test(word) && (NAME_TAGS.has(tag) || (tag === "x" && word.length >= 3));
const SENTENCE = /[^。！？!?]+(?:[。！？!?]+[”」』"']?|$)/gu;
/** Characters common in names and written alike in Simplified and Traditional script. */
const NAME_POOL = [..."林木山川田石玉金安和平永志宇昌正仁英秀芳光明青春高原宗吉良成江河海泉松柏竹梅雪冬夏秋元文士子可丁方古史白向名米朱伍"];

const bases = new Map<Split, Promise<BaseItem[]>>();

/** Both sets' passages (of one split) with questions and names, read and tagged once per process. */
function loadBase(split: Split): Promise<BaseItem[]> {
  let base = bases.get(split);
  if (base) return base;
  base = (async () => {
    const jieba = Jieba.withDict(dict);
    const items: BaseItem[] = [];
    for (const set of SETS) {
      const { passages, questions } = await loadDataset(set, split);
      const byDoc = groupBy(questions, (q) => q.doc);
      for (const p of passages) {
        const qs = (byDoc.get(p.doc) ?? []).map(({ id, question, answers }) => ({ id, question, answers }));
        const names = new Set<string>();
        for (const text of [p.title, p.context, ...qs.map((q) => q.question)]) {
          for (const { tag, word } of jieba.tag(text, true)) if (isName(tag, word)) names.add(word);
        }
        if (HAN_NAME.test(p.title)) names.add(p.title);
        const sentences = [...p.context.matchAll(SENTENCE)].map((m) => m[0]).filter((s) => s.trim());
        items.push({ ...p, set, sentences, questions: qs, names: withoutOverlaps([...names]) });
      }
    }
    // A fixed interleaving of both sets, so any prefix (1k, 10k…) mixes them.
    return shuffle(items, prng(7));
  })();
  bases.set(split, base);
  return base;
}

/** Rewrites `text` as copy `copy` would: each of `names` becomes a made-up name, digits are permuted. */
function perturbText(text: string, names: string[], copy: number): string {
  if (copy === 0) return text;
  let out = text;
  if (names.length) {
    const re = new RegExp(names.map(escapeRe).join("|"), "gu");
    out = out.replace(re, (m) => madeUpName(m, copy));
  }
  const digits = digitMap(copy);
  return out.replace(/\d/g, (d) => digits[Number(d)]!);
}

/** The same made-up name for the same real one everywhere in a copy, as consistent renaming would give. */
function madeUpName(name: string, copy: number): string {
  const rand = prng(seedOf(`${copy}:${name}`));
  return [...name].map(() => NAME_POOL[Math.floor(rand() * NAME_POOL.length)]!).join("");
}

const digitMaps = new Map<number, string[]>();
/** A permutation of 0–9 for one copy (1990 → 7335): figures change, their shape does not. */
function digitMap(copy: number): string[] {
  let map = digitMaps.get(copy);
  if (!map) {
    map = shuffle([..."0123456789"], prng(seedOf(`digits:${copy}`)));
    digitMaps.set(copy, map);
  }
  return map;
}

/** Copy `copy` of `item`: sentences reordered, one borrowed from another passage of the same set, then renamed. */
function perturbPassage(item: BaseItem, copy: number, sameSet: BaseItem[]): DatasetPassage {
  if (copy === 0) return { doc: item.doc, title: item.title, context: item.context };
  const rand = prng(seedOf(`${copy}:${item.doc}`));
  const sentences = shuffle(item.sentences, rand);
  const donor = sameSet[Math.floor(rand() * sameSet.length)]!;
  if (donor !== item && donor.sentences.length) {
    sentences.splice(Math.floor(rand() * (sentences.length + 1)), 0, donor.sentences[Math.floor(rand() * donor.sentences.length)]!);
  }
  return { doc: copyDoc(item.doc, copy), title: perturbText(item.title, item.names, copy), context: perturbText(sentences.join(""), item.names, copy) };
}

const copyDoc = (doc: string, copy: number) => (copy === 0 ? doc : `${doc}_c${String(copy).padStart(3, "0")}`);

/**
 * Writes `size` passages (one article each: title line, blank line, passage) into `dir` and picks
 * `warmup` + `timed` questions about them, each question text used once. `split` "train" builds it from
 * the training articles alone (for fitting; the bench uses "all").
 *
 * @example const plan = await writeRealCorpus("/tmp/real-10k", 10_000, { warmup: 200, timed: 2000 });
 */
export async function writeRealCorpus(
  dir: string,
  size: number,
  counts: { warmup: number; timed: number },
  seed = 42,
  split: Split = "all",
): Promise<RealCorpusPlan> {
  const items = await loadBase(split);
  const bySet = groupBy(items, (i) => i.set);
  await mkdir(dir, { recursive: true });
  const refs: { item: BaseItem; copy: number; q: number }[] = [];
  let copies = 0;
  for (let n = 0; n < size; n++) {
    const item = items[n % items.length]!;
    const copy = Math.floor(n / items.length);
    if (copy > 0) copies++;
    const p = perturbPassage(item, copy, bySet.get(item.set)!);
    await writeFile(join(dir, `${p.doc}.txt`), `${p.title}\n\n${p.context.replace(/\s*\n\s*/gu, "")}\n`);
    item.questions.forEach((_, q) => refs.push({ item, copy, q }));
  }
  const rand = prng(seed);
  const seen = new Set<string>();
  const picked: (RealQuestion & { distinct: boolean })[] = [];
  for (const { item, copy, q } of shuffle(refs, rand)) {
    if (picked.length >= counts.warmup + counts.timed) break;
    const base = item.questions[q]!;
    const question = perturbText(base.question, item.names, copy);
    if (seen.has(question)) continue;
    seen.add(question);
    // Does the question carry a name or figure that the copies rewrite (so it can single out its copy)?
    const distinct = perturbText(base.question, item.names, copy || 1) !== base.question;
    picked.push({ id: `${base.id}@${copy}`, question, answers: base.answers.map((a) => perturbText(a, item.names, copy)), doc: copyDoc(item.doc, copy), distinct });
  }
  const strip = ({ distinct: _, ...q }: (typeof picked)[number]): RealQuestion => q;
  const timed = picked.slice(counts.warmup);
  return {
    passages: size,
    copies,
    base: Math.min(size, items.length),
    warmup: picked.slice(0, counts.warmup).map(strip),
    timed: timed.map(strip),
    distinctShare: timed.length ? timed.filter((q) => q.distinct).length / timed.length : 0,
  };
}

function shuffle<T>(xs: readonly T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * Longest first, dropping any name whose start overlaps another's end ("XA" and "AB" in "XAB"): text
 * is rewritten left to right, so such a pair would be rewritten one way in the passage and another
 * way in a question that holds only one of them.
 */
function withoutOverlaps(names: string[]): string[] {
  const sorted = names.sort((a, b) => b.length - a.length || a.localeCompare(b));
  const kept: string[] = [];
  const overlaps = (a: string, b: string) => {
    for (let k = 1; k < Math.min(a.length, b.length); k++) if (a.endsWith(b.slice(0, k)) || b.endsWith(a.slice(0, k))) return true;
    return false;
  };
  for (const n of sorted) if (!kept.some((k) => overlaps(k, n))) kept.push(n);
  return kept;
}

function groupBy<T, K>(xs: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

const seedOf = (s: string) => createHash("sha256").update(s).digest().readUInt32LE(0);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
