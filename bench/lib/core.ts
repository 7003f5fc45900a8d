/**
 * The one place the benchmarks touch the core: `createAssistant` plus the passages and the embedder
 * it runs on, so the baselines are measured on exactly the same inputs.
 */
import { pathToFileURL } from "node:url";
import {
  createAssistant as sourceCreateAssistant,
  defaultAssistantOptions,
  loadCorpus,
  selectEmbedder as sourceSelectEmbedder,
  type Assistant,
  type Embedder,
  type EmbedderChoice,
  type LogLevel,
  type Passage,
} from "../../src/index.js";

export type { EmbedderChoice };

/** What the bench takes from the core's entry module: the sources' (under tsx) or the compiled dist/'s. */
export type CoreCode = Pick<typeof import("../../src/index.js"), "createAssistant" | "selectEmbedder">;

export interface CoreOptions {
  seedsDir: string;
  indexDir: string;
  embedder?: EmbedderChoice;
  modelsDir?: string;
  modelId?: string;
  /** Core log lines (index progress, warnings); silent by default. */
  log?: (level: LogLevel, msg: string) => void;
}

export interface Core {
  assistant: Assistant;
  embedder: Embedder;
  /** The start-up line naming the embedder (and how to get the model, when offline). */
  notice: string;
  passages: Passage[];
  close(): Promise<void>;
}

/**
 * Opens the assistant on `seedsDir`, picking the embedder as the app does and handing the same
 * instance to the assistant and to the caller (for the baselines).
 *
 * @example const core = await openCore({ seedsDir: "seeds", indexDir: tmp, embedder: "hashed" });
 */
export async function openCore(options: CoreOptions): Promise<Core> {
  const started = await startAssistant(options);
  const { passages } = await loadCorpus(options.seedsDir);
  return { ...started, passages };
}

/**
 * The assistant alone, without the bench's own copy of the passages (which would count in its
 * memory): what a front end starts.
 */
export async function startAssistant(
  {
    seedsDir,
    indexDir,
    embedder: choice = defaultAssistantOptions.embedder,
    modelsDir = defaultAssistantOptions.modelsDir,
    modelId = defaultAssistantOptions.modelId,
    log = () => {},
  }: CoreOptions,
  /** The code to run (the compiled dist/'s, to time answers as `npm start` runs them); the sources by default. */
  { createAssistant, selectEmbedder }: CoreCode = { createAssistant: sourceCreateAssistant, selectEmbedder: sourceSelectEmbedder },
): Promise<Omit<Core, "passages">> {
  const { embedder, notice } = await selectEmbedder({ choice, modelsDir, modelId });
  // Given by name, as the app gives it, the assistant can build its index in a child process (and this
  // process's memory is what the app's is); the offline embedder costs nothing to make twice. A model is
  // loaded once and shared, so its build stays in this process.
  const assistant = await createAssistant({ seedsDir, indexDir, modelsDir, modelId, embedder: embedder.id.startsWith("hashed") ? "hashed" : embedder, log });
  return { assistant, embedder, notice, close: () => assistant.close() };
}

/**
 * A bench child's start: the assistant from the core's entry module (`entry`, the compiled dist/src/index.js as
 * `npm start` runs it; the sources when absent), timed from before the module's import to ready.
 *
 * @example const { core, ms } = await timedStart({ seedsDir, indexDir, embedder: "hashed", entry });
 */
export async function timedStart({ entry, ...options }: CoreOptions & { entry?: string }): Promise<{ core: Omit<Core, "passages">; ms: number }> {
  const t0 = performance.now();
  const code = entry ? ((await import(pathToFileURL(entry).href)) as CoreCode) : undefined;
  const core = await startAssistant(options, code);
  return { core, ms: performance.now() - t0 };
}
