import { afterEach, expect, it } from "vitest";
import type { Assistant } from "../../src/types.js";
import type { RecordedRequest } from "../discord/fake-discord.js";
import { startHarness, type Harness } from "../discord/harness.js";
import { echoCore } from "./load.js";

/**
 * discord.js against the fake Discord with answers in flight: a shutdown finishes every deferred reply
 * before the client goes, and an answer's edit survives the API failing for a few seconds.
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The echo core, holding every answer until `release()`; `entered` counts the answers held. */
function heldCore(): Assistant & { entered: number; release(): void } {
  const core = echoCore();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const held = {
    ...core,
    entered: 0,
    release,
    ask: async (...args: Parameters<Assistant["ask"]>) => {
      held.entered++;
      await gate;
      return core.ask(...args);
    },
  };
  return held;
}

const isEdit = (r: RecordedRequest) => r.method === "PATCH" && r.path.endsWith("/messages/@original");
const isDefer = (r: RecordedRequest) => r.method === "POST" && r.path.endsWith("/callback");

it("finishes all 50 deferred answers on a stop before disconnecting", async () => {
  const core = heldCore();
  h = await startHarness(core, { env: { RATE_LIMIT_PER_MINUTE: "0" } });
  const { fake } = h;
  const asks = Array.from({ length: 50 }, (_, i) => fake.slash("ask", { question: `q1-${i}` }));
  await fake.request((r) => isDefer(r) && fake.requests.filter(isDefer).length >= 50, "50 deferrals");
  while (core.entered < 50) await new Promise((resolve) => setTimeout(resolve, 20));
  const started = Date.now();
  const stopped = h.bot.stop();
  setTimeout(() => core.release(), 500); // the answers finish while the bot is stopping
  await stopped;
  const tookMs = Date.now() - started;
  const edits = fake.requests.filter(isEdit);
  console.log(`[chaos] Discord stop with 50 deferred answers in flight: ${edits.length} edited, stopped in ${tookMs} ms`);
  expect(edits).toHaveLength(50);
  for (const ask of asks) expect(edits.some((e) => e.path.includes(ask.token))).toBe(true);
  expect(fake.connectedShards()).toEqual([]);
  expect(h.lines.filter((l) => l.includes("discord: stopping"))).toEqual([expect.stringContaining("finished 50 answer(s) in progress")]);
});

it("edits every answer once through 4 s of dropped connections and 5xx on the edit", async () => {
  h = await startHarness(echoCore(), {
    env: { RATE_LIMIT_PER_MINUTE: "0" },
    start: { retry: { initialDelayMs: 100, maxDelayMs: 500 } },
  });
  const { fake } = h;
  const from = Date.now();
  let refused = 0;
  fake.before = (r) => {
    if (!isEdit(r) || Date.now() - from > 4_000) return;
    refused++;
    return refused % 2 ? "network" : [503, { message: "Service Unavailable", code: 0 }];
  };
  const asks = Array.from({ length: 20 }, (_, i) => fake.slash("ask", { question: `q2-${i}` }));
  for (const ask of asks) {
    const edit = await fake.edited(ask.token);
    expect(edit.body.embeds[0].description).toContain(`a2-${asks.indexOf(ask)}`);
  }
  const edits = fake.requests.filter(isEdit);
  console.log(`[chaos] Discord edits refused or dropped for 4 s: ${refused} failed attempts, ${edits.length}/20 answers edited in ${Date.now() - from} ms`);
  expect(refused).toBeGreaterThan(20);
  expect(edits).toHaveLength(20);
  expect(h.lines.filter((l) => l.includes("WARN discord: sending the answer edit failed; retrying")).length).toBeGreaterThan(0);
});
