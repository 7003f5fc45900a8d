import { afterAll, beforeAll, expect, it } from "vitest";
import { seedAssistant } from "./helpers.js";

let assistant: Awaited<ReturnType<typeof seedAssistant>>;
beforeAll(async () => {
  assistant = await seedAssistant();
});
afterAll(async () => {
  await assistant?.cleanup();
});

it("unwraps `/ask` repeated 3,000 times without overflowing the stack", async () => {
  const empty = await assistant.ask("c1", "/ask ".repeat(3_000));
  expect(empty.kind).toBe("invalid");
  const answered = await assistant.ask("c2", `${"/ask ".repeat(3_000)}崂山众创空间总面积将达到多少？`);
  expect(answered.kind).toBe("answer");
  expect(answered.text).toContain("150万平方米");
});
