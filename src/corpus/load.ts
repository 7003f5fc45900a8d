import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { Corpus } from "./corpus.js";
import { parseDocument } from "./parse.js";

const EXTENSIONS = new Set([".txt", ".md"]);

/**
 * Reads every `.txt` / `.md` article in `dir`, in name order. A missing folder is an empty corpus
 * (the caller tells the user how to fill it); an unreadable file is skipped with a warning.
 *
 * @example const corpus = await loadCorpus("seeds");
 */
export async function loadCorpus(dir: string, warn: (msg: string) => void = () => {}): Promise<Corpus> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => EXTENSIONS.has(extname(n).toLowerCase())).sort();
  } catch {
    warn(`seeds folder ${dir} is missing: put articles (.txt or .md) into it`);
    names = [];
  }
  const hash = createHash("sha256");
  const documents = [];
  for (const name of names) {
    let raw: string;
    try {
      raw = await readFile(join(dir, name), "utf8");
    } catch (err) {
      warn(`cannot read ${join(dir, name)}, skipped: ${(err as Error).message}`);
      continue;
    }
    hash.update(name).update("\0").update(raw).update("\0");
    const doc = parseDocument(basename(name, extname(name)), name, raw, ({ line, text }) =>
      warn(`${join(dir, name)}:${line}: dropped a trailing headline-like line: ${[...text].slice(0, 40).join("")}`),
    );
    if (doc.passages.length === 0) warn(`${join(dir, name)} has no paragraphs, skipped`);
    else documents.push(doc);
  }
  return { documents, passages: documents.flatMap((d) => d.passages), hash: hash.digest("hex") };
}
