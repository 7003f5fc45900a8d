import { spawn } from "node:child_process";
import { copyFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it, vi } from "vitest";
import { watchSeeds } from "../../bots/watch.js";
import type { Embedder } from "../../src/embed/embedder.js";
import { createHashedNgramEmbedder } from "../../src/embed/hashed-ngram.js";
import { createAssistant, type Assistant, type AssistantOptions } from "../../src/index.js";
import { DOC, SEEDS, tempDir } from "../helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const ARTICLE = "人才公寓.txt";
const article = (investment: string) =>
  `西海岸新区人才公寓项目启动\n\n2024-03-01\n\n青岛西海岸新区人才公寓项目总投资为${investment}，共建设公寓4200套。\n\n该项目计划于2026年底前全部交付使用。\n`;
const QUESTION = "西海岸新区人才公寓项目总投资为多少？";

/** A seeds folder with the seed article, an index folder, and an embedder that records what it embeds. */
async function setup() {
  const seeds = await tempDir("qa-live-seeds-");
  const index = await tempDir("qa-live-index-");
  cleanups.push(seeds.cleanup, index.cleanup);
  await copyFile(join(SEEDS, `${DOC}.txt`), join(seeds.dir, `${DOC}.txt`));
  const inner = createHashedNgramEmbedder();
  const embedded: string[] = [];
  let gate: Promise<void> | undefined;
  const embedder: Embedder = {
    ...inner,
    async embed(texts, kind) {
      if (kind === "passage") embedded.push(...texts);
      if (kind === "passage" && gate) await gate;
      return inner.embed(texts, kind);
    },
  };
  const logs: string[] = [];
  const open = (extra: Partial<AssistantOptions> = {}) =>
    createAssistant({ seedsDir: seeds.dir, indexDir: index.dir, embedder, log: (level, msg) => logs.push(`${level} ${msg}`), ...extra });
  return { seeds: seeds.dir, index: index.dir, embedded, logs, open, hold: (g: Promise<void> | undefined) => (gate = g) };
}

const cites = (reply: Awaited<ReturnType<Assistant["ask"]>>, doc: string) => reply.citations.some((c) => c.doc === doc);

describe("live corpus: one article added, changed, removed in place (issue 9)", () => {
  it("answers from a new article, then from its new text, then no more once it is gone; only that article is embedded", async () => {
    const { seeds, embedded, logs, open } = await setup();
    const assistant = await open();
    expect(cites(await assistant.ask("a", QUESTION), "人才公寓")).toBe(false);

    await writeFile(join(seeds, ARTICLE), article("38亿元"));
    embedded.length = 0;
    expect(await assistant.update!([ARTICLE])).toEqual({ added: [ARTICLE], changed: [], removed: [] });
    // Its 2 passages and their 2 sentences, and nothing of the seed article.
    expect(embedded).toHaveLength(4);
    expect(embedded.every((t) => !t.includes("崂山"))).toBe(true);
    let reply = await assistant.ask("b", QUESTION);
    expect(reply.text).toContain("38亿元");
    expect(reply.citations[0]!.doc).toBe("人才公寓");
    expect(logs.some((l) => /人才公寓\.txt.*added/.test(l))).toBe(true);

    await writeFile(join(seeds, ARTICLE), article("45亿元"));
    expect(await assistant.update!([ARTICLE])).toEqual({ added: [], changed: [ARTICLE], removed: [] });
    reply = await assistant.ask("c", QUESTION);
    expect(reply.text).toContain("45亿元");
    expect(reply.citations.every((c) => !c.quote.includes("38亿元"))).toBe(true);

    // The seed article still answers as before.
    expect((await assistant.ask("d", "崂山众创空间总面积将达到多少？")).text).toContain("150万平方米");

    await rm(join(seeds, ARTICLE));
    expect(await assistant.update!([ARTICLE])).toEqual({ added: [], changed: [], removed: [ARTICLE] });
    reply = await assistant.ask("e", QUESTION);
    expect(cites(reply, "人才公寓")).toBe(false);
    expect(logs.some((l) => /人才公寓\.txt.*removed/.test(l))).toBe(true);
    await assistant.close();
  });

  it("keeps the updated index on disk: a restart loads it without rebuilding", async () => {
    const { seeds, logs, open } = await setup();
    const first = await open();
    await writeFile(join(seeds, ARTICLE), article("38亿元"));
    await first.update!([ARTICLE]);
    await first.close();
    logs.length = 0;
    const second = await open();
    expect(logs.filter((l) => /indexing|rebuilding/.test(l))).toEqual([]);
    const reply = await second.ask("a", QUESTION);
    expect(reply.text).toContain("38亿元");
    expect((await second.ask("b", "崂山众创空间总面积将达到多少？")).text).toContain("150万平方米");
    await second.close();
  });

  it("with seedsCheck await, applies an article added while the process was down before answering, without a full rebuild", async () => {
    const { seeds, logs, open } = await setup();
    await (await open()).close();
    await writeFile(join(seeds, ARTICLE), article("38亿元"));
    logs.length = 0;
    const assistant = await open({ seedsCheck: "await" });
    expect(logs.some((l) => /indexing \d+ passages/.test(l))).toBe(false);
    expect(logs.some((l) => /人才公寓\.txt.*added/.test(l))).toBe(true);
    expect((await assistant.ask("a", QUESTION)).text).toContain("38亿元");
    await assistant.close();
  });

  it("answers from the saved index at once, then applies the articles added, changed and deleted while it was down", async () => {
    const { seeds, logs, open } = await setup();
    await writeFile(join(seeds, ARTICLE), article("38亿元"));
    await writeFile(join(seeds, "旧闻.txt"), "旧闻\n\n2023-01-01\n\n青岛旧码头改造项目总投资为12亿元。\n");
    await (await open()).close();
    // While down: one article changed (same size: only its time tells), one added, one deleted.
    await writeFile(join(seeds, ARTICLE), article("45亿元"));
    await writeFile(join(seeds, "新闻.txt"), "新闻\n\n2024-05-01\n\n胶州湾隧道二期项目总投资为77亿元。\n");
    await rm(join(seeds, "旧闻.txt"));
    logs.length = 0;
    const assistant = await open();
    expect(logs.some((l) => /indexing \d+ passages|index updated/.test(l))).toBe(false);
    await vi.waitFor(() => expect(logs.some((l) => /旧闻\.txt removed/.test(l))).toBe(true), { timeout: 10_000 });
    // 3 of 3 articles: more than a full build would be worth, said once.
    expect(logs.filter((l) => /warn .*3 files differ from the saved index of 3 articles; applying them one by one/.test(l))).toHaveLength(1);
    expect(logs.filter((l) => /index updated/.test(l)).map((l) => /([^/\s]+\.txt) (\w+)/.exec(l)!.slice(1).join(" ")).sort()).toEqual(["人才公寓.txt changed", "新闻.txt added", "旧闻.txt removed"]);
    expect((await assistant.ask("a", QUESTION)).text).toContain("45亿元");
    expect((await assistant.ask("b", "胶州湾隧道二期项目总投资为多少？")).text).toContain("77亿元");
    expect(cites(await assistant.ask("c", "青岛旧码头改造项目总投资为多少？"), "旧闻")).toBe(false);
    await assistant.close();
    // The update was saved: the next start finds nothing to change.
    logs.length = 0;
    const again = await open({ seedsCheck: "await" });
    expect(logs.filter((l) => /index updated|indexing/.test(l))).toEqual([]);
    expect((await again.ask("d", QUESTION)).text).toContain("45亿元");
    await again.close();
  });

  it("two replicas on one index folder that both find an article changed while down save the same update: the next start loads it as saved", async () => {
    const { seeds, logs, open } = await setup();
    await writeFile(join(seeds, ARTICLE), article("38亿元"));
    await (await open()).close();
    await writeFile(join(seeds, ARTICLE), article("45亿元"));
    logs.length = 0;
    const replicas = await Promise.all([open(), open()]);
    await vi.waitFor(() => expect(logs.filter((l) => /人才公寓\.txt changed/.test(l))).toHaveLength(2), { timeout: 10_000 });
    for (const r of replicas) expect((await r.ask("a", QUESTION)).text).toContain("45亿元");
    await Promise.all(replicas.map((r) => r.close()));
    expect(logs.filter((l) => /could not save/.test(l))).toEqual([]);
    logs.length = 0;
    const next = await open({ seedsCheck: "await" });
    expect(logs.filter((l) => /index updated|indexing|rebuild|refus|damaged/i.test(l))).toEqual([]);
    expect((await next.ask("b", QUESTION)).text).toContain("45亿元");
    await next.close();
  });

  it("a question asked while an update runs is answered from the state before it", async () => {
    const { seeds, open, hold } = await setup();
    const assistant = await open();
    await writeFile(join(seeds, ARTICLE), article("38亿元"));
    let release!: () => void;
    hold(new Promise<void>((r) => (release = r)));
    const updating = assistant.update!([ARTICLE]);
    await new Promise((r) => setTimeout(r, 20));
    const during = await assistant.ask("a", "崂山众创空间总面积将达到多少？");
    expect(during.text).toContain("150万平方米");
    expect(cites(await assistant.ask("b", QUESTION), "人才公寓")).toBe(false);
    hold(undefined);
    release();
    await updating;
    expect((await assistant.ask("c", QUESTION)).text).toContain("38亿元");
    await assistant.close();
  });

  it("the watcher picks up a file copied into seeds/ and one deleted from it", async () => {
    const { seeds, open } = await setup();
    const assistant = await open();
    const log = { debug() {}, info() {}, warn() {}, error() {} };
    const watcher = watchSeeds(seeds, assistant as Required<Assistant>, log as never, 50);
    const until = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
      return check();
    };
    await writeFile(join(seeds, ARTICLE), article("38亿元"));
    expect(await until(async () => cites(await assistant.ask("a", QUESTION), "人才公寓"))).toBe(true);
    await rm(join(seeds, ARTICLE));
    expect(await until(async () => !cites(await assistant.ask("b", QUESTION), "人才公寓"))).toBe(true);
    watcher.close();
    await assistant.close();
  });
});

describe("npm run -s ask -- --json --stdin watches seeds/ (issue 9 acceptance)", () => {
  it("answers from an article copied in while it runs, and stops citing it once deleted", async () => {
    const { seeds, index } = await setup();
    const child = spawn(process.execPath, ["--import", "tsx", "bots/console/ask.ts", "--json", "--stdin"], {
      cwd: join(import.meta.dirname, "..", ".."),
      env: { ...process.env, SEEDS_DIR: seeds, INDEX_DIR: index, EMBEDDER: "hashed", TELEGRAM_BOT_TOKEN: "", DISCORD_TOKEN: "" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    cleanups.push(async () => void child.kill());
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const ask = async (q: string) => {
      child.stdin!.write(JSON.stringify({ chat: "x", text: q }) + "\n");
      return JSON.parse((await lines.next()).value as string) as { answer: string; citations: { doc: string }[] };
    };
    expect((await ask("崂山众创空间总面积将达到多少？")).answer).toContain("150万平方米");
    await writeFile(join(seeds, ARTICLE), article("38亿元"));
    let reply = await ask(QUESTION);
    for (let i = 0; i < 50 && !reply.citations.some((c) => c.doc === "人才公寓"); i++) {
      await new Promise((r) => setTimeout(r, 100));
      reply = await ask(QUESTION);
    }
    expect(reply.answer).toContain("38亿元");
    await rm(join(seeds, ARTICLE));
    for (let i = 0; i < 50 && reply.citations.some((c) => c.doc === "人才公寓"); i++) {
      await new Promise((r) => setTimeout(r, 100));
      reply = await ask(QUESTION);
    }
    expect(reply.citations.some((c) => c.doc === "人才公寓")).toBe(false);
    child.stdin!.end();
    expect(await new Promise((r) => child.on("exit", r))).toBe(0);
  }, 30_000);
});
