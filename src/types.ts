/**
 * The core's contracts: what goes in, what comes out. Everything here is plain data;
 * rendering belongs to the front ends in `bots/`.
 */

/** Language a reply is worded in: Chinese in Simplified or Traditional script (zh-Hant), or English. */
export type Lang = "zh" | "zh-Hant" | "en";

/** One place in the corpus that an answer rests on. */
export interface Citation {
  /** Document id: the seed file name without extension, e.g. `000_4f5b4b3408eff9cd`. */
  doc: string;
  /** Article title (first line of the seed file). */
  title: string;
  /** Publication date as ISO `YYYY-MM-DD`, or "" when the file has none. */
  date: string;
  /** Passage id `doc#paragraph`, e.g. `000_4f5b4b3408eff9cd#3`. Use it with `/source`. */
  passage: string;
  /** 1-based paragraph number within the article. */
  paragraph: number;
  /** The quoted sentence, verbatim from the article. */
  quote: string;
  /** Retrieval score in [0, 1]; higher is more relevant. */
  score: number;
}

/** What kind of reply this is; front ends may style kinds differently. */
export type ReplyKind =
  | "answer" //       a question answered from the corpus
  | "not-found" //    nothing relevant: `citations` holds the nearest passages
  | "needs-model" //  an English question while the offline embedder is active
  | "policies" //     the policy documents the corpus names
  | "source" //       a full passage
  | "help" //         usage and example questions (also `/start`)
  | "about" //        documents, embedder, index date
  | "reset" //        conversation cleared
  | "invalid"; //     input the assistant cannot use (empty, emoji only, unknown command, bad id)

/** The core's answer to one input. Plain data: no markup, no platform types. */
export interface Reply {
  kind: ReplyKind;
  /** The reply text, plain (no HTML/Markdown), already worded in `lang`. */
  text: string;
  /**
   * For an answer: the smallest span of the quoted sentence that answers — a figure with its unit
   * (150万平方米), a date, a name, an organisation, a list. Absent for other kinds.
   */
  short?: string;
  /** True when the assistant declined to answer (not-found, needs-model, invalid). */
  abstained: boolean;
  /** Supporting sentences (answer), nearest passages (not-found), or the passage (source). */
  citations: Citation[];
  /** Suggested next questions, ready to send back to `ask` as they are. */
  followUps: string[];
  /**
   * A short id for each of `followUps`, in order (`<passage id>~<hash of the question>`): what a button
   * can carry when the question is too long for it. `Assistant.followUp(id)` reads it back in any process
   * over the same articles, so no state is kept.
   */
  followUpIds?: string[];
  /** Language the reply is worded in. */
  lang: Lang;
  /** How sure the answer (or the decline) is, in [0, 1]; questions only. For logs and metrics. */
  confidence?: number;
  /** The language model that wrote `text` (checked against the citations); absent for extractive replies. */
  model?: string;
}

/** Articles (file names in the seeds folder) one update added, changed and removed. */
export interface CorpusUpdate {
  added: string[];
  changed: string[];
  removed: string[];
}

/** A passage id with its opening words, for pickers such as Discord autocomplete. */
export interface PassagePreview {
  id: string;
  preview: string;
}

/** The single platform-neutral entry point every front end calls. */
export interface Assistant {
  /**
   * Answers one message of a conversation. Text starting with `/` is a command
   * (`/help`, `/start`, `/policies`, `/source <id>`, `/about`, `/reset`); anything else is a question.
   * Never throws for bad input: that is a reply of kind `invalid`.
   *
   * @example
   * const reply = await assistant.ask("tg:42", "崂山众创空间总面积将达到多少？");
   * reply.text; // "崂山众创空间总面积将达150万平方米。"
   */
  ask(conversationId: string, text: string, options?: AskOptions): Promise<Reply>;
  /** Passage ids whose id or text contains `query` (all when empty), at most `limit`. */
  passages(query?: string, limit?: number): PassagePreview[];
  /**
   * The suggested question a `Reply.followUpIds` entry stands for, made again from its passage in the
   * articles as they are now; `undefined` when the passage is gone or no longer suggests it.
   *
   * @example
   * assistant.followUp?.(reply.followUpIds![0]!); // "侨商创客谷年底前计划入驻多少家企业？"
   */
  followUp?(id: string): string | undefined;
  /** Id of the active embedder, e.g. `hashed-ngram-v1-256`. */
  readonly embedderId: string;
  /** The language model that writes answers, when one is configured. */
  readonly model?: string;
  /** One line naming the active embedder and, for the offline one, how to get the model. */
  readonly notice: string;
  /**
   * Re-reads the named files of the seeds folder (every file when none are named) and updates the index
   * in place: an article added or changed is embedded and indexed, one deleted (or no longer readable) is
   * removed; nothing else is rebuilt. Questions asked meanwhile are answered from the state before the
   * update; the saved index is rewritten atomically, so a restart does not rebuild. Logs each article.
   * (Optional so that test doubles of the core need not have it.)
   *
   * @example await assistant.update(["new-article.txt"]) // { added: ["new-article.txt"], changed: [], removed: [] }
   */
  update?(files?: string[]): Promise<CorpusUpdate>;
  /** Releases resources (model sessions, timers). */
  close(): Promise<void>;
}

export interface AskOptions {
  /** Preferred language for wording (e.g. from a Telegram/Discord locale); default: the question's. */
  lang?: Lang;
  /**
   * Receives a model-written answer while it is written (the text so far, plain), for streaming
   * front ends. The returned `Reply` is what to show in the end: it may differ from the last draft
   * (a draft that fails the check is replaced by the extractive answer).
   */
  onDraft?: (text: string) => void;
}
