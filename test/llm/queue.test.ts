import { describe, expect, it } from "vitest";
import { createTaskQueue } from "../../src/llm/queue.js";

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("createTaskQueue", () => {
  it("runs at most `concurrency` tasks at once, the rest in arrival order", async () => {
    const queue = createTaskQueue(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        queue.run(async () => {
          most = Math.max(most, ++running);
          order.push(n);
          await later(10);
          running--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it("drops a waiting task whose signal aborts, and runs the next", async () => {
    const queue = createTaskQueue(1);
    const first = queue.run(() => later(50));
    const controller = new AbortController();
    const second = queue.run(async () => "ran", controller.signal);
    const third = queue.run(async () => "third");
    expect(queue.waiting).toBe(2);
    controller.abort(new Error("deadline"));
    await expect(second).rejects.toThrow("deadline");
    expect(queue.waiting).toBe(1);
    await first;
    await expect(third).resolves.toBe("third");
    expect(queue.active).toBe(0);
  });
});
