/**
 * `npm run ask -- "问题"` prints one answer; `--json` prints one JSON object;
 * `--json --stdin` reads lines (plain text or {"chat","text"}) and writes one JSON line per line, in order.
 */
import { createInterface } from "node:readline";
import { parseCommandLine } from "../cli-args.js";
import { z } from "zod";
import type { Assistant, Reply } from "../../src/index.js";
import { boot } from "../boot.js";
import { observe } from "../observe.js";
import { renderReply } from "./render.js";
import { askStreaming } from "./stream.js";

const lineSchema = z.object({ chat: z.string().min(1).max(200).default("stdin"), text: z.string() });

/** The `--json` shape: one object per answer. */
export function toJson(reply: Reply, embedder: string, ms: number) {
  return {
    answer: reply.text,
    short: reply.short ?? null,
    abstained: reply.abstained,
    kind: reply.kind,
    citations: reply.citations.map(({ doc, title, date, passage, paragraph, quote, score }) => ({ doc, title, date, passage, paragraph, quote, score })),
    followUps: reply.followUps,
    mode: reply.model ? "llm" : "extractive",
    ...(reply.model && { model: reply.model }),
    embedder,
    ms: Math.round(ms * 100) / 100,
  };
}

async function timed(assistant: Assistant, chat: string, text: string) {
  const t0 = performance.now();
  const reply = await assistant.ask(chat, text);
  return { reply, ms: performance.now() - t0 };
}

async function main() {
  const { values, positionals } = parseCommandLine({
    allowPositionals: true,
    options: { json: { type: "boolean" }, stdin: { type: "boolean" }, chat: { type: "string", default: "cli" } },
  }, "Usage: npm run ask -- [--json] \"问题\"   |   npm run -s ask -- --json --stdin < questions.txt");
  if (!values.stdin && positionals.join(" ").trim() === "") {
    process.stderr.write('Usage: npm run ask -- [--json] "问题"   |   npm run -s ask -- --json --stdin < questions.txt\n');
    process.exit(2);
  }
  const { config, log, assistant: core, shared, shutdown } = await boot({ watch: values.stdin === true, ...(!values.stdin && { seedsCheck: "await" }) });
  // Each question is logged and recorded for `npm run report` like the bots' (platform "cli").
  const assistant = observe(core, { platform: "cli", log, logQuestions: config.LOG_QUESTIONS, ...(shared ? { feedback: shared.feedback } : {}) });
  const embedderId = assistant.embedderId;
  if (!values.stdin && !values.json) {
    await askStreaming(assistant, values.chat!, positionals.join(" "), (s) => process.stdout.write(s));
  } else if (!values.stdin) {
    const { reply, ms } = await timed(assistant, values.chat!, positionals.join(" "));
    process.stdout.write(JSON.stringify(toJson(reply, embedderId, ms)) + "\n");
  } else {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      let chat = values.chat!;
      let text = line;
      if (line.trimStart().startsWith("{")) {
        const parsed = lineSchema.safeParse(safeJson(line));
        if (!parsed.success) {
          process.stdout.write(JSON.stringify({ error: `bad input line: ${parsed.error.issues[0]?.message ?? "invalid JSON"}; expected plain text or {"chat": "...", "text": "..."}` }) + "\n");
          continue;
        }
        ({ chat, text } = parsed.data);
      }
      const { reply, ms } = await timed(assistant, chat, text);
      process.stdout.write((values.json ? JSON.stringify(toJson(reply, embedderId, ms)) : renderReply(reply) + "\n") + "\n");
    }
  }
  await shutdown();
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

await main();
