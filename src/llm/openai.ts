import type OpenAI from "openai";
import { GenerationError, type ChatMessage, type GenerateOptions, type Generator } from "./generator.js";
import { createTaskQueue } from "./queue.js";

export interface OpenAiGeneratorOptions {
  /** Endpoint root, e.g. `https://api.deepseek.com/v1` or `http://127.0.0.1:11434/v1` (Ollama). */
  baseURL: string;
  /** Sent as `Authorization: Bearer …`; local servers (Ollama, llama.cpp) need none. Never logged. */
  apiKey?: string;
  /** Model name, e.g. `deepseek-chat`, `qwen-plus`, `qwen2.5:7b`. */
  model: string;
  /** One request may take this long at most, queueing included. */
  timeoutMs?: number;
  /** Longest answer in tokens. */
  maxTokens?: number;
  /** Requests in flight at most; more wait in a queue. */
  concurrency?: number;
}

export const defaultOpenAiGeneratorOptions = { timeoutMs: 20_000, maxTokens: 512, concurrency: 4 };

/**
 * A `Generator` for any OpenAI-compatible chat completions endpoint (OpenAI, DeepSeek, Qwen's
 * compatible mode, Ollama, vLLM, llama.cpp server), through the `openai` client. No retries: a
 * refused or failed request falls back to the extractive answer at once.
 *
 * @example
 * const generator = createOpenAiGenerator({ baseURL: "http://127.0.0.1:11434/v1", model: "qwen2.5:7b" });
 * await generator.generate([{ role: "user", content: "你好" }]);
 */
export function createOpenAiGenerator(options: OpenAiGeneratorOptions): Generator {
  const o = { ...defaultOpenAiGeneratorOptions, ...options };
  // The client library is loaded on the first request, not with the core (~0.1 s of a start's imports).
  let sdk: typeof import("openai") | undefined;
  let made: Promise<OpenAI> | undefined;
  const connect = () =>
    (made ??= import("openai").then((m) => {
      sdk = m;
      return new m.default({
        baseURL: o.baseURL,
        // The client refuses to start without a key; local servers ignore it.
        apiKey: o.apiKey || "none",
        maxRetries: 0,
        timeout: o.timeoutMs,
        logLevel: "off",
      });
    }));
  const queue = createTaskQueue(o.concurrency);

  async function complete(messages: ChatMessage[], { signal, onToken, maxTokens = o.maxTokens }: GenerateOptions): Promise<string> {
    const client = await connect();
    const body = { model: o.model, messages, max_tokens: maxTokens };
    if (!onToken) {
      const res = await client.chat.completions.create({ ...body, stream: false }, { signal });
      const choice = res.choices?.[0];
      if (!choice || typeof choice.message?.content !== "string") throw new GenerationError("malformed", "the answer has no message content");
      if (choice.finish_reason === "length") throw new GenerationError("cut-off", "the answer hit the token limit");
      return choice.message.content;
    }
    const stream = await client.chat.completions.create({ ...body, stream: true }, { signal });
    let text = "";
    let finish: string | null | undefined;
    try {
      for await (const chunk of stream) {
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        const delta = choice.delta?.content;
        if (delta) {
          text += delta;
          onToken(delta);
        }
        if (choice.finish_reason) finish = choice.finish_reason;
      }
    } catch (err) {
      // A connection dropped mid-answer; a bad chunk or the deadline is reported as such.
      if (signal?.aborted || err instanceof SyntaxError || !(err instanceof Error) || !/terminated|socket|closed|ECONNRESET/i.test(err.message)) throw err;
      throw new GenerationError("cut-off", "the stream broke off before the answer finished");
    }
    if (!finish) throw new GenerationError("cut-off", "the stream ended before the answer finished");
    if (finish === "length") throw new GenerationError("cut-off", "the answer hit the token limit");
    return text;
  }

  return {
    model: o.model,
    async generate(messages, options = {}) {
      const signal = AbortSignal.any([AbortSignal.timeout(o.timeoutMs), ...(options.signal ? [options.signal] : [])]);
      let text: string;
      try {
        text = await queue.run(() => complete(messages, { ...options, signal }), signal);
      } catch (err) {
        throw asGenerationError(err, signal, sdk);
      }
      if (!text.trim()) throw new GenerationError("empty", "the model answered nothing");
      return text;
    },
  };
}

/** The failure as one of a few reasons; messages carry no request headers, so no key. */
function asGenerationError(err: unknown, signal: AbortSignal, sdk: typeof import("openai") | undefined): GenerationError {
  if (err instanceof GenerationError) return err;
  if (signal.aborted) return new GenerationError("timeout", "no answer in time");
  // The client library could not be loaded: no request was made.
  if (!sdk) return new GenerationError("unreachable", `the openai client could not be loaded: ${String(err).slice(0, 200)}`);
  const { APIConnectionTimeoutError, APIError, APIUserAbortError } = sdk;
  if (err instanceof APIUserAbortError || err instanceof APIConnectionTimeoutError) return new GenerationError("timeout", "no answer in time");
  if (err instanceof APIError && err.status !== undefined) {
    if (err.status === 429) return new GenerationError("rate-limited", `HTTP 429${retryAfter(err.headers)}`);
    if (err.status >= 500) return new GenerationError("server-error", `HTTP ${err.status}`);
    return new GenerationError("refused", `HTTP ${err.status}: ${err.message.slice(0, 200)}`);
  }
  if (err instanceof APIError) return new GenerationError("unreachable", err.message.slice(0, 200));
  return new GenerationError("malformed", err instanceof Error ? err.message.slice(0, 200) : String(err));
}

function retryAfter(headers: Headers | undefined): string {
  const after = headers?.get("retry-after");
  return after ? ` (retry after ${after} s)` : "";
}
