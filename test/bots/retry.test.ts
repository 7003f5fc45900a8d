import { describe, expect, it } from "vitest";
import { createBackoff, isNetworkError, retrying } from "../../bots/retry.js";

describe("createBackoff", () => {
  it("doubles the pause up to the cap, and stops once the next attempt would start too late", () => {
    const backoff = createBackoff({ initialDelayMs: 100, maxDelayMs: 300, giveUpAfterMs: 1_000 });
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([100, 200, 300, 300]);
    expect(createBackoff({ initialDelayMs: 100, giveUpAfterMs: 50 }).next()).toBeUndefined();
  });
});

describe("retrying", () => {
  it("tries a transient failure again and hands a final one on at once", async () => {
    let calls = 0;
    const flaky = () => (++calls < 3 ? Promise.reject(new Error("down")) : Promise.resolve("sent"));
    await expect(retrying(flaky, () => true, { initialDelayMs: 1 })).resolves.toBe("sent");
    expect(calls).toBe(3);
    calls = 0;
    await expect(retrying(flaky, () => false, { initialDelayMs: 1 })).rejects.toThrow("down");
    expect(calls).toBe(1);
  });

  it("gives up after giveUpAfterMs with the last error", async () => {
    const started = Date.now();
    await expect(retrying(() => Promise.reject(new Error("still down")), () => true, { initialDelayMs: 20, giveUpAfterMs: 150 })).rejects.toThrow(
      "still down",
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe("isNetworkError", () => {
  it("recognises failures to reach a server, not answers from it", () => {
    expect(isNetworkError(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }))).toBe(true);
    expect(isNetworkError(Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }))).toBe(true);
    expect(isNetworkError(new Error("400 Bad Request"))).toBe(false);
  });
});
