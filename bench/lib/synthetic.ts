import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { prng } from "../../scripts/prng.js";

/** Passages per generated article file. */
const PER_DOC = 100;
const END = /[。！？]/u;


/**
 * A word-bigram chain over the seed paragraphs: generated text has the seed's vocabulary and local
 * word order (so keyword and n-gram statistics look like news), with random jumps and figures
 * re-drawn so passages differ.
 */
function chain(paragraphs: string[]) {
  const jieba = Jieba.withDict(dict);
  const words = paragraphs.flatMap((p) => jieba.cut(p.replace(/\s+/g, ""), false));
  const next = new Map<string, string[]>();
  for (let i = 0; i + 1 < words.length; i++) {
    const list = next.get(words[i]!) ?? [];
    list.push(words[i + 1]!);
    next.set(words[i]!, list);
  }
  return { words, next };
}

/**
 * Writes `size` synthetic passages as article files under `dir` (100 paragraphs each, with title and
 * date lines as the seed has), generated deterministically from `seedParagraphs`.
 *
 * @example await writeSyntheticCorpus("/tmp/c1k", 1000, corpus.passages.map((p) => p.text));
 */
export async function writeSyntheticCorpus(dir: string, size: number, seedParagraphs: string[], seed = 42): Promise<void> {
  const { words, next } = chain(seedParagraphs);
  const rand = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const paragraph = (target: number) => {
    let w = pick(words);
    let out = "";
    while (out.length < target || !END.test(out.at(-1)!)) {
      out += /^\d/.test(w) ? redraw(w, rand) : w;
      const options = next.get(w);
      w = !options || rand() < 0.12 ? pick(words) : pick(options);
      if (out.length > target * 2) break;
    }
    return END.test(out.at(-1)!) ? out : `${out}。`;
  };
  await mkdir(dir, { recursive: true });
  for (let d = 0; d * PER_DOC < size; d++) {
    const count = Math.min(PER_DOC, size - d * PER_DOC);
    const body = Array.from({ length: count }, () => paragraph(120 + Math.floor(rand() * 240)));
    const day = String(1 + (d % 28)).padStart(2, "0");
    const title = paragraph(12).replace(/[。！？,，、“”]/gu, "").slice(0, 24);
    await writeFile(join(dir, `syn_${String(d).padStart(5, "0")}.txt`), `${title}\n\n${day}.05.2016  10:31\n\n${body.join("\n\n")}\n`);
  }
}

/** Keeps a figure's shape (digits, decimal point) but draws new digits: 22.88 → 61.07. */
const redraw = (figure: string, rand: () => number) =>
  figure.replace(/\d/g, (d, i: number) => String(i === 0 && d !== "0" ? 1 + Math.floor(rand() * 9) : Math.floor(rand() * 10)));
