/** Child process for the cold-start measure: start the core the way the app does, answer once, report. */
import { createAssistant } from "../../src/index.js";
import { childArgs, sendResult } from "./child.js";

const args = childArgs<{ seedsDir: string; indexDir: string; embedder: "auto" | "hashed" | "transformers"; question: string }>();
const tImport = performance.now();
const assistant = await createAssistant({ seedsDir: args.seedsDir, indexDir: args.indexDir, embedder: args.embedder, log: () => {} });
const tReady = performance.now();
const reply = await assistant.ask("cold", args.question);
// performance.now() counts from this process's start.
const firstAnswerMs = performance.now();
const rssMiB = Math.round((process.memoryUsage().rss / 2 ** 20) * 10) / 10;
sendResult({ modulesMs: tImport, readyMs: tReady, firstAnswerMs, abstained: reply.abstained, rssMiB });
await assistant.close();
