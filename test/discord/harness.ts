/** Test wiring: the real core (offline embedder), the fake Discord, `startDiscord`, and captured log lines. */
import { loadConfig } from "../../bots/config.js";
import { startDiscord, type DiscordBot, type StartDiscordOptions } from "../../bots/discord/start.js";
import { createLogger } from "../../bots/log.js";
import { seedAssistant } from "../helpers.js";
import type { AskOptions, Assistant } from "../../src/types.js";
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from "./fake-discord.js";
import { assertNoProblems, auditReplies, discordReplies } from "../reply-audit.js";

export interface TestAssistant {
  assistant: Assistant;
  /** The index folder it built, for shard processes to read. */
  indexDir: string;
  /** Closes the assistant and removes the index folder. */
  dispose(): Promise<void>;
}

/** The real core over `seeds/` with the deterministic hashed embedder and a throwaway index folder. */
export async function createTestAssistant(): Promise<TestAssistant> {
  const assistant = await seedAssistant();
  return { assistant, indexDir: assistant.indexDir, dispose: assistant.cleanup };
}

/** Every `ask` call the bot made, recorded on the way through to the real core. */
export interface AskCall {
  conversationId: string;
  text: string;
  lang?: string;
}

/** Wraps an assistant to record `ask` calls; set `failWith` to make `ask` throw instead (error paths). */
export function spy(inner: Assistant): Assistant & { calls: AskCall[]; failWith?: Error } {
  const extra = {
    calls: [] as AskCall[],
    failWith: undefined as Error | undefined,
    async ask(conversationId: string, text: string, options?: AskOptions) {
      extra.calls.push({ conversationId, text, lang: options?.lang });
      if (extra.failWith) throw extra.failWith;
      return inner.ask(conversationId, text, options);
    },
    close: () => Promise.resolve(), // the test owns the inner assistant
  };
  return new Proxy(inner, {
    get: (target, key) => (key in extra ? extra[key as keyof typeof extra] : Reflect.get(target, key)),
    set: (target, key, value) => (key in extra ? Reflect.set(extra, key, value) : Reflect.set(target, key, value)),
  }) as Assistant & typeof extra;
}

export interface HarnessOptions {
  /** Settings as in `.env`; the token and API root of the fake are filled in. */
  env?: Record<string, string>;
  fake?: FakeDiscordOptions;
  start?: StartDiscordOptions;
}

export interface Harness {
  fake: FakeDiscord;
  bot: DiscordBot;
  /** Every log line written, at debug level and above. */
  lines: string[];
  /** Stops the bot and the fake, then audits every reply sent (`test/reply-audit.ts`): throws on a broken rule. */
  close(): Promise<void>;
}

/**
 * Starts a fake Discord and the bot against it. The logger is given no secrets on purpose:
 * the Discord front end must keep the token out of log lines by itself.
 */
export async function startHarness(
  assistant: Assistant,
  { env = {}, fake: fakeOptions = {}, start = {} }: HarnessOptions = {},
): Promise<Harness> {
  const fake = await startFakeDiscord(fakeOptions);
  const lines: string[] = [];
  const log = createLogger({ level: "debug", write: (line) => lines.push(line) });
  const config = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_ROOT: fake.apiRoot, ...env });
  try {
    const bot = await startDiscord(assistant, config, log, start);
    const close = async () => {
      await bot.stop();
      await fake.close();
      // Every reply this bot sent keeps the reply rules: said once, suggested questions answered when asked.
      assertNoProblems(await auditReplies(discordReplies(fake.requests), (id, text) => assistant.ask(id, text)), "fake Discord");
    };
    return { fake, bot, lines, close };
  } catch (err) {
    await fake.close();
    throw err;
  }
}
