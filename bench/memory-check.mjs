/**
 * Memory of an answering process over many questions, on the compiled code (`npm run build` first) and an index
 * that `bench/scale-check.ts` built (its folder holds seeds/, index/ and plan.json):
 *
 *   node --expose-gc bench/memory-check.mjs /tmp/scale-100000 [questions=10000] [--max-old-space-size=512 before the script to try a cap]
 *
 * Starts the assistant, asks the plan's questions in turn (each in its own conversation, as the bench does) and prints
 * `process.memoryUsage()` after the start, every 2,500 questions, at the end and after a forced full GC.
 */
import { readFileSync } from "node:fs";

const [dir, count = "10000"] = process.argv.slice(2);
if (!dir) {
  console.error("Usage: node --expose-gc bench/memory-check.mjs <scale-check folder> [questions]");
  process.exit(2);
}
const { createAssistant } = await import(new URL("../dist/src/index.js", import.meta.url).href);
const mib = (n) => Math.round(n / 2 ** 20);
const show = (label) => {
  const m = process.memoryUsage();
  console.log(label, JSON.stringify({ rss: mib(m.rss), heapUsed: mib(m.heapUsed), heapTotal: mib(m.heapTotal), external: mib(m.external), arrayBuffers: mib(m.arrayBuffers), native: mib(m.rss - m.heapTotal - m.external) }));
};
const t0 = performance.now();
const assistant = await createAssistant({ seedsDir: `${dir}/seeds`, indexDir: `${dir}/index`, embedder: "hashed", log: () => {} });
await assistant.ask("start", "崂山众创空间总面积将达到多少？");
console.log("start to first answer ms", Math.round(performance.now() - t0));
show("after start");
const plan = JSON.parse(readFileSync(`${dir}/plan.json`, "utf8"));
const questions = [...plan.warmup, ...plan.timed].map((q) => q.question);
const t1 = performance.now();
for (let i = 1; i <= Number(count); i++) {
  await assistant.ask(`c${i}`, questions[(i - 1) % questions.length]);
  if (i % 2500 === 0) show(`after ${i} questions (${Math.round(performance.now() - t1)} ms)`);
}
global.gc?.();
await new Promise((resolve) => setTimeout(resolve, 2000));
global.gc?.();
show("after a full GC");
await assistant.close();
