import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAssistant, type Assistant, type AssistantOptions } from "../src/index.js";

/** The repo's seeds folder. */
export const SEEDS = join(import.meta.dirname, "..", "seeds");
/** The seed article's id. */
export const DOC = "000_4f5b4b3408eff9cd";

/** A fresh temporary folder, removed by the returned cleanup. */
export async function tempDir(prefix = "qa-"): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The real core over the seed article, with the offline embedder and a throwaway index. */
export async function seedAssistant(
  options: Partial<AssistantOptions> = {},
): Promise<Assistant & { indexDir: string; cleanup: () => Promise<void> }> {
  const { dir, cleanup } = await tempDir("qa-index-");
  const assistant = await createAssistant({ seedsDir: SEEDS, indexDir: dir, embedder: "hashed", ...options });
  return Object.assign(assistant, { indexDir: dir, cleanup: async () => (await assistant.close(), await cleanup()) });
}
