import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttp, type HttpHandle } from "../../bots/http.js";
import { createLogger } from "../../bots/log.js";
import { createMetrics } from "../../bots/metrics.js";
import { observe } from "../../bots/observe.js";
import { seedAssistant } from "../helpers.js";

let core: Awaited<ReturnType<typeof seedAssistant>>;
let http: HttpHandle;
const metrics = createMetrics();
const checks = new Map<string, () => boolean>();
let telegramConnected = false;

beforeAll(async () => {
  core = await seedAssistant();
  metrics.indexPassages.set(core.passages("", Infinity).length);
  checks.set("index", () => true);
  checks.set("telegram", () => telegramConnected);
  http = await startHttp({ port: 0, host: "127.0.0.1", metrics, checks });
});
afterAll(async () => {
  await http?.close();
  await core?.cleanup();
});

const get = (path: string) => fetch(`http://127.0.0.1:${http.port}${path}`);

async function questionCount(): Promise<number> {
  const text = await (await get("/metrics")).text();
  const m = /^assistant_questions_total\{platform="telegram",kind="answer"\} (\d+)$/m.exec(text);
  return m ? Number(m[1]) : 0;
}

describe("the operators' HTTP server", () => {
  it("answers /healthz while the process is up", async () => {
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok\n");
  });

  it("answers /readyz with 503 until every check passes, naming them", async () => {
    const down = await get("/readyz");
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ready: false, checks: { index: true, telegram: false } });
    telegramConnected = true;
    const up = await get("/readyz");
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ ready: true, checks: { index: true, telegram: true } });
  });

  it("serves Prometheus metrics: the assistant's and the process defaults", async () => {
    const res = await get("/metrics");
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^# TYPE assistant_questions_total counter$/m);
    expect(text).toMatch(/^# TYPE assistant_answer_seconds histogram$/m);
    expect(text).toMatch(/^assistant_index_passages 8$/m);
    expect(text).toMatch(/^# TYPE assistant_feedback_total counter$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it("counts one more question per question asked", async () => {
    const assistant = observe(core, { platform: "telegram", log: createLogger({ write: () => {} }), metrics });
    const before = await questionCount();
    await assistant.ask("tg:1", "崂山众创空间总面积将达到多少？");
    expect(await questionCount()).toBe(before + 1);
    await assistant.ask("tg:1", "崂山区成立了什么机构？");
    expect(await questionCount()).toBe(before + 2);
    const text = await (await get("/metrics")).text();
    expect(text).toMatch(/^assistant_answer_seconds_count\{platform="telegram"\} 2$/m);
  });

  it("refuses other paths and methods", async () => {
    expect((await get("/")).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${http.port}/metrics`, { method: "POST" })).status).toBe(405);
  });
});
