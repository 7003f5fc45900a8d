import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { FeedbackStore, LlmOutcome, Outcome } from "../src/index.js";

/** The Prometheus metrics one process exposes on `GET /metrics`. */
export interface Metrics {
  readonly registry: Registry;
  /** `assistant_questions_total{platform,kind}`: every input, by how it ended. */
  questions: Counter<"platform" | "kind">;
  /** `assistant_answer_seconds{platform}`: time in the core per input. */
  answerSeconds: Histogram<"platform">;
  /** `assistant_index_passages`: passages in the loaded index. */
  indexPassages: Gauge;
  /** `assistant_feedback_total{vote}`: 👍 (`up`) and 👎 (`down`) stored. */
  feedback: Counter<"vote">;
  /** `assistant_llm_answers_total{outcome,reason}`: model answers accepted, rejected by the check (and why), or failed. */
  llmAnswers: Counter<"outcome" | "reason">;
}

/**
 * A registry of its own (so tests can make several) with the assistant's metrics and Node's process
 * defaults (CPU, memory, event-loop lag, GC).
 *
 * @example const metrics = createMetrics(); metrics.questions.inc({ platform: "telegram", kind: "answer" });
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const questions = new Counter({
    name: "assistant_questions_total",
    help: "Inputs handled, by platform and kind (answer, decline, command, error).",
    labelNames: ["platform", "kind"] as const,
    registers: [registry],
  });
  const answerSeconds = new Histogram({
    name: "assistant_answer_seconds",
    help: "Seconds the core took per input.",
    labelNames: ["platform"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const indexPassages = new Gauge({ name: "assistant_index_passages", help: "Passages in the loaded index.", registers: [registry] });
  const feedback = new Counter({
    name: "assistant_feedback_total",
    help: "Votes stored on answers, by vote (up, down).",
    labelNames: ["vote"] as const,
    registers: [registry],
  });
  const llmAnswers = new Counter({
    name: "assistant_llm_answers_total",
    help: "Model-written answers by outcome (accepted, rejected, failed) and reason (why rejected or failed; empty when accepted).",
    labelNames: ["outcome", "reason"] as const,
    registers: [registry],
  });
  return { registry, questions, answerSeconds, indexPassages, feedback, llmAnswers };
}

/** Every outcome label, so each series exists (at 0) from the start. */
export const OUTCOMES: Outcome[] = ["answer", "decline", "command", "error"];

/**
 * A feedback store whose stored votes (not repeats) count in `assistant_feedback_total{vote}`.
 *
 * @example const feedback = countingFeedback(shared.feedback, metrics);
 */
export function countingFeedback(store: FeedbackStore, metrics: Metrics): FeedbackStore {
  const counted = Object.create(store) as FeedbackStore;
  counted.vote = async (vote) => {
    const fresh = await store.vote(vote);
    if (fresh) metrics.feedback.inc({ vote: vote.vote });
    return fresh;
  };
  return counted;
}

/**
 * Counts one model answer's outcome in `assistant_llm_answers_total`.
 *
 * @example llmOptions(config, (outcome) => countLlmOutcome(metrics, outcome));
 */
export function countLlmOutcome(metrics: Metrics, outcome: LlmOutcome): void {
  metrics.llmAnswers.inc({ outcome: outcome.type, reason: outcome.type === "accepted" ? "" : outcome.reason });
}
