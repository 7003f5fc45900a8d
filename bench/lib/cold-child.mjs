/**
 * The cold-start child as production runs it: plain node on the compiled code (`npm start` runs dist/,
 * built by `npm run build`), no tsx. Same measures and result line as cold-child.ts.
 * Argument: JSON { distDir, seedsDir, indexDir, embedder, question }.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const args = JSON.parse(process.argv[2] ?? "{}");
const { createAssistant } = await import(pathToFileURL(join(args.distDir, "src", "index.js")).href);
const tImport = performance.now();
const assistant = await createAssistant({ seedsDir: args.seedsDir, indexDir: args.indexDir, embedder: args.embedder, log: () => {} });
const tReady = performance.now();
const reply = await assistant.ask("cold", args.question);
// performance.now() counts from this process's start.
const firstAnswerMs = performance.now();
const rssMiB = Math.round((process.memoryUsage().rss / 2 ** 20) * 10) / 10;
process.stdout.write(`BENCH-RESULT ${JSON.stringify({ modulesMs: tImport, readyMs: tReady, firstAnswerMs, abstained: reply.abstained, rssMiB })}\n`);
await assistant.close();
