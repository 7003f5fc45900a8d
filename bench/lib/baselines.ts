import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import type { Embedder } from "../../src/embed/embedder.js";
import { ensurePeers, importPeers, type MiniSearchCtor, type PeerLoaders, type PeersOptions, type Unavailable } from "./peers.js";

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

const PUNCT = /^[\p{P}\p{S}\s]*$/u;
let jieba: Jieba | undefined;

/** Jieba search-mode words without punctuation: what a user would plug into MiniSearch for Chinese. */
export function jiebaTokenize(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba.cutForSearch(text, true).filter((w) => !PUNCT.test(w));
}

/**
 * Builds every baseline over `passages`: MiniSearch with default settings, MiniSearch with a jieba
 * tokenizer, and LangChain's HNSWLib store over `embedder`. A baseline whose library cannot be
 * installed or loaded comes back `unavailable` with the reason; nothing throws.
 */
export async function buildBaselines(passages: PassageText[], embedder: Embedder, peers: PeersOptions = {}): Promise<Baseline[]> {
  const missing = await ensurePeers(peers);
  if (missing) return BASELINE_NAMES.map((name) => ({ name, status: "unavailable", reason: missing }));
  const loaders = await importPeers().catch((e: Error) => e);
  const unavailable = (name: string, e: unknown): Baseline => ({ name, status: "unavailable", reason: (e as Error).message ?? String(e) });
  if (loaders instanceof Error) return BASELINE_NAMES.map((n) => unavailable(n, loaders));
  const [minDefault, minJieba, hnsw] = BASELINE_NAMES;
  // Libraries are loaded before the clock starts: build times compare indexing, not module loading.
  const MiniSearch = await loaders.loadMiniSearch().catch((e: Error) => e);
  const langChain = await loaders.loadLangChain().catch((e: Error) => e);
  jiebaTokenize("");
  const build = (name: string, lib: unknown, fn: () => Promise<Retriever["search"]>) =>
    lib instanceof Error ? Promise.resolve(unavailable(name, lib)) : timed(name, fn).catch((e) => unavailable(name, e));
  return [
    await build(minDefault, MiniSearch, () => miniSearch(MiniSearch as MiniSearchCtor, passages)),
    await build(minJieba, MiniSearch, () => miniSearch(MiniSearch as MiniSearchCtor, passages, jiebaTokenize)),
    await build(hnsw, langChain, () => hnswlib(langChain as LangChain, passages, embedder)),
  ];
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
