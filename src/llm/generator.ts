/**
 * The contract for a language model that writes answers from retrieved passages. The core only
 * calls `generate`; the OpenAI-compatible implementation sits beside it in `openai.ts`.
 */

/** One chat message, as OpenAI-compatible endpoints take them. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface GenerateOptions {
  /** Aborts the call (the caller's deadline); the call then rejects with a `GenerationError` of reason `timeout`. */
  signal?: AbortSignal;
  /** When set, the answer is streamed and each piece of text is passed here as it arrives. */
  onToken?: (delta: string) => void;
  /** Longest answer in tokens; the implementation's default when absent. */
  maxTokens?: number;
}

/** A model that writes text from chat messages. */
export interface Generator {
  /** Model name, shown by `/about` and in `--json`. */
  readonly model: string;
  /**
   * The model's whole answer. Rejects with `GenerationError` on a timeout, a refused or failed
   * request, a malformed or cut-off stream and an empty answer: the caller falls back.
   *
   * @example
   * const text = await generator.generate([{ role: "user", content: "你好" }], { signal: AbortSignal.timeout(20_000) });
   */
  generate(messages: ChatMessage[], options?: GenerateOptions): Promise<string>;
}

/** Why a model call gave no usable text. */
export type GenerationFailure = "timeout" | "rate-limited" | "server-error" | "refused" | "unreachable" | "malformed" | "cut-off" | "empty";

/** A model call that gave no usable text; `reason` is safe to log and count. */
export class GenerationError extends Error {
  override name = "GenerationError";
  constructor(
    readonly reason: GenerationFailure,
    message: string,
  ) {
    super(message);
  }
}
