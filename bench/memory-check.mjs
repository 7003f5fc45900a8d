/**
 * Memory of an answering process over many questions, on the compiled code (`npm run build` first) and an index
 * that `bench/scale-check.ts` built (its folder holds seeds/, index/ and plan.json):
 *
 *   node --expose-gc --heap-growing-percent=20 bench/memory-check.mjs /tmp/scale-100000 [questions=10000]
 *
 * (`--heap-growing-percent=20` as `npm start` and the Dockerfile run the assistant; leave it out, or add
 * `--max-old-space-size=512`, to see V8's defaults or a heap cap.)
 *
 * Starts the assistant, asks the plan's warm-up questions, then N of its timed ones in turn (each in its own
 * conversation, as the bench does; timed: p50/p95/p99 of `ask` on the compiled code, as `npm start` runs it) and prints
 * `process.memoryUsage()` after the start, every 2,500 questions, at the end and after a forced full GC; after the
 * start and at the end, what holds the RSS besides (MiB):
 *
 * - heapLive / heapFree: the V8 heap's objects, and the part of it reserved but free (garbage not yet collected, or
 *   space V8 keeps after a collection); the question's live objects and caches are in heapLive;
 * - keywordIndex: `keyword.bin` as loaded (typed arrays over one buffer, in `arrayBuffers`); otherBuffers: the rest of
 *   `arrayBuffers` (sentence vectors read for a question, module buffers);
 * - corpusText: every passage's text, one string outside the heap (the text section of `corpus.bin`, in `external`);
 *   otherExternal: the rest of `external`;
 * - hnsw: the HNSW graph in hnswlib's native memory (the size of `vectors.hnsw`); otherNative: the rest of the RSS —
 *   code, jieba's dictionary, the allocators' free lists, pages a collection freed but not yet returned.
 */
import { openSync, readFileSync, readSync, statSync } from "node:fs";

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
const bytes = (name) => statSync(`${dir}/index/${name}`).size;
// corpus.bin starts with its magic, layout version and the byte sizes of its sections; the third is the texts'.
const head = Buffer.alloc(24);
readSync(openSync(`${dir}/index/corpus.bin`, "r"), head, 0, 24, 0);
const held = { keywordIndex: bytes("keyword.bin"), corpusText: head.readUInt32LE(16), hnsw: bytes("vectors.hnsw") };
const breakdown = (label) => {
  const m = process.memoryUsage();
  const parts = {
    heapLive: m.heapUsed,
    heapFree: m.heapTotal - m.heapUsed,
    keywordIndex: held.keywordIndex,
    otherBuffers: m.arrayBuffers - held.keywordIndex,
    corpusText: held.corpusText,
    otherExternal: m.external - m.arrayBuffers - held.corpusText,
    hnsw: held.hnsw,
    otherNative: m.rss - m.heapTotal - m.external - held.hnsw,
  };
  console.log(`${label} breakdown`, JSON.stringify({ rss: mib(m.rss), ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, mib(v)])) }));
};
const t0 = performance.now();
const assistant = await createAssistant({ seedsDir: `${dir}/seeds`, indexDir: `${dir}/index`, embedder: "hashed", log: () => {} });
await assistant.ask("start", "崂山众创空间总面积将达到多少？");
console.log("start to first answer ms", Math.round(performance.now() - t0));
show("after start");
breakdown("after start");
const plan = JSON.parse(readFileSync(`${dir}/plan.json`, "utf8"));
for (const [i, q] of plan.warmup.entries()) await assistant.ask(`w${i}`, q.question);
// The timed questions, each asked once (cycled past the plan's end), timed as a front end waits for `ask`.
const questions = plan.timed.map((q) => q.question);
const ms = [];
const t1 = performance.now();
for (let i = 1; i <= Number(count); i++) {
  const t = performance.now();
  await assistant.ask(`c${i}`, questions[(i - 1) % questions.length]);
  ms.push(performance.now() - t);
  if (i % 2500 === 0) show(`after ${i} questions (${Math.round(performance.now() - t1)} ms)`);
}
ms.sort((a, b) => a - b);
const at = (p) => Math.round(ms[Math.min(ms.length - 1, Math.floor(ms.length * p))] * 1000) / 1000;
console.log(`ask ms over ${ms.length} questions (after ${plan.warmup.length} warm-up ones)`, JSON.stringify({ p50: at(0.5), p95: at(0.95), p99: at(0.99) }));
breakdown(`after ${count} questions`);
global.gc?.();
await new Promise((resolve) => setTimeout(resolve, 2000));
global.gc?.();
show("after a full GC");
breakdown("after a full GC");
await assistant.close();
