import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import type { Embedder } from "../../src/embed/embedder.js";
import { ensurePeers, importPeers, type MiniSearchCtor, type OramaLib, type PeerLoaders, type PeersOptions, type Unavailable } from "./peers.js";

/** The part of a corpus passage a baseline indexes. */
export interface PassageText {
  id: string;
  text: string;
}

/** A baseline retriever: passage ids, best first. */
export interface Retriever {
  name: string;
  search(query: string, k: number): Promise<string[]>;
}

/** A built baseline, or why it could not be built. */
export type Baseline = { status: "ok"; retriever: Retriever; buildMs: number } | (Unavailable & { name: string });

export const BASELINE_NAMES = ["MiniSearch (defaults)", "MiniSearch + jieba", "LangChain HNSWLib"] as const;
/** Every baseline this module can build; `buildBaselines` builds `BASELINE_NAMES` unless told otherwise. */
export const ALL_BASELINES = [...BASELINE_NAMES, "Orama (Mandarin tokenizer)"] as const;
export type BaselineName = (typeof ALL_BASELINES)[number];

const PUNCT = /^[\p{P}\p{S}\s]*$/u;
let jieba: Jieba | undefined;

/** Jieba search-mode words without punctuation: what a user would plug into MiniSearch for Chinese. */
export function jiebaTokenize(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba.cutForSearch(text, true).filter((w) => !PUNCT.test(w));
}

/**
 * Builds the baselines named (default `BASELINE_NAMES`) over `passages`: MiniSearch with default
 * settings, MiniSearch with a jieba tokenizer, LangChain's HNSWLib store over `embedder`, Orama with
 * its Mandarin tokenizer. A baseline whose library cannot be installed or loaded comes back
 * `unavailable` with the reason; nothing throws.
 */
export async function buildBaselines(
  passages: PassageText[],
  embedder: Embedder,
  peers: PeersOptions = {},
  names: readonly BaselineName[] = BASELINE_NAMES,
): Promise<Baseline[]> {
  const missing = await ensurePeers(peers);
  if (missing) return names.map((name) => ({ name, status: "unavailable", reason: missing }));
  const loaders = await importPeers().catch((e: Error) => e);
  const unavailable = (name: string, e: unknown): Baseline => ({ name, status: "unavailable", reason: (e as Error).message ?? String(e) });
  if (loaders instanceof Error) return names.map((n) => unavailable(n, loaders));
  // Libraries are loaded before the clock starts: build times compare indexing, not module loading.
  const load = <T>(wanted: boolean, f: () => Promise<T>) => (wanted ? f().catch((e: Error) => e) : Promise.resolve(new Error("not requested")));
  const MiniSearch = await load(names.some((n) => n.startsWith("MiniSearch")), loaders.loadMiniSearch);
  const langChain = await load(names.includes("LangChain HNSWLib"), loaders.loadLangChain);
  const orama = await load(names.includes("Orama (Mandarin tokenizer)"), loaders.loadOrama);
  jiebaTokenize("");
  const builders: Record<BaselineName, [unknown, () => Promise<Retriever["search"]>]> = {
    "MiniSearch (defaults)": [MiniSearch, () => miniSearch(MiniSearch as MiniSearchCtor, passages)],
    "MiniSearch + jieba": [MiniSearch, () => miniSearch(MiniSearch as MiniSearchCtor, passages, jiebaTokenize)],
    "LangChain HNSWLib": [langChain, () => hnswlib(langChain as LangChain, passages, embedder)],
    "Orama (Mandarin tokenizer)": [orama, () => oramaSearch(orama as OramaLib, passages)],
  };
  const out: Baseline[] = [];
  for (const name of names) {
    const [lib, fn] = builders[name];
    out.push(lib instanceof Error ? unavailable(name, lib) : await timed(name, fn).catch((e) => unavailable(name, e)));
  }
  return out;
}

async function timed(name: string, build: () => Promise<Retriever["search"]>): Promise<Baseline> {
  const t0 = performance.now();
  const search = await build();
  return { status: "ok", retriever: { name, search }, buildMs: performance.now() - t0 };
}

type LangChain = Awaited<ReturnType<PeerLoaders["loadLangChain"]>>;

async function miniSearch(MiniSearch: MiniSearchCtor, passages: PassageText[], tokenize?: (text: string) => string[]): Promise<Retriever["search"]> {
  const index = new MiniSearch<PassageText>(tokenize ? { fields: ["text"], tokenize } : { fields: ["text"] });
  index.addAll(passages);
  return async (query, k) => index.search(query).slice(0, k).map((r) => r.id);
}

/** Orama as its docs show for Chinese: a `string` field with the Mandarin tokenizer (Intl.Segmenter words). */
async function oramaSearch(lib: OramaLib, passages: PassageText[]): Promise<Retriever["search"]> {
  const db = await lib.create({ schema: { text: "string" }, components: { tokenizer: await lib.createTokenizer() } });
  await lib.insertMultiple(db, passages.map((p) => ({ id: p.id, text: p.text })), 1000);
  return async (query, k) => (await lib.search(db, { term: query, properties: ["text"], limit: k })).hits.map((h) => h.id);
}

async function hnswlib({ HNSWLib, Embeddings }: LangChain, passages: PassageText[], embedder: Embedder): Promise<Retriever["search"]> {
  /** Our embedder as LangChain `Embeddings`: documents are passages, queries are queries. */
  class CoreEmbeddings extends Embeddings {
    async embedDocuments(texts: string[]) {
      return (await embedder.embed(texts, "passage")).map((v) => Array.from(v));
    }
    async embedQuery(text: string) {
      return Array.from((await embedder.embed([text], "query"))[0]!);
    }
  }
  const store = await HNSWLib.fromTexts(
    passages.map((p) => p.text),
    passages.map((p) => ({ id: p.id })),
    new CoreEmbeddings({}),
    { space: "cosine" },
  );
  return async (query, k) => (await store.similaritySearch(query, k)).map((d) => String(d.metadata.id));
}
