import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { AnswerOptions } from "./answer/answer.js";
import { modelWeights } from "./answer/weights.js";
import { parseSuggestionId, suggestionId, suggestQuestions, type Suggestion } from "./answer/suggest.js";
import { createMemoryStore, type ConversationStore, type MemoryStoreOptions } from "./conversation.js";
import { changedFiles, loadCorpus, readArticle } from "./corpus/load.js";
import { sentenceTextAt, type Corpus, type Passage } from "./corpus/corpus.js";
import type { Embedder } from "./embed/embedder.js";
import { selectEmbedder, type EmbedderChoice } from "./embed/select.js";
import { createFollowUpCheck } from "./follow-up-check.js";
import { askAfresh, handle, type HandlerContext, type Suggestions } from "./handlers.js";
import { createGrounding, type LlmOptions } from "./llm/grounded.js";
import type { Progress } from "./progress.js";
import { createPolicyMatcher } from "./policies/registry.js";
import { heldFiles, openIndex, readSavedIndex, REBUILD_SHARE, type IndexState } from "./retrieval/index-store.js";
import { childBuilder } from "./retrieval/build-process.js";
import { createPhraseIndex } from "./retrieval/phrase.js";
import { createRetriever } from "./retrieval/retriever.js";
import type { CorpusTerms, EnglishReader } from "./lang/en/to-chinese.js";
import { normalHolds, normalize } from "./text/normalize.js";
import { corpusTerms, createTokenizer, type Tokenizer } from "./text/tokenize.js";
import type { Assistant } from "./types.js";

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface AssistantOptions {
  /** Folder of articles (`.txt`, `.md`, `.html`, `.pdf`, `.docx`). */
  seedsDir: string;
  /** Larger article files are skipped with a warning. */
  maxFileBytes?: number;
  /** Each file read or skipped, each batch embedded, and the steps after (for `npm run index`). */
  onProgress?: (progress: Progress) => void;
  /** Folder of the persisted vector index. */
  indexDir: string;
  /** Folder of local transformers.js models. */
  modelsDir?: string;
  /** Which embedder, or an instance (tests, benchmarks). */
  embedder?: EmbedderChoice | Embedder;
  /** transformers.js model id, e.g. `Xenova/multilingual-e5-small`. */
  modelId?: string;
  /** Options of the in-memory store, or another `ConversationStore`. */
  conversation?: MemoryStoreOptions | ConversationStore;
  /** Answer thresholds. */
  answer?: Partial<AnswerOptions>;
  /**
   * When suggested questions are checked: `background` (default) after replying, so replies offer only
   * checked ones and never wait; `await` before replying (deterministic, for tests and evaluations).
   */
  followUpCheck?: "background" | "await";
  /**
   * When, on a start with a saved index, the article files are checked for changes made while the process was
   * down: `background` (default) answers from the saved index at once and applies what changed right after
   * (as a live update); `await` looks at every file first (one-shot commands, tests).
   */
  seedsCheck?: "background" | "await";
  /** Longer questions are refused with a clear reply. */
  maxQuestionLength?: number;
  log?: (level: LogLevel, msg: string) => void;
  /** A language model that writes answers from the retrieved passages, checked before shown; extractive only when absent. */
  llm?: LlmOptions;
  /**
   * Builds and saves the index elsewhere, reading the articles itself when given no corpus (default: a child
   * process, `childBuilder`, when the embedder is named).
   */
  buildElsewhere?: (corpus?: Corpus) => Promise<void>;
}

/** Every default, written once. */
export const defaultAssistantOptions = {
  modelsDir: "models",
  embedder: "auto" as EmbedderChoice,
  modelId: "Xenova/multilingual-e5-small",
  maxQuestionLength: 500,
  answer: {
    /**
     * Fitted by `npm run train` on the train split of CMRC 2018 and DRCD plus the seed set: at most 5% of
     * the answerable training questions fall below it (src/answer/weights-data.ts).
     */
    minConfidence: modelWeights().minConfidence ?? 0.3,
    /** For English questions with a multilingual model; e5 cosines run high, so this is strict. */
    minSimilarity: 0.82,
    maxCitations: 3,
  } satisfies AnswerOptions,
};

/**
 * Builds the assistant: reads the articles, picks the embedder, loads or (re)builds the
 * vector index, builds the keyword index, and returns the single entry point `ask`.
 *
 * @example
 * const assistant = await createAssistant({ seedsDir: "seeds", indexDir: "index" });
 * const reply = await assistant.ask("console", "崂山众创空间总面积将达到多少？");
 */
export async function createAssistant(options: AssistantOptions): Promise<Assistant> {
  const o = { ...defaultAssistantOptions, ...options, answer: { ...defaultAssistantOptions.answer, ...options.answer } };
  const log = o.log ?? (() => {});
  // A named embedder can be made again in a child process, which then builds the index (see `childBuilder`).
  const buildElsewhere =
    o.buildElsewhere ??
    (typeof o.embedder === "object"
      ? undefined
      : childBuilder({ seedsDir: o.seedsDir, indexDir: o.indexDir, embedder: o.embedder, modelsDir: o.modelsDir, modelId: o.modelId, maxFileBytes: o.maxFileBytes }, { log, onProgress: o.onProgress }));
  // The saved index's reads of the articles: only files changed since are read and parsed again.
  let saved = await readSavedIndex(o.indexDir);
  let builtElsewhere = false;
  let elsewhere = buildElsewhere;
  if (!("reads" in saved) && buildElsewhere) {
    // No saved index: the child reads the articles (logging each) and builds, and this process starts on what
    // it saved, as any start does. Reading them here too would leave a parse of every article to collect
    // (at 100k passages ~360 MiB of RSS right after the build).
    if (saved.reason) log(saved.level, `${saved.reason}; rebuilding`);
    // Tried once: should it fail, or save nothing usable, openIndex builds here rather than in a second child.
    elsewhere = undefined;
    try {
      await buildElsewhere();
      saved = await readSavedIndex(o.indexDir);
      builtElsewhere = "reads" in saved;
      log("info", `index built in a child process into ${o.indexDir}`);
    } catch (err) {
      log("warn", `the index build in a child process failed (${(err as Error).message}); building it here`);
      saved = { level: "info" };
    }
  }
  const known = "reads" in saved ? saved.reads : undefined;
  // After a build elsewhere the child has logged every file: here they are only checked against its reads.
  const quiet = builtElsewhere ? {} : { log, onProgress: o.onProgress };
  // The saved index's articles, taken as saved; their files are looked at once the assistant answers (at 100k
  // files a `lstat` of each took ~1 s of the start).
  const files = "reads" in saved && !builtElsewhere && o.seedsCheck !== "await" ? heldFiles(saved.manifest) : undefined;
  const corpus = await loadCorpus(o.seedsDir, { ...quiet, maxFileBytes: o.maxFileBytes, known, ...(files && { files }) });
  const { embedder, notice } =
    typeof o.embedder === "object"
      ? { embedder: o.embedder, notice: `Embedder: ${o.embedder.id}.` }
      : await selectEmbedder({ choice: o.embedder, modelsDir: o.modelsDir, modelId: o.modelId });
  const terms = { termsOf: (c: typeof corpus) => corpusTerms(c.passages.map((p) => p.text)), fromTerms: createTokenizer };
  const index = await openIndex(corpus, embedder, terms, {
    dir: o.indexDir,
    log,
    onProgress: o.onProgress,
    saved,
    buildElsewhere: elsewhere,
  });
  const tokenizer = index.tokenizer;
  o.onProgress?.({ stage: "finish" });
  const store = o.conversation && "get" in o.conversation ? o.conversation : createMemoryStore(o.conversation);
  const derived = createDerived(tokenizer);
  const onNeedsModel = once(() =>
    log("warn", `an English question was declined: the offline embedder reads Chinese only; run npm run model:fetch (saves to ${o.modelsDir}) and restart with EMBEDDER=auto`),
  );

  /** Everything a question reads, for one state of the index: a question keeps the one it started with. */
  const contextOf = (state: IndexState) => {
    const { corpus, keyword, vector } = state;
    const passageById = new Map(corpus.passages.map((p) => [p.id, p]));
    const sentenceHolds = (id: string, norm: string) => {
      const dot = id.lastIndexOf(".");
      const passage = passageById.get(id.slice(0, dot));
      const text = passage && sentenceTextAt(passage, Number(id.slice(dot + 1)) - 1);
      return text !== undefined && (normalHolds(text, norm) ?? normalize(text).includes(norm));
    };
    const phrases = createPhraseIndex(keyword, tokenizer, sentenceHolds);
    const policies = state.policies();
    const documents = new Map(corpus.documents.map((d) => [d.id, d]));
    const retriever = createRetriever({ corpus, tokenizer, keyword, vector, embedder, sentenceSimilarity: state.sentenceSimilarity });
    const ctx: HandlerContext = {
      corpus,
      embedder,
      manifest: state.manifest,
      retriever,
      tokenizer,
      documents,
      inCorpus: phrases.contains,
      policies,
      policiesIn: createPolicyMatcher(policies),
      suggestions: derived.suggestions(passageById),
      examples: memo(() => ctx.followUpCheck.spread(derived.candidates(corpus.passages, 3), 3)),
      followUpCheck: createFollowUpCheck((question) => askAfresh(ctx, question), { mode: o.followUpCheck }),
      onNeedsModel,
      store,
      answer: o.answer,
      maxQuestionLength: o.maxQuestionLength,
      ...(o.llm && { llm: createGrounding(o.llm, { retriever, documents, store, log }) }),
      // Its dictionary is read on the first English question, for this state of the index only.
      ...(!embedder.multilingual && { english: englishReader({
        df: (t) => retriever.frequency(t).df,
        contains: phrases.contains,
        together: (a, b) => !keyword.unitsWithAll([a, b])[Symbol.iterator]().next().done,
      }) }),
    };
    const passages = (query = "", limit = 25) => {
      const q = normalize(query.trim());
      const found = new Set<Passage>();
      // Ids first (a short scan of ids, not of text), then passages whose text holds the words.
      for (const p of corpus.passages) if (found.size < limit && (!q || p.id.includes(q))) found.add(p);
      for (const id of q ? phrases.sentencesWith(q) : []) {
        if (found.size >= limit) break;
        found.add(passageById.get(id.slice(0, id.lastIndexOf(".")))!);
      }
      return [...found].map((p) => ({ id: p.id, preview: [...p.text].slice(0, 40).join("") }));
    };
    /** The suggestion an id stands for, made again from its passage as it is now. */
    const followUp = (id: string) => {
      const ref = parseSuggestionId(id);
      return ref && ctx.suggestions.get(ref.passage)?.find((s) => suggestionId(s) === id)?.question;
    };
    return { ctx, passages, followUp };
  };
  let current = contextOf(index.state);

  async function update(files?: string[]) {
    // A file named but gone (or no longer an article) is removed from the index; all files when none are named.
    const names = files ?? [...(await readdir(o.seedsDir).catch(() => [] as string[])), ...current.ctx.corpus.documents.map((d) => d.file)];
    const reads = [];
    for (const file of [...new Set(names)].sort()) {
      const read = await readArticle(o.seedsDir, file, { maxFileBytes: o.maxFileBytes });
      if ("skipped" in read && read.reason !== "unreadable" && read.reason !== "hidden file") log("warn", `${join(o.seedsDir, file)} skipped: ${read.reason}${read.detail ? ` (${read.detail})` : ""}`);
      reads.push({ file, document: "skipped" in read ? undefined : Object.assign(read.document, { hash: read.hash }) });
    }
    const started = Date.now();
    const change = await index.apply(reads);
    current = contextOf(index.state);
    for (const [what, list] of Object.entries(change)) {
      for (const file of list as string[]) log("info", `${join(o.seedsDir, file)} ${what}: index updated in ${Date.now() - started} ms`);
    }
    return change;
  }

  // What changed in seeds/ while the process was down, applied as a live update once the assistant answers.
  let closed = false;
  const checking = files
    ? (async () => {
        await new Promise(setImmediate);
        const stale = await changedFiles(o.seedsDir, corpus.reads ?? new Map(), () => closed);
        if (stale.length === 0 || closed) return;
        const held = corpus.documents.length;
        // A start that checks first (seedsCheck "await") rebuilds then, in a child process; here they are applied one by one.
        if (stale.length > Math.max(1, REBUILD_SHARE * held)) {
          log("warn", `${o.seedsDir}: ${stale.length} files differ from the saved index of ${held} articles; applying them one by one (npm run index rebuilds it faster)`);
        } else {
          log("info", `${o.seedsDir}: ${stale.length} files differ from the saved index; reading them again`);
        }
        await update(stale);
      })().catch((err: Error) => log("warn", `could not check ${o.seedsDir} for changes since the index was saved (${err.message}); restart to pick them up`))
    : undefined;

  return {
    ask: (conversationId, text, askOptions) => handle(current.ctx, conversationId, text, askOptions),
    passages: (query, limit) => current.passages(query, limit),
    followUp: (id) => current.followUp(id),
    update,
    embedderId: embedder.id,
    ...(o.llm && { model: o.llm.generator.model }),
    notice,
    async close() {
      closed = true;
      await checking;
      index.close();
      await embedder.close?.();
    },
  };
}

/**
 * What the assistant derives from each passage (its follow-up questions), made when
 * first needed and kept with the passage object, so a start reads no passage for them and an update
 * derives only the new article's.
 */
function createDerived(tokenizer: Tokenizer) {
  const suggestionsOf = new WeakMap<Passage, Suggestion[]>();
  const suggestionsFor = (p: Passage) => {
    let s = suggestionsOf.get(p);
    if (!s) suggestionsOf.set(p, (s = suggestQuestions([p], tokenizer)));
    return s;
  };
  return {
    /** Follow-up questions by passage id, each passage's made on first look-up. */
    suggestions(passageById: Map<string, Passage>): Suggestions {
      return {
        get(id) {
          const p = passageById.get(id);
          return p && suggestionsFor(p);
        },
        made(id) {
          const p = passageById.get(id);
          return p && suggestionsOf.get(p);
        },
      };
    },
    /** Example candidates from `n` evenly spaced stretches of passages: the first few suggestions of each. */
    candidates(passages: Passage[], n: number, perStretch = 8): Suggestion[] {
      const out: Suggestion[] = [];
      for (let i = 0; i < n; i++) {
        const [from, to] = [Math.floor((i * passages.length) / n), Math.floor(((i + 1) * passages.length) / n)];
        let taken = 0;
        for (let j = from; j < to && taken < perStretch; j++) for (const s of suggestionsFor(passages[j]!)) if (taken++ < perStretch) out.push(s);
      }
      return out;
    },
  };
}

/** The English reader of one index state, its module loaded with the first English question: Chinese-only use never loads it. */
function englishReader(corpus: CorpusTerms): EnglishReader {
  const reader = memo(() => import("./lang/en/to-chinese.js").then((m) => m.createEnglishReader(corpus)));
  return { toChinese: async (question) => (await reader()).toChinese(question) };
}

/** `make()` once, on first use; the same promise after. */
function memo<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** `fn` on its first call only. */
function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) (done = true), fn();
  };
}
