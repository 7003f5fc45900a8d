import type { Assistant, Reply } from "../../src/types.js";
import type { ApiCall, FakeBotApi } from "../telegram/fake-bot-api.js";
import { plain } from "../telegram/fake-bot-api.js";
import { privateChat, textUpdate, user } from "../telegram/updates.js";

/**
 * Load for the chaos tests: many chats, each asking numbered questions of a core that answers at once
 * with the question's number, so every answer can be matched to its question. The transport under test
 * (grammY, the polling loop, retries, the fake Bot API) is real; the core is not what is measured here.
 */

/** A core that answers `q<chat>-<n>` with `a<chat>-<n>` (and `/source` with `source`'s text, if given). */
export function echoCore(source?: () => Reply): Assistant {
  return {
    async ask(_conversation, text) {
      if (source && text.startsWith("/source")) return source();
      return { kind: "answer", text: `a${text.slice(1)}`, abstained: false, citations: [], followUps: [], lang: "zh" };
    },
    passages: () => [],
    embedderId: "echo",
    notice: "",
    close: async () => {},
  };
}

/** Chat ids of the load, from `first`. */
export function chatIds(chats: number, first = 800_000): number[] {
  return Array.from({ length: chats }, (_, i) => first + i);
}

/** Pushes `perChat` questions for every chat, round by round, as users typing at once would. */
export function pushLoad(api: FakeBotApi, chats: number[], perChat: number): void {
  for (let n = 0; n < perChat; n++) {
    for (const id of chats) {
      const u = user(id);
      api.push(textUpdate(`q${id}-${n}`, { chat: privateChat(u), from: u }));
    }
  }
}

/** Answers received so far, per chat, in arrival order (numbers of the questions they answer). */
export function answersByChat(api: FakeBotApi): Map<number, number[]> {
  const byChat = new Map<number, number[]>();
  for (const call of api.calls) {
    if (call.method !== "sendMessage" || !call.ok) continue;
    const match = /^a(\d+)-(\d+)$/.exec(plain(call.payload.text, call.payload.parse_mode));
    if (!match) continue;
    const list = byChat.get(Number(match[1])) ?? [];
    list.push(Number(match[2]));
    byChat.set(Number(match[1]), list);
  }
  return byChat;
}

/** Resolves once `count` answers were sent; rejects after `timeoutMs`. Checks every 50 ms. */
export async function waitForAnswers(api: FakeBotApi, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  let index = 0;
  for (;;) {
    for (; index < api.calls.length; index++) if (isAnswer(api.calls[index]!)) seen++;
    if (seen >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${seen} of ${count} answers within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function isAnswer(call: ApiCall): boolean {
  return call.method === "sendMessage" && call.ok && /^a\d+-\d+$/.test(plain(call.payload.text, call.payload.parse_mode));
}

/** Whether every chat got answers 0..perChat-1, each once and in order. */
export function inOrderOnce(byChat: Map<number, number[]>, chats: number[], perChat: number): boolean {
  const expected = Array.from({ length: perChat }, (_, i) => i).join(",");
  return chats.every((id) => (byChat.get(id) ?? []).join(",") === expected);
}
