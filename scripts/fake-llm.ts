/**
 * A scriptable fake of an OpenAI-compatible chat completions endpoint on 127.0.0.1, for tests and
 * for trying model answers without a model:
 *
 *   npx tsx scripts/fake-llm.ts --port 8787 --answer "崂山区每年设立5亿元的政府创新创业资金池[000_4f5b4b3408eff9cd#5]。"
 *   LLM_BASE_URL=http://127.0.0.1:8787/v1 LLM_MODEL=fake npm run -s ask -- --json "崂山区每年拿出多少钱扶持创新创业？"
 *
 * `--fault 429|500|timeout|cut-off|malformed|empty` makes every answer fail that way instead.
 * It speaks `POST /v1/chat/completions`, streamed (`stream: true`, server-sent events ending in
 * `data: [DONE]`) and not.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseCommandLine } from "../bots/cli-args.js";
import { pathToFileURL } from "node:url";

/** How the fake answers one request. */
export type FakeScript =
  | { answer: string; delayMs?: number; /** Pause between streamed chunks (default 5 ms). */ chunkDelayMs?: number }
  | { fault: "429" | "500" | "timeout" | "cut-off" | "malformed" | "empty"; delayMs?: number };

/** One request the fake received. */
export interface FakeRequest {
  body: { model: string; messages: { role: string; content: string }[]; stream?: boolean; max_tokens?: number };
  /** The `Authorization` header as sent. */
  authorization: string | undefined;
}

export interface FakeLlm {
  /** Pass as `LLM_BASE_URL`. */
  readonly baseURL: string;
  readonly requests: FakeRequest[];
  /** Decides each answer; replace it at any time. */
  script: (request: FakeRequest) => FakeScript;
  close(): Promise<void>;
}

/** Characters per streamed chunk. */
const CHUNK = 6;

/**
 * Starts the fake on a free port (or `port`) of 127.0.0.1.
 *
 * @example
 * const llm = await startFakeLlm(() => ({ answer: "…[000_4f5b4b3408eff9cd#5]" }));
 * createOpenAiGenerator({ baseURL: llm.baseURL, model: "fake" });
 */
export async function startFakeLlm(script: FakeLlm["script"], port = 0): Promise<FakeLlm> {
  const requests: FakeRequest[] = [];
  const server = createServer((req, res) => void serve(req, res));
  const fake: FakeLlm = {
    baseURL: "",
    requests,
    script,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) return json(res, 404, { error: { message: "not found" } });
    let body: FakeRequest["body"];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return json(res, 400, { error: { message: "invalid JSON" } });
    }
    const request = { body, authorization: req.headers.authorization };
    requests.push(request);
    const plan = fake.script(request);
    if (plan.delayMs) await sleep(plan.delayMs);
    if ("fault" in plan) {
      switch (plan.fault) {
        case "429":
          res.setHeader("retry-after", "30");
          return json(res, 429, { error: { message: "Rate limit reached", type: "rate_limit_error" } });
        case "500":
          return json(res, 500, { error: { message: "The server had an error", type: "server_error" } });
        case "timeout":
          // Holds the request until the client gives up.
          return;
        case "empty":
          return body.stream ? stream(res, body.model, "", true) : json(res, 200, completion(body.model, ""));
        case "malformed":
          if (!body.stream) return json(res, 200, { choices: "nonsense" });
          res.writeHead(200, { "content-type": "text/event-stream" });
          res.write("data: {not json\n\n");
          return res.end();
        case "cut-off":
          if (!body.stream) return res.destroy();
          return stream(res, body.model, "崂山区每年设立", false);
      }
    }
    return body.stream ? stream(res, body.model, plan.answer, true, plan.chunkDelayMs) : json(res, 200, completion(body.model, plan.answer));
  }

  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  Object.assign(fake, { baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` });
  return fake;
}

function completion(model: string, content: string) {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 100, completion_tokens: [...content].length, total_tokens: 100 + [...content].length },
  };
}

/** Streams `text` in small chunks; a stream that does not `finish` stops mid-answer with no `[DONE]`. */
async function stream(res: ServerResponse, model: string, text: string, finish: boolean, chunkDelayMs = 5) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const chunk = (delta: object, finish_reason: string | null) =>
    res.write(`data: ${JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion.chunk", created: 0, model, choices: [{ index: 0, delta, finish_reason }] })}\n\n`);
  chunk({ role: "assistant", content: "" }, null);
  const chars = [...text];
  for (let i = 0; i < chars.length; i += CHUNK) {
    chunk({ content: chars.slice(i, i + CHUNK).join("") }, null);
    await sleep(chunkDelayMs);
  }
  // Cut off: the connection drops mid-answer (after what was written has gone out), with no [DONE].
  if (!finish) return void setTimeout(() => res.destroy(), 30);
  chunk({}, "stop");
  res.end("data: [DONE]\n\n");
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseCommandLine({
    options: { port: { type: "string", default: "8787" }, answer: { type: "string" }, fault: { type: "string" }, "delay-ms": { type: "string" } },
  }, "Usage: npx tsx scripts/fake-llm.ts [--port 8787] [--answer TEXT] [--fault KIND] [--delay-ms N]");
  const faults = ["429", "500", "timeout", "cut-off", "malformed", "empty"] as const;
  const fault = faults.find((f) => f === values.fault);
  if ((!values.answer && !fault) || (values.fault && !fault)) {
    process.stderr.write(`Usage: npx tsx scripts/fake-llm.ts [--port 8787] (--answer "text [passage-id]" | --fault ${faults.join("|")}) [--delay-ms N]\n`);
    process.exit(2);
  }
  const delayMs = Number(values["delay-ms"] ?? 0);
  const fake = await startFakeLlm(() => (fault ? { fault, delayMs } : { answer: values.answer!, delayMs }), Number(values.port));
  process.stderr.write(`fake OpenAI-compatible endpoint: LLM_BASE_URL=${fake.baseURL}\n`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void fake.close().then(() => process.exit(0)));
}
