/** The core's public surface: one entry point (`createAssistant(...).ask`) and its contracts. */
export { createAssistant, defaultAssistantOptions, type AssistantOptions, type LogLevel } from "./assistant.js";
export type { Assistant, AskOptions, Citation, Lang, PassagePreview, Reply, ReplyKind } from "./types.js";
export type { Embedder, EmbedKind } from "./embed/embedder.js";
export { createHashedNgramEmbedder } from "./embed/hashed-ngram.js";
export { selectEmbedder, type EmbedderChoice } from "./embed/select.js";
export { createMemoryStore, type ConversationStore, type ConversationState } from "./conversation.js";
export { createRateLimiter, type RateLimiter, type RateDecision } from "./rate-limit.js";
export { messages, type Messages } from "./messages/index.js";
export { articleId, loadCorpus, readArticle, ARTICLE_EXTENSIONS, type ArticleRead, type LoadOptions, type ReadOptions } from "./corpus/load.js";
export type { Corpus, Document, Passage, Sentence, SkippedFile } from "./corpus/corpus.js";
export type { Progress } from "./progress.js";
export { createTokenizer, quotedTerms, type Tokenizer } from "./text/tokenize.js";
export { createHnswIndex, type VectorIndex, type Hit } from "./retrieval/vector-index.js";
export { createKeywordIndex, type KeywordIndex } from "./retrieval/keyword-index.js";
export type { Generator, GenerateOptions, ChatMessage, GenerationFailure } from "./llm/generator.js";
export { GenerationError } from "./llm/generator.js";
export { createOpenAiGenerator, type OpenAiGeneratorOptions } from "./llm/openai.js";
export type { LlmOptions, LlmOutcome } from "./llm/grounded.js";
