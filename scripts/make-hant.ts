/**
 * `npm run make:hant` — writes src/messages/zh-hant.ts, the replies' wording in Traditional script, from
 * src/messages/zh.ts with OpenCC (opencc-js, cn → tw: characters and their Taiwan variants, not vocabulary).
 * Edit zh.ts and run it again; test/messages.test.ts checks that the two stay in step.
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import * as OpenCC from "opencc-js/cn2t";

const convert = (OpenCC as { Converter(o: { from: string; to: string }): (s: string) => string }).Converter({ from: "cn", to: "tw" });

/** The source of src/messages/zh-hant.ts, from that of src/messages/zh.ts. */
export function hantSource(zh: string): string {
  const start = zh.indexOf("export const zh = {");
  const end = zh.indexOf("export type Messages");
  if (start < 0 || end < start) throw new Error("src/messages/zh.ts: expected `export const zh = {…}` before `export type Messages`");
  return (
    "// Written by `npm run make:hant` (scripts/make-hant.ts) from src/messages/zh.ts with opencc-js (cn → tw); do not edit by hand.\n" +
    'import { chineseDate, type Messages } from "./zh.js";\n\n' +
    "/** Every user-facing word in Chinese, Traditional script: for questions written in it and clients set to it. */\n" +
    convert(zh.slice(start, end).replace("export const zh = {", "export const zhHant: Messages = {")).trimEnd() +
    "\n"
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const zh = await readFile(new URL("../src/messages/zh.ts", import.meta.url), "utf8");
  const file = new URL("../src/messages/zh-hant.ts", import.meta.url);
  await writeFile(file, hantSource(zh));
  console.log(`→ ${file.pathname}`);
}
