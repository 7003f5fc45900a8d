/**
 * `npm run make:t2s` — writes src/lang/zh/t2s-data.ts: every Traditional character that OpenCC
 * (opencc-js, t → cn) maps to one Simplified character, as pairs. The core folds text with this table
 * character for character (offsets stay the same), so it needs no converter at run time.
 */
import { readFile, writeFile } from "node:fs/promises";
import * as OpenCC from "opencc-js/t2cn";

const convert = (OpenCC as { Converter(o: { from: string; to: string }): (s: string) => string }).Converter({ from: "t", to: "cn" });
let from = "";
let to = "";
for (let cp = 0x3400; cp <= 0x9fff; cp++) {
  const ch = String.fromCodePoint(cp);
  const s = convert(ch);
  if (s !== ch && [...s].length === 1) (from += ch), (to += s);
}
const { version } = JSON.parse(await readFile(new URL("../node_modules/opencc-js/package.json", import.meta.url), "utf8")) as { version: string };
const file = new URL("../src/lang/zh/t2s-data.ts", import.meta.url);
await writeFile(
  file,
  `// Written by \`npm run make:t2s\` (scripts/make-t2s.ts) from opencc-js ${version} (t → cn); do not edit by hand.\n` +
    `export const TRADITIONAL = ${JSON.stringify(from)};\nexport const SIMPLIFIED = ${JSON.stringify(to)};\n`,
);
console.log(`${from.length} characters → ${file.pathname}`);
