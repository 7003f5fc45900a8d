import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rmdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Folder with the baselines' own package.json; `npm ci` never installs it. */
export const PEERS_DIR = fileURLToPath(new URL("../peers/", import.meta.url));

/** A baseline that could not be loaded, with the reason and the fix. */
export interface Unavailable {
  status: "unavailable";
  reason: string;
}

export interface PeersOptions {
  /** Install `bench/peers` when its node_modules is missing (default true). */
  install?: boolean;
  /** Progress lines (stderr by default). */
  log?: (msg: string) => void;
  /** Give up installing after this long (default 5 minutes); the baselines are then `unavailable`. */
  timeoutMs?: number;
}

const LOCK = join(tmpdir(), "policy-news-bench-peers.lock");
const STALE_LOCK_MS = 10 * 60_000;
let installing: Promise<string | null> | undefined;

/**
 * Makes sure `bench/peers/node_modules` exists, installing it once with `npm ci` (legacy peer deps, as
 * LangChain's community package needs). Resolves to `null` when ready, or to why it is not.
 */
export function ensurePeers({ install = true, log = (m) => process.stderr.write(`${m}\n`), timeoutMs = 5 * 60_000 }: PeersOptions = {}): Promise<string | null> {
  if (installed()) return Promise.resolve(null);
  if (!install) return Promise.resolve("bench/peers is not installed: run `npm ci --prefix bench/peers --legacy-peer-deps`");
  installing ??= withLock(timeoutMs, async () => {
    if (installed()) return null; // another process installed it
    log("installing the baselines (MiniSearch, LangChain.js, Orama) into bench/peers, once…");
    return npmCi(timeoutMs);
  });
  return installing;
}

/** Every dependency of bench/peers/package.json is in its node_modules (an older install lacks newer peers). */
function installed(): boolean {
  if (!existsSync(`${PEERS_DIR}node_modules/.package-lock.json`)) return false;
  const { dependencies = {} } = JSON.parse(readFileSync(`${PEERS_DIR}package.json`, "utf8")) as { dependencies?: Record<string, string> };
  return Object.keys(dependencies).every((name) => existsSync(`${PEERS_DIR}node_modules/${name}/package.json`));
}

function npmCi(timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const child = spawn(npm, ["ci", "--legacy-peer-deps", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: PEERS_DIR,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, timeoutMs);
    child.on("error", (e) => resolve(`cannot run npm: ${e.message}`));
    child.on("close", (code) => {
      clearTimeout(timer);
      const last = err.trim().split("\n").filter((l) => !/EBADENGINE|^npm warn/i.test(l)).slice(-3).join(" | ");
      if (timedOut) resolve(`npm ci in bench/peers did not finish within ${timeoutMs / 1000} s (offline?); run it by hand`);
      else resolve(code === 0 ? null : `npm ci in bench/peers failed (exit ${code}): ${last || "no output"}; run it by hand to see why`);
    });
  });
}

/** Runs `fn` holding a cross-process lock (a directory), so parallel test files install once. */
async function withLock(waitMs: number, fn: () => Promise<string | null>): Promise<string | null> {
  const t0 = Date.now();
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      const age = await stat(LOCK).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > STALE_LOCK_MS) await rmdir(LOCK).catch(() => {});
      else if (Date.now() - t0 > waitMs) return `another process is installing bench/peers (lock ${LOCK}); try again later`;
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    await rmdir(LOCK).catch(() => {});
  }
}

/** Imports `bench/peers/load.js`; its bare imports resolve from bench/peers/node_modules. */
export async function importPeers(): Promise<PeerLoaders> {
  return (await import(new URL("../peers/load.js", import.meta.url).href)) as PeerLoaders;
}

// Structural types for the peers, so the project type-checks without them installed.

export interface MiniSearchLike<T> {
  addAll(docs: readonly T[]): void;
  search(query: string): { id: string; score: number }[];
}
export type MiniSearchCtor = new <T>(options: {
  fields: string[];
  idField?: string;
  storeFields?: string[];
  tokenize?: (text: string, field?: string) => string[];
  processTerm?: (term: string) => string | null | undefined | false;
  searchOptions?: { tokenize?: (text: string) => string[] };
}) => MiniSearchLike<T>;

export interface LcDocument {
  pageContent: string;
  metadata: Record<string, unknown>;
}
export interface HnswStoreLike {
  similaritySearch(query: string, k: number): Promise<LcDocument[]>;
}
export interface HnswLibClass {
  fromTexts(texts: string[], metadatas: object[], embeddings: unknown, config?: { space: "cosine" | "l2" | "ip" }): Promise<HnswStoreLike>;
}
/** LangChain's abstract `Embeddings` base class. */
export type EmbeddingsBase = abstract new (params: object) => {
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
};

/** The parts of `@orama/orama` and its Mandarin tokenizer the baseline uses. */
export interface OramaLib {
  create(options: { schema: { text: "string" }; components: { tokenizer: unknown } }): Promise<unknown> | unknown;
  insertMultiple(db: unknown, docs: { id: string; text: string }[], batchSize?: number): Promise<unknown> | unknown;
  search(db: unknown, params: { term: string; properties: string[]; limit: number }): Promise<{ hits: { id: string }[] }> | { hits: { id: string }[] };
  createTokenizer(): Promise<unknown> | unknown;
}

export interface PeerLoaders {
  loadMiniSearch(): Promise<MiniSearchCtor>;
  loadLangChain(): Promise<{ HNSWLib: HnswLibClass; Embeddings: EmbeddingsBase }>;
  loadOrama(): Promise<OramaLib>;
}
