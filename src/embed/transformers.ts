import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { FeatureExtractionPipeline, ProgressInfo } from "@huggingface/transformers";
import type { EmbedKind, Embedder } from "./embedder.js";

/** ONNX weight variants and the file suffix transformers.js looks for: `onnx/model${suffix}.onnx`. */
const ONNX_SUFFIX = {
  fp32: "",
  fp16: "_fp16",
  q8: "_quantized",
  int8: "_int8",
  uint8: "_uint8",
  q4: "_q4",
  q4f16: "_q4f16",
  bnb4: "_bnb4",
} as const;

/** Which ONNX weights to load; `q8` is `onnx/model_quantized.onnx`, what the Xenova repos ship. */
export type TransformersDtype = keyof typeof ONNX_SUFFIX;

export interface TransformersEmbedderOptions {
  /** Hugging Face model id; its files live in `${modelsDir}/${modelId}/`. */
  modelId?: string;
  /** Local models folder, shared by `npm run model:fetch` and loading; relative to the working directory. */
  modelsDir?: string;
  /** Download missing files from the Hugging Face Hub into `modelsDir`; off means never touch the network. */
  allowRemote?: boolean;
  /** ONNX weight variant. */
  dtype?: TransformersDtype;
  /** Text put before each input by kind; default: {@link defaultPrefixes} of the model. */
  prefixes?: Partial<Record<EmbedKind, string>>;
  /** Texts per model call; larger batches pad more, smaller ones call more often. */
  batchSize?: number;
  /** Whether the model matches English questions to Chinese passages. */
  multilingual?: boolean;
  /** Receives download and load progress, e.g. to draw a progress line. */
  onProgress?: (info: ProgressInfo) => void;
}

/** The defaults of {@link createTransformersEmbedder}, written once. */
export const transformersDefaults = {
  modelId: "Xenova/multilingual-e5-small",
  modelsDir: "models",
  allowRemote: false,
  dtype: "q8",
  batchSize: 16,
  multilingual: true,
} as const satisfies Required<Omit<TransformersEmbedderOptions, "prefixes" | "onProgress">>;

/**
 * Thrown when the model's files are not in `modelsDir` and may not or could not be downloaded.
 * `folder` is where the files were expected.
 */
export class ModelUnavailableError extends Error {
  override readonly name = "ModelUnavailableError";
  constructor(
    message: string,
    /** The model id that was requested. */
    readonly modelId: string,
    /** Absolute folder the model files were expected in. */
    readonly folder: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Thrown when `@huggingface/transformers` is not installed: it is an optional dependency, left out by
 * a production install (`npm ci --omit=dev --omit=optional`).
 */
export class TransformersMissingError extends Error {
  override readonly name = "TransformersMissingError";
}

/** The package name; a parameter only so a test can ask for one that is not installed. */
export const TRANSFORMERS_PACKAGE = "@huggingface/transformers";

/**
 * Imports transformers.js (and with it onnxruntime) on first use.
 *
 * @throws {TransformersMissingError} naming the install command when the optional package is absent.
 */
export async function loadTransformers(specifier: string = TRANSFORMERS_PACKAGE): Promise<typeof import("@huggingface/transformers")> {
  try {
    return (await import(specifier)) as typeof import("@huggingface/transformers");
  } catch (error) {
    const code = (error as { code?: string }).code;
    const text = error instanceof Error ? error.message : String(error);
    if (code === "ERR_MODULE_NOT_FOUND" || /Cannot find (package|module)|Failed to (load|resolve)/i.test(text)) {
      throw new TransformersMissingError(
        `The embedding model needs the package ${specifier}, which a production install (npm ci --omit=dev) ` +
          `leaves out: run \`npm install --omit=dev --save-prod ${specifier}\`, or set EMBEDDER=hashed.`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Prefixes a model was trained with. The rule: a model id with an `e5` name part
 * (`multilingual-e5-small`, `e5-base-v2`) gets `query: ` / `passage: `; any other gets none.
 *
 * @example defaultPrefixes("Xenova/multilingual-e5-small").query; // "query: "
 */
export function defaultPrefixes(modelId: string): Record<EmbedKind, string> {
  return /(^|[/_-])e5([/_-]|$)/i.test(modelId)
    ? { query: "query: ", passage: "passage: " }
    : { query: "", passage: "" };
}

/** Files a model needs locally, relative to its folder. */
function requiredFiles(dtype: TransformersDtype): string[] {
  return ["config.json", "tokenizer.json", "tokenizer_config.json", `onnx/model${ONNX_SUFFIX[dtype]}.onnx`];
}

/** Files of `modelId` missing from `modelsDir`, relative to the model folder. */
function missingFiles(modelsDir: string, modelId: string, dtype: TransformersDtype): string[] {
  const folder = join(resolve(modelsDir), modelId);
  return requiredFiles(dtype).filter((f) => !existsSync(join(folder, f)));
}

/**
 * Whether `${modelsDir}/${modelId}/` holds everything needed to load offline: config, tokenizer
 * files and the ONNX weights for `dtype`. Cheap (file checks only): use it to pick an embedder.
 *
 * @example
 * const embedder = modelAvailable("models", "Xenova/multilingual-e5-small")
 *   ? await createTransformersEmbedder({ modelsDir: "models" })
 *   : createHashedNgramEmbedder();
 */
export function modelAvailable(
  modelsDir: string,
  modelId: string,
  dtype: TransformersDtype = transformersDefaults.dtype,
): boolean {
  return missingFiles(modelsDir, modelId, dtype).length === 0;
}

/**
 * Loads a transformers.js feature-extraction model from `${modelsDir}/${modelId}/` and embeds with
 * mean pooling and L2 normalisation. The dimension is read from the model by embedding a probe text.
 *
 * transformers.js settings are process-wide: this sets `env.localModelPath` and `env.cacheDir` to
 * `modelsDir` (so downloads land where offline loading looks) and `env.allowRemoteModels`.
 * Use one models folder per process.
 *
 * @throws {ModelUnavailableError} when files are missing and `allowRemote` is off, or the download fails.
 *
 * @example
 * const e = await createTransformersEmbedder({ modelsDir: "models" });
 * const [q] = await e.embed(["崂山众创空间总面积将达到多少？"], "query"); // embeds "query: 崂山…"
 * e.dimension; // 384
 */
export async function createTransformersEmbedder(options: TransformersEmbedderOptions = {}): Promise<Embedder> {
  const d = transformersDefaults;
  const modelId = options.modelId ?? d.modelId;
  const modelsDir = resolve(options.modelsDir ?? d.modelsDir);
  const allowRemote = options.allowRemote ?? d.allowRemote;
  const dtype = options.dtype ?? d.dtype;
  const batchSize = Math.max(1, options.batchSize ?? d.batchSize);
  const multilingual = options.multilingual ?? d.multilingual;
  const standard = defaultPrefixes(modelId);
  const prefixes: Record<EmbedKind, string> = {
    query: options.prefixes?.query ?? standard.query,
    passage: options.prefixes?.passage ?? standard.passage,
  };
  const folder = join(modelsDir, modelId);

  if (!(ONNX_SUFFIX as Record<string, string>)[dtype]) {
    throw new Error(`Unknown dtype "${dtype}". Use one of: ${Object.keys(ONNX_SUFFIX).join(", ")}.`);
  }
  const missing = missingFiles(modelsDir, modelId, dtype);
  if (missing.length > 0 && !allowRemote) {
    throw new ModelUnavailableError(
      `Embedding model ${modelId} is not in ${folder} (missing ${missing.join(", ")}). ` +
        "Run `npm run model:fetch` (needs network access) to download it there.",
      modelId,
      folder,
    );
  }

  // Loaded lazily: importing this module (e.g. for `modelAvailable`) must not start onnxruntime.
  const { env, pipeline, LogLevel } = await loadTransformers();
  env.localModelPath = modelsDir;
  env.cacheDir = modelsDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = allowRemote;
  // Info/debug lines go to stdout (which `ask --json` reserves for JSON); warnings would repeat
  // what our own errors say. Errors still reach stderr.
  env.logLevel = LogLevel.ERROR;

  let extractor: FeatureExtractionPipeline;
  try {
    extractor = await pipeline("feature-extraction", modelId, {
      dtype,
      device: "cpu",
      local_files_only: !allowRemote,
      cache_dir: modelsDir,
      ...(options.onProgress ? { progress_callback: options.onProgress } : {}),
    });
  } catch (error) {
    if (missing.length > 0) {
      throw new ModelUnavailableError(
        `Could not download embedding model ${modelId} into ${folder}: ${messageOf(error)}. ` +
          "Check the network (the Hugging Face Hub must be reachable) and run `npm run model:fetch` again.",
        modelId,
        folder,
        { cause: error },
      );
    }
    throw new Error(`Could not load embedding model ${modelId} from ${folder}: ${messageOf(error)}`, {
      cause: error,
    });
  }

  const run = async (texts: string[]): Promise<Float32Array[]> => {
    const output = await extractor(texts, { pooling: "mean" });
    const [rows = 0, dim = 0] = output.dims;
    const data = output.data as Float32Array;
    return Array.from({ length: rows }, (_, i) => l2normalize(data.slice(i * dim, (i + 1) * dim)));
  };

  // One model call at a time: onnxruntime already uses every core for a single batch.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
  };

  const [probe] = await serial(() => run([`${prefixes.passage}probe`]));
  const dimension = probe?.length ?? 0;

  return {
    id: embedderId(modelId, dtype, prefixes),
    dimension,
    multilingual,
    embed(texts: string[], kind: EmbedKind) {
      return serial(() => embedBatched(texts.map((t) => prefixes[kind] + t), batchSize, run));
    },
    async close() {
      await serial(() => extractor.dispose());
    },
  };
}

/**
 * Embeds in batches of similar length (less padding), returning vectors in input order.
 */
async function embedBatched(
  texts: string[],
  batchSize: number,
  run: (texts: string[]) => Promise<Float32Array[]>,
): Promise<Float32Array[]> {
  const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
  const vectors = new Array<Float32Array>(texts.length);
  for (let start = 0; start < order.length; start += batchSize) {
    const ids = order.slice(start, start + batchSize);
    const batch = await run(ids.map((i) => texts[i]!));
    ids.forEach((id, k) => (vectors[id] = batch[k]!));
  }
  return vectors;
}

/**
 * `transformers:<modelId>`, plus the dtype when not the default and a mark when prefixes differ
 * from the model's: each changes the vectors, so each must change the id the index manifest keeps.
 */
function embedderId(modelId: string, dtype: TransformersDtype, prefixes: Record<EmbedKind, string>): string {
  let id = `transformers:${modelId}`;
  if (dtype !== transformersDefaults.dtype) id += `:${dtype}`;
  const standard = defaultPrefixes(modelId);
  if (prefixes.query !== standard.query || prefixes.passage !== standard.passage) {
    id += `:prefixes=${JSON.stringify([prefixes.query, prefixes.passage])}`;
  }
  return id;
}

function l2normalize(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.message}${cause}`;
}
