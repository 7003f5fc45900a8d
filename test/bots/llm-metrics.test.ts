/**
 * `assistant_llm_answers_total{outcome,reason}`: the settings' model (`llmOptions`) reports each answer's
 * outcome to the counter — accepted, rejected by the check with its reason, failed with its reason.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../../bots/config.js";
import { countLlmOutcome, createMetrics } from "../../bots/metrics.js";
import { llmOptions } from "../../bots/wire.js";
import { startFakeLlm, type FakeLlm, type FakeScript } from "../../scripts/fake-llm.js";
import { createAssistant, type Assistant } from "../../src/index.js";
import { DOC, SEEDS, tempDir } from "../helpers.js";

let llm: FakeLlm;
let script: FakeScript = { answer: "" };
let assistant: Assistant;
let index: Awaited<ReturnType<typeof tempDir>>;
const metrics = createMetrics();

beforeAll(async () => {
  llm = await startFakeLlm(() => script);
  index = await tempDir("qa-llm-metrics-");
  const config = loadConfig({ LLM_BASE_URL: llm.baseURL, LLM_MODEL: "fake-model", LLM_TIMEOUT_MS: "2000" });
  assistant = await createAssistant({
    seedsDir: SEEDS,
    indexDir: index.dir,
    embedder: "hashed",
    llm: llmOptions(config, (outcome) => countLlmOutcome(metrics, outcome)),
  });
});
afterAll(async () => {
  await assistant?.close();
  await llm?.close();
  await index?.cleanup();
});

const series = async () => (await metrics.registry.metrics()).split("\n").filter((l) => l.startsWith("assistant_llm_answers_total{"));

it("counts accepted, rejected (with the check's reason) and failed model answers", async () => {
  script = { answer: `崂山区每年设立5亿元的政府创新创业资金池[${DOC}#5]。` };
  expect((await assistant.ask("m1", "崂山区每年拿出多少钱扶持创新创业？")).model).toBe("fake-model");
  script = { answer: `崂山区每年设立8亿元的政府创新创业资金池[${DOC}#5]。` };
  expect((await assistant.ask("m2", "崂山区每年拿出多少钱扶持创新创业？")).model).toBeUndefined();
  script = { fault: "500" };
  expect((await assistant.ask("m3", "崂山区每年拿出多少钱扶持创新创业？")).model).toBeUndefined();
  expect(await series()).toEqual(
    expect.arrayContaining([
      'assistant_llm_answers_total{outcome="accepted",reason=""} 1',
      'assistant_llm_answers_total{outcome="rejected",reason="unsupported-figure"} 1',
      'assistant_llm_answers_total{outcome="failed",reason="server-error"} 1',
    ]),
  );
});
