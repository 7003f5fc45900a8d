import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTinyModel, TINY_DIMENSION } from "../../scripts/make-tiny-model.js";
import type { Embedder } from "../../src/embed/embedder.js";
import {
  createTransformersEmbedder,
  defaultPrefixes,
  modelAvailable,
  ModelUnavailableError,
} from "../../src/embed/transformers.js";

const MODEL = "test/tiny-embedder";
const PREFIXES = { query: "query: ", passage: "passage: " };

let dir: string;
let embedder: Embedder;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tiny-model-"));
  await makeTinyModel(dir, MODEL);
  embedder = await createTransformersEmbedder({ modelsDir: dir, modelId: MODEL });
});

afterAll(async () => {
  await embedder?.close?.();
  await rm(dir, { recursive: true, force: true });
});

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe("createTransformersEmbedder", () => {
  it("reads the dimension from the model's output", () => {
    expect(embedder.dimension).toBe(TINY_DIMENSION);
    expect(embedder.id).toContain(`transformers:${MODEL}`);
    expect(embedder.multilingual).toBe(true);
  });

  it("returns unit-length vectors in input order", async () => {
    const texts = ["崂山众创空间总面积将达到150万平方米", "政策", "a", "经济发展"];
    const vectors = await embedder.embed(texts, "passage");
    expect(vectors).toHaveLength(texts.length);
    for (const v of vectors) {
      expect(v).toHaveLength(TINY_DIMENSION);
      expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 5);
    }
    const [alone] = await embedder.embed(["政策"], "passage");
    expect(Array.from(vectors[1]!)).toEqual(Array.from(alone!).map((x) => expect.closeTo(x, 6)));
  });

  it("gives the same vectors after loading the model again", async () => {
    const again = await createTransformersEmbedder({ modelsDir: dir, modelId: MODEL });
    const text = ["推进科技创新和产业发展"];
    const [a] = await embedder.embed(text, "query");
    const [b] = await again.embed(text, "query");
    await again.close?.();
    expect(again.id).toBe(embedder.id);
    expect(Array.from(b!)).toEqual(Array.from(a!));
  });

  it("puts the query and passage prefixes before the text", async () => {
    const prefixed = await createTransformersEmbedder({ modelsDir: dir, modelId: MODEL, prefixes: PREFIXES });
    const [q] = await prefixed.embed(["企业投资"], "query");
    const [p] = await prefixed.embed(["企业投资"], "passage");
    await prefixed.close?.();
    expect(dot(q!, p!)).toBeLessThan(0.999);
    expect(prefixed.id).not.toBe(embedder.id);

    const [plainQ] = await embedder.embed(["企业投资"], "query");
    const [plainP] = await embedder.embed(["企业投资"], "passage");
    expect(Array.from(plainQ!)).toEqual(Array.from(plainP!));
  });

  it("places a text sharing characters closer than an unrelated one", async () => {
    const [question, related, unrelated] = await embedder.embed(
      ["崂山众创空间面积", "崂山众创空间总面积将达到150万平方米", "天气晴朗适合出游"],
      "passage",
    );
    expect(dot(question!, related!)).toBeGreaterThan(dot(question!, unrelated!) + 0.2);
  });

  it("rejects a missing model offline, naming the folder and the fix", async () => {
    const empty = await mkdtemp(join(tmpdir(), "no-model-"));
    try {
      const loading = createTransformersEmbedder({ modelsDir: empty, modelId: "Xenova/multilingual-e5-small" });
      await expect(loading).rejects.toBeInstanceOf(ModelUnavailableError);
      await expect(loading).rejects.toThrow(join(empty, "Xenova/multilingual-e5-small"));
      await expect(loading).rejects.toThrow("npm run model:fetch");
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe("modelAvailable", () => {
  it("is true for a complete model folder and false for an empty one", async () => {
    expect(modelAvailable(dir, MODEL)).toBe(true);
    expect(modelAvailable(dir, MODEL, "fp32")).toBe(false);
    const empty = await mkdtemp(join(tmpdir(), "no-model-"));
    expect(modelAvailable(empty, MODEL)).toBe(false);
    await rm(empty, { recursive: true, force: true });
  });
});

describe("defaultPrefixes", () => {
  it("gives e5 models their query/passage prefixes and others none", () => {
    expect(defaultPrefixes("Xenova/multilingual-e5-small")).toEqual(PREFIXES);
    expect(defaultPrefixes("intfloat/e5-base-v2")).toEqual(PREFIXES);
    expect(defaultPrefixes("Xenova/bge-small-zh-v1.5")).toEqual({ query: "", passage: "" });
  });
});

describe("downloading (what npm run model:fetch does)", () => {
  let hub: Server;
  let host: string;

  beforeAll(async () => {
    // A local stand-in for the Hub: serves `/{model}/resolve/main/{file}` from the tiny model folder.
    hub = createServer(async (req, res) => {
      const match = /^\/(.+?)\/resolve\/main\/(.+)$/.exec(req.url ?? "");
      try {
        const body = await readFile(join(dir, match![1]!, match![2]!));
        res.writeHead(200, { "content-length": body.length }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((ok) => hub.listen(0, "127.0.0.1", ok));
    host = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`;
  });

  afterAll(() => new Promise<void>((ok) => hub.close(() => ok())));

  it("stores the files in modelsDir/modelId, where offline loading finds them", async () => {
    const { env } = await import("@huggingface/transformers");
    const remoteHost = env.remoteHost;
    env.remoteHost = host;
    const target = await mkdtemp(join(tmpdir(), "fetched-"));
    try {
      expect(modelAvailable(target, MODEL)).toBe(false);
      const fetched = await createTransformersEmbedder({ modelsDir: target, modelId: MODEL, allowRemote: true });
      await fetched.close?.();
      expect(modelAvailable(target, MODEL)).toBe(true);

      env.remoteHost = "http://127.0.0.1:9/"; // nothing listens: offline must not need it
      const offline = await createTransformersEmbedder({ modelsDir: target, modelId: MODEL });
      const [a] = await offline.embed(["政策"], "query");
      const [b] = await embedder.embed(["政策"], "query");
      await offline.close?.();
      expect(Array.from(a!)).toEqual(Array.from(b!));
    } finally {
      env.remoteHost = remoteHost;
      await rm(target, { recursive: true, force: true });
    }
  });

  it("reports a failed download as ModelUnavailableError", async () => {
    const { env } = await import("@huggingface/transformers");
    const remoteHost = env.remoteHost;
    env.remoteHost = host;
    const target = await mkdtemp(join(tmpdir(), "fetched-"));
    try {
      const loading = createTransformersEmbedder({ modelsDir: target, modelId: "test/not-on-the-hub", allowRemote: true });
      await expect(loading).rejects.toBeInstanceOf(ModelUnavailableError);
      await expect(loading).rejects.toThrow("Could not download");
    } finally {
      env.remoteHost = remoteHost;
      await rm(target, { recursive: true, force: true });
    }
  });
});
