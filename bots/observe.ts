import { createHash, randomBytes } from "node:crypto";
import type { Assistant, FeedbackStore, Outcome, Reply } from "../src/index.js";
import type { Level, Logger } from "./log.js";
import type { Metrics } from "./metrics.js";

export interface ObserveOptions {
  /** `telegram`, `discord`, `console`: a label on every line, metric and record. */
  platform: string;
  log: Logger;
  metrics?: Metrics;
  /** Where question records go (the report's data); none: nothing recorded. */
  feedback?: FeedbackStore;
  /** Write the question text into the log line (`LOG_QUESTIONS=on`); off by default. */
  logQuestions?: boolean;
  /** Level of the line per question; `debug` keeps it out of an interactive terminal. Default `info`. */
  level?: Level;
}

/** A reply with the id its feedback buttons carry; only questions (answered or declined) get one. */
export type ObservedReply = Reply & { answerId?: string };

/** The answer id of a reply from an observed assistant, if it has one. */
export function answerIdOf(reply: Reply): string | undefined {
  return (reply as ObservedReply).answerId;
}

/**
 * How an input ended, as logs, metrics and the report count it: a question is an `answer` or a `decline`
 * (not found, needs the model, unusable input); help, policies, source, about, reset and unknown
 * commands are `command`s.
 */
export function outcomeOf(reply: Reply, input: string): Outcome {
  switch (reply.kind) {
    case "answer":
      return "answer";
    case "not-found":
    case "needs-model":
      return "decline";
    case "invalid":
      return /^\s*[/／]/.test(input) && !/^\s*[/／]ask\b/i.test(input) ? "command" : "decline";
    default:
      return "command";
  }
}

/** A short, stable hash of an id (conversation, user), so logs and records never hold the id itself. */
export function hashId(id: string): string {
  return createHash("sha256").update(id).digest("base64url").slice(0, 12);
}

/**
 * Wraps an assistant so every `ask` writes one structured log line (platform, conversation hash, kind,
 * confidence, cited passages, latency; the question only with `logQuestions`), counts it in the metrics,
 * and records questions for `npm run report`. A question's reply carries an `answerId` for 👍/👎 buttons.
 * An error is logged and counted as `error`, then rethrown for the front end to apologise.
 *
 * @example startTelegram(observe(assistant, { platform: "telegram", log, metrics, feedback }), config, log, shared);
 */
export function observe(assistant: Assistant, options: ObserveOptions): Assistant {
  const { platform, log, metrics, feedback, logQuestions = false, level = "info" } = options;
  // Everything but `ask` comes from the wrapped assistant, whatever members it grows.
  const observed = Object.create(assistant) as Assistant;
  observed.ask = async (conversationId, text, askOptions) => {
      const t0 = performance.now();
      const conversation = hashId(conversationId);
      let reply: Reply;
      try {
        reply = await assistant.ask(conversationId, text, askOptions);
      } catch (err) {
        const ms = performance.now() - t0;
        metrics?.questions.inc({ platform, kind: "error" });
        metrics?.answerSeconds.observe({ platform }, ms / 1000);
        log.fields("error", { platform, conversation, kind: "error", ms: round(ms), ...(logQuestions ? { question: text } : {}), error: describe(err) }, "question failed");
        if (feedback) await store(feedback, { id: newId(), at: Date.now(), platform, conversation, outcome: "error", question: text, answer: "", passages: [], articles: [] }, log);
        throw err;
      }
      const ms = performance.now() - t0;
      const kind = outcomeOf(reply, text);
      const passages = [...new Set(reply.citations.map((c) => c.passage))];
      metrics?.questions.inc({ platform, kind });
      metrics?.answerSeconds.observe({ platform }, ms / 1000);
      const id = kind === "answer" || kind === "decline" ? newId() : undefined;
      log.fields(
        level,
        {
          platform,
          conversation,
          kind,
          reply: reply.kind,
          ...(reply.confidence !== undefined ? { confidence: round(reply.confidence, 3) } : {}),
          passages: reply.kind === "answer" ? passages : [],
          ms: round(ms),
          ...(id ? { answer: id } : {}),
          ...(logQuestions ? { question: text } : {}),
        },
        "question",
      );
      if (!id) return reply;
      if (feedback) {
        await store(
          feedback,
          {
            id,
            at: Date.now(),
            platform,
            conversation,
            outcome: kind,
            question: text,
            answer: [...reply.text].slice(0, 200).join(""),
            ...(reply.confidence !== undefined ? { confidence: reply.confidence } : {}),
            passages: kind === "answer" ? passages : [],
            articles: kind === "answer" ? [...new Set(reply.citations.map((c) => c.title))] : [],
          },
          log,
        );
      }
      return { ...reply, answerId: id } satisfies ObservedReply;
  };
  return observed;
}

async function store(feedback: FeedbackStore, record: Parameters<FeedbackStore["record"]>[0], log: Logger): Promise<void> {
  try {
    await feedback.record(record);
  } catch (err) {
    log.warn("feedback: could not record a question for the report", err);
  }
}

function newId(): string {
  return randomBytes(6).toString("base64url");
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
