import { readdir } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { distance } from "fastest-levenshtein";
import { ARTICLE_EXTENSIONS } from "../src/index.js";
import { ConfigError } from "./config.js";

/** An unknown key and the setting it most likely meant. */
export interface Misspelling {
  key: string;
  likely: string;
}

/** The shell's own variables, never a slip for a setting (HOME is two letters from HOST). */
const SYSTEM_VARIABLES = new Set(["HOME", "PATH", "USER", "SHELL", "LANG", "TERM", "PWD", "TMPDIR", "HOSTNAME", "LOGNAME"]);

/**
 * Keys (from `.env`) that are not settings but look like one: a small edit away (`TELEGRAM_BOT_TOKNE`),
 * or the same words with one more or less (`TELEGRAM_TOKEN` for `TELEGRAM_BOT_TOKEN`) or one other. Unrelated keys
 * (`NODE_OPTIONS`) are left alone.
 *
 * @example
 * misspelledSettings(["TELEGRAM_TOKEN"], ["TELEGRAM_BOT_TOKEN", "DISCORD_TOKEN"]);
 * // [{ key: "TELEGRAM_TOKEN", likely: "TELEGRAM_BOT_TOKEN" }]
 */
export function misspelledSettings(keys: Iterable<string>, known: readonly string[]): Misspelling[] {
  const settings = new Set(known);
  const out: Misspelling[] = [];
  for (const key of keys) {
    const upper = key.toUpperCase();
    if (settings.has(key) || SYSTEM_VARIABLES.has(key)) continue;
    if (settings.has(upper)) {
      out.push({ key, likely: upper });
      continue;
    }
    const close = known
      .map((k) => ({ k, d: distance(upper, k) }))
      .filter(({ k, d }) => d <= Math.max(2, Math.floor(k.length / 5)) || sameWordsBut(upper, k))
      .sort((a, b) => a.d - b.d)[0];
    if (close) out.push({ key, likely: close.k });
  }
  return out;
}

/**
 * Same first word and one word more, less or different: TELEGRAM_TOKEN / TELEGRAM_BOT_TOKEN,
 * TELEGRAM_API_URL / TELEGRAM_API_ROOT.
 */
function sameWordsBut(a: string, b: string): boolean {
  const [wa, wb] = [a.split("_").filter(Boolean), b.split("_").filter(Boolean)];
  if (wa.length < 2 || wb.length < 2 || wa[0] !== wb[0]) return false;
  const [small, big] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  if (big.length - small.length === 1) return small.every((w) => big.includes(w));
  return big.length === small.length && big.length >= 3 && small.filter((w, i) => w !== big[i]).length === 1;
}

/** The warning for one misspelled key. */
export function misspellingWarning({ key, likely }: Misspelling): string {
  return `.env: ${key} is not a setting and is ignored; did you mean ${likely}? (see .env.example)`;
}

/**
 * Stops start-up when the articles folder is missing or holds no article, naming the folder and the fix:
 * an assistant over no articles can only decline.
 *
 * @example await checkSeedsDir(config.SEEDS_DIR); // throws ConfigError naming SEEDS_DIR
 */
export async function checkSeedsDir(dir: string): Promise<void> {
  const where = resolve(dir);
  const kinds = ARTICLE_EXTENSIONS.join(" ");
  let names: string[];
  try {
    names = await readdir(where);
  } catch {
    throw new ConfigError(`SEEDS_DIR folder ${where} does not exist: create it and put articles (${kinds}) in it, or point SEEDS_DIR at yours.`);
  }
  if (!names.some((n) => ARTICLE_EXTENSIONS.includes(extname(n).toLowerCase()))) {
    throw new ConfigError(`SEEDS_DIR folder ${where} holds no articles (${kinds}): put articles in it, or point SEEDS_DIR at yours.`);
  }
}
