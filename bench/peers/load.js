// Loads the baseline libraries from this folder's own node_modules (installed by bench/lib/peers.ts).
// Each loader is separate so one failing peer does not hide the others.
export const loadMiniSearch = async () => (await import("minisearch")).default;

export async function loadLangChain() {
  const [{ HNSWLib }, { Embeddings }] = await Promise.all([
    import("@langchain/community/vectorstores/hnswlib"),
    import("@langchain/core/embeddings"),
  ]);
  await HNSWLib.imports(); // hnswlib-node: resolved from here upwards, so the project's own copy is reused
  return { HNSWLib, Embeddings };
}

export async function loadOrama() {
  const [{ create, insertMultiple, search }, { createTokenizer }] = await Promise.all([
    import("@orama/orama"),
    import("@orama/tokenizers/mandarin"),
  ]);
  return { create, insertMultiple, search, createTokenizer };
}
