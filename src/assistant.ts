import type { AnswerOptions } from "./answer/answer.js";
import { suggestQuestions, type Suggestion } from "./answer/suggest.js";
import { createMemoryStore, type ConversationStore, type MemoryStoreOptions } from "./conversation.js";
import { loadCorpus } from "./corpus/load.js";
import type { Passage } from "./corpus/corpus.js";
import type { Embedder } from "./embed/embedder.js";
import { selectEmbedder, type EmbedderChoice } from "./embed/select.js";
import { createFollowUpCheck } from "./follow-up-check.js";
import { askAfresh, handle, type HandlerContext } from "./handlers.js";
import { createGrounding, type LlmOptions } from "./llm/grounded.js";
import type { Progress } from "./progress.js";
import { createPolicyMatcher, findPolicies } from "./policies.js";
import { openIndex } from "./retrieval/index-store.js";
import { createPhraseIndex } from "./retrieval/phrase.js";
import { sentenceVectorLookup } from "./retrieval/sentence-vectors.js";
import { createRetriever } from "./retrieval/retriever.js";
import { normalize } from "./text/normalize.js";
import { createTokenizer, quotedTerms } from "./text/tokenize.js";
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
  /** Longer questions are refused with a clear reply. */
  maxQuestionLength?: number;
  log?: (level: LogLevel, msg: string) => void;
  /** A language model that writes answers from the retrieved passages, checked before shown; extractive only when absent. */
  llm?: LlmOptions;
}

/** Every default, written once. */
export const defaultAssistantOptions = {
  modelsDir: "models",
  embedder: "auto" as EmbedderChoice,
  modelId: "Xenova/multilingual-e5-small",
  maxQuestionLength: 500,
  answer: {
    /**
     * Calibrated on test/fixtures/questions.json with the offline embedder: unanswerable questions there
     * score 0.05-0.29 (one outlier at 0.87), answered ones 0.32 and up; see README "Answer quality".
     */
    minConfidence: 0.3,
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
  const corpus = await loadCorpus(o.seedsDir, { log, maxFileBytes: o.maxFileBytes, onProgress: o.onProgress });
  const { embedder, notice } =
    typeof o.embedder === "object"
      ? { embedder: o.embedder, notice: `Embedder: ${o.embedder.id}.` }
      : await selectEmbedder({ choice: o.embedder, modelsDir: o.modelsDir, modelId: o.modelId });
  const tokenizer = createTokenizer(corpus.passages.flatMap((p) => quotedTerms(p.text)));
  const { vector, keyword, sentences, manifest } = await openIndex(corpus, embedder, tokenizer, { dir: o.indexDir, log, onProgress: o.onProgress });
  o.onProgress?.({ stage: "finish" });
  // Sentences are numbered in corpus order in the saved vectors: where each passage's run starts.
  const firstSentence = new Map<string, { first: number; count: number }>();
  let sentenceCount = 0;
  for (const p of corpus.passages) {
    firstSentence.set(p.id, { first: sentenceCount, count: p.sentences.length });
    sentenceCount += p.sentences.length;
  }
  const passageById = new Map(corpus.passages.map((p) => [p.id, p]));
  const sentenceText = (id: string) => {
    const dot = id.lastIndexOf(".");
    const s = passageById.get(id.slice(0, dot))?.sentences[Number(id.slice(dot + 1)) - 1];
    return s && normalize(s.text);
  };
  const phrases = createPhraseIndex(keyword, tokenizer, sentenceText);
  const policies = findPolicies(corpus.passages);
  const suggestions = suggestQuestions(corpus.passages);
  const store = o.conversation && "get" in o.conversation ? o.conversation : createMemoryStore(o.conversation);

  const documents = new Map(corpus.documents.map((d) => [d.id, d]));
  const retriever = createRetriever({
    corpus,
    tokenizer,
    keyword,
    vector,
    embedder,
    sentenceVectors: sentenceVectorLookup((id) => firstSentence.get(id), sentences),
  });
  const ctx: HandlerContext = {
    corpus,
    embedder,
    manifest,
    retriever,
    tokenizer,
    documents,
    inCorpus: phrases.contains,
    policies,
    policiesIn: createPolicyMatcher(policies),
    suggestions: byPassage(suggestions),
    examples: memo(async () => (await ctx.followUpCheck.spread(suggestions, 3)).map((s) => s.question)),
    followUpCheck: createFollowUpCheck((question) => askAfresh(ctx, question), { mode: o.followUpCheck }),
    onNeedsModel: once(() =>
      log("warn", `an English question was declined: the offline embedder reads Chinese only; run npm run model:fetch (saves to ${o.modelsDir}) and restart with EMBEDDER=auto`),
    ),
    store,
    answer: o.answer,
    maxQuestionLength: o.maxQuestionLength,
    ...(o.llm && { llm: createGrounding(o.llm, { retriever, documents, store, log }) }),
  };
  return {
    ask: (conversationId, text, askOptions) => handle(ctx, conversationId, text, askOptions),
    passages(query = "", limit = 25) {
      const q = normalize(query.trim());
      const found = new Set<Passage>();
      // Ids first (a short scan of ids, not of text), then passages whose text holds the words.
      for (const p of corpus.passages) if (found.size < limit && (!q || p.id.includes(q))) found.add(p);
      for (const id of q ? phrases.sentencesWith(q) : []) {
        if (found.size >= limit) break;
        found.add(passageById.get(id.slice(0, id.lastIndexOf(".")))!);
      }
      return [...found].map((p) => ({ id: p.id, preview: [...p.text].slice(0, 40).join("") }));
    },
    embedderId: embedder.id,
    ...(o.llm && { model: o.llm.generator.model }),
    notice,
    async close() {
      sentences.close();
      await embedder.close?.();
    },
  };
}

function byPassage(suggestions: Suggestion[]): Map<string, Suggestion[]> {
  const map = new Map<string, Suggestion[]>();
  for (const s of suggestions) map.set(s.passage, [...(map.get(s.passage) ?? []), s]);
  return map;
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
