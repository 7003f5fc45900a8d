import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../bots/config.js";
import { createLogger } from "../../bots/log.js";
import { startTelegram, TelegramStartError } from "../../bots/telegram/start.js";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api.js";
import { unusedCore } from "../helpers.js";
import { freePort, TOKEN } from "./harness.js";


let api: FakeBotApi;
beforeAll(async () => {
  api = await startFakeBotApi({ token: TOKEN });
});
afterAll(async () => {
  await api?.close();
});

async function startFailure(env: Record<string, string>): Promise<{ error: TelegramStartError; logs: string[] }> {
  const logs: string[] = [];
  const log = createLogger({ write: (line) => logs.push(line) });
  const error = await startTelegram(unusedCore, loadConfig(env), log).then(
    () => {
      throw new Error("expected startTelegram to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TelegramStartError);
  return { error: error as TelegramStartError, logs };
}

/** Everything a caller could print about an error. */
const printed = (e: Error) => [e.message, String(e.stack), inspect(e, { depth: 5 })].join("\n");

describe("startTelegram", () => {
  it("says the token was rejected, without printing it", async () => {
    const wrong = "987654321:AAWrong-token_0123456789";
    const { error, logs } = await startFailure({ TELEGRAM_BOT_TOKEN: wrong, TELEGRAM_API_ROOT: api.apiRoot });
    expect(error.message).toMatch(/TELEGRAM_BOT_TOKEN was rejected \(401/);
    expect(printed(error)).not.toContain(wrong);
    expect(logs.join("\n")).not.toContain(wrong);
  });

  it("says when the Bot API cannot be reached, without the token in the message or its causes", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const { error } = await startFailure({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: closed });
    expect(error.message).toContain(`Could not reach the Bot API at ${closed}`);
    expect(error.message).toContain("TELEGRAM_API_ROOT");
    expect(printed(error)).not.toContain(TOKEN);
  });

  it("stops polling promptly, ending the pending long poll", async () => {
    const log = createLogger({ write: () => {} });
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot });
    const telegram = await startTelegram(unusedCore, config, log);
    await api.waitForLongPoll();
    const started = Date.now();
    await telegram.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
