import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plain } from "./fake-bot-api.js";
import { freePort, realAssistant, spyOn, startHarness, TOKEN, type Harness, type SpyAssistant } from "./harness.js";
import { privateChat, textUpdate, user } from "./updates.js";

const SECRET = "webhook-Secret_for-tests";
let h: Harness;
let core: SpyAssistant;
let dispose: () => Promise<void>;
let hookUrl: string;

beforeAll(async () => {
  const real = await realAssistant();
  dispose = real.dispose;
  core = spyOn(real.assistant);
  const port = await freePort();
  hookUrl = `http://127.0.0.1:${port}/telegram/hook`;
  h = await startHarness(core, { TELEGRAM_WEBHOOK_URL: hookUrl, TELEGRAM_WEBHOOK_SECRET: SECRET, PORT: String(port) });
});

afterAll(async () => {
  await h?.stop();
  await dispose?.();
});

describe("Telegram bot behind a webhook", () => {
  it("sets the webhook with its secret instead of polling", () => {
    expect(h.telegram.mode).toBe("webhook");
    expect(h.api.webhook).toEqual({ url: hookUrl, secret: SECRET });
    const [set] = h.api.callsOf("setWebhook");
    expect(set!.payload.allowed_updates).toEqual(["message", "callback_query", "inline_query"]);
    expect(h.api.callsOf("getUpdates")).toEqual([]);
    expect(h.api.callsOf("setMyCommands")).toHaveLength(2);
  });

  it("rejects a request with a wrong or missing secret (401) without asking the core", async () => {
    const u = user(201);
    const asks = core.asks.length;
    expect(await h.api.deliver(textUpdate("崂山众创空间总面积将达到多少？", { chat: privateChat(u), from: u }), { secret: "wrong" })).toBe(401);
    expect(await h.api.deliver(textUpdate("崂山众创空间总面积将达到多少？", { chat: privateChat(u), from: u }), { secret: "" })).toBe(401);
    expect(core.asks.length).toBe(asks);
    expect(h.api.callsOf("sendMessage")).toEqual([]);
  });

  it("answers a request with the right secret before acknowledging it", async () => {
    const u = user(202);
    const status = await h.api.deliver(textUpdate("/ask 崂山众创空间总面积将达到多少？", { chat: privateChat(u), from: u }));
    expect(status).toBe(200);
    const [sent] = h.api.callsOf("sendMessage");
    expect(sent!.payload.chat_id).toBe(u.id);
    expect(plain(sent!.payload.text, "HTML")).toContain("150万平方米");
    expect(plain(sent!.payload.text, "HTML")).toContain("第3段");
  });

  it("answers only POSTs to the webhook path", async () => {
    expect((await fetch(hookUrl)).status).toBe(404);
    expect((await fetch(hookUrl.replace("/telegram/hook", "/other"), { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("keeps the token and the secret out of its logs", () => {
    for (const line of h.logs) {
      expect(line).not.toContain(TOKEN);
      expect(line).not.toContain(SECRET);
    }
    expect(h.logs.join("\n")).toContain("takes updates by webhook");
  });
});
