import { describe, expect, it } from "vitest";
import { throttleDrafts } from "../../bots/draft.js";

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("throttleDrafts", () => {
  it("sends the latest text at most once per interval, one send at a time", async () => {
    const sent: { text: string; at: number }[] = [];
    const t0 = Date.now();
    const draft = throttleDrafts(async (text) => (sent.push({ text, at: Date.now() - t0 }), await later(20)), 100, () => {});
    for (let i = 1; i <= 30; i++) {
      draft.push("x".repeat(i));
      await later(10);
    }
    await later(120);
    await draft.close();
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(95);
    expect(sent.at(-1)!.text).toBe("x".repeat(30));
  });

  it("sends nothing after close, and waits for a send in flight", async () => {
    const sent: string[] = [];
    let finished = false;
    const draft = throttleDrafts(async (text) => (sent.push(text), await later(50), (finished = true)), 1000, () => {});
    draft.push("a");
    await later(5);
    await draft.close();
    expect(finished).toBe(true);
    draft.push("b");
    await later(20);
    expect(sent).toEqual(["a"]);
  });

  it("stops after a failed send and reports it", async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const draft = throttleDrafts(async () => (calls++, Promise.reject(new Error("429"))), 10, (e) => errors.push(e));
    draft.push("a");
    await later(20);
    draft.push("ab");
    await later(30);
    await draft.close();
    expect(calls).toBe(1);
    expect(errors).toHaveLength(1);
  });
});
