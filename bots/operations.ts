import type { Assistant, FeedbackStore } from "../src/index.js";
import type { Env } from "./config.js";
import { startHttp, type HttpHandle, type ReadinessCheck } from "./http.js";
import type { Level, Logger } from "./log.js";
import { countingFeedback, createMetrics, type Metrics } from "./metrics.js";
import { observe } from "./observe.js";

/** What operators see of one process: the metrics, the readiness checks and, with HTTP_PORT, the HTTP server. */
export interface Operations {
  metrics: Metrics;
  /** Adds (or replaces) a named readiness check. */
  check(name: string, ready: ReadinessCheck): void;
  /** Marks the index loaded and publishes its size. */
  indexLoaded(assistant: Assistant): void;
  /** The assistant as a front end should call it: one log line, metrics and a report record per question. */
  observe(assistant: Assistant, platform: string, feedback?: FeedbackStore, level?: Level): Assistant;
  /** A feedback store whose stored votes count in `assistant_feedback_total`. */
  counting(feedback: FeedbackStore): FeedbackStore;
  /** The HTTP server's port, when one runs. */
  readonly port: number | undefined;
  close(): Promise<void>;
}

/**
 * Metrics, readiness and the per-question log line, and with `HTTP_PORT` the HTTP server on `HOST`
 * (`/healthz`, `/readyz`, `/metrics`). `/readyz` fails until `indexLoaded` is called.
 *
 * @example const ops = await startOperations(config, log); ops.indexLoaded(assistant);
 */
export async function startOperations(config: Env, log: Logger, { portOffset = 0 }: { portOffset?: number } = {}): Promise<Operations> {
  const metrics = createMetrics();
  const checks = new Map<string, ReadinessCheck>();
  let loaded = false;
  checks.set("index", () => loaded);
  let http: HttpHandle | undefined;
  if (config.HTTP_PORT !== undefined) {
    const port = config.HTTP_PORT === 0 ? 0 : config.HTTP_PORT + portOffset;
    try {
      http = await startHttp({ port, host: config.HOST, metrics, checks });
    } catch (err) {
      throw new Error(`Cannot listen on HOST ${config.HOST} HTTP_PORT ${port} (${err instanceof Error ? err.message : String(err)}): choose another HTTP_PORT or HOST.`);
    }
    log.info(`http: /healthz /readyz /metrics on http://${config.HOST}:${http.port}`);
  }
  return {
    metrics,
    check: (name, ready) => void checks.set(name, ready),
    indexLoaded(assistant) {
      metrics.indexPassages.set(assistant.passages("", Number.MAX_SAFE_INTEGER).length);
      loaded = true;
    },
    observe: (assistant, platform, feedback, level) =>
      observe(assistant, { platform, log, metrics, logQuestions: config.LOG_QUESTIONS, ...(feedback ? { feedback } : {}), ...(level ? { level } : {}) }),
    counting: (feedback) => countingFeedback(feedback, metrics),
    get port() {
      return http?.port;
    },
    close: async () => http?.close(),
  };
}
