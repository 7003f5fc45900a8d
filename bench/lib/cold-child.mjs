/**
 * Child process for the cold-start measure: start the core the way the app does, answer once, report.
 * `entry` is the core's entry module: the compiled dist/src/index.js on plain node, as production runs
 * (`npm start` runs dist/), or src/index.ts under tsx (small runs and tests, no build).
 * Argument: JSON { entry, seedsDir, indexDir, embedder, question }.
 */
import { pathToFileURL } from "node:url";

const args = JSON.parse(process.argv[2] ?? "{}");
const { createAssistant } = await import(pathToFileURL(args.entry).href);
const tImport = performance.now();
const assistant = await createAssistant({ seedsDir: args.seedsDir, indexDir: args.indexDir, embedder: args.embedder, log: () => {} });
const tReady = performance.now();
const reply = await assistant.ask("cold", args.question);
// performance.now() counts from this process's start.
const firstAnswerMs = performance.now();
const rssMiB = Math.round((process.memoryUsage().rss / 2 ** 20) * 10) / 10;
process.stdout.write(`BENCH-RESULT ${JSON.stringify({ modulesMs: tImport, readyMs: tReady, firstAnswerMs, abstained: reply.abstained, rssMiB })}\n`);
await assistant.close();
