import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Chat, Update, UserFromGetMe } from "grammy/types";

/**
 * A fake Telegram Bot API server on 127.0.0.1 that the real grammY talks to through `apiRoot`.
 * It speaks what the bot uses (see ../../../shared/PLATFORMS.md): POST + JSON, `{ok,result}` or
 * `{ok:false,error_code,description,parameters}`, long-polled `getUpdates` that honours aborts,
 * webhooks with a secret header, and Telegram's checks on HTML text, length and button data, so a
 * bot that would be refused by Telegram is refused here too.
 */

/** One request the bot made, with what the fake answered. */
export interface ApiCall {
  method: string;
  // Telegram payloads are loosely typed JSON; tests read fields they know.
  payload: Record<string, any>;
  /** HTTP status of the answer. */
  status: number;
  /** Whether the call succeeded (`ok: true`). */
  ok: boolean;
  /** The `description` of a refused call. */
  description?: string;
  /** When the call arrived (`Date.now()`), set by the fake. */
  at?: number;
}

export interface ApiErrorReply {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface WaitOptions {
  /** Only calls at or after this index of `calls` (see `mark()`). */
  from?: number;
  /** Give up after this long; a guard against a hung test, not a pause. */
  timeoutMs?: number;
}

export interface FakeBotApi {
  /** Pass to grammY as `client.apiRoot` or `TELEGRAM_API_ROOT`. */
  readonly apiRoot: string;
  /** What `getMe` answers. */
  readonly me: UserFromGetMe;
  /** Every call, in arrival order. */
  readonly calls: ApiCall[];
  /** The webhook set with `setWebhook`, if any. */
  readonly webhook: { url: string; secret?: string } | undefined;
  /** Queues an update for `getUpdates` (or use `deliver` for webhooks); fills `update_id`. */
  push(update: Omit<Update, "update_id">): Update;
  /** Makes the next `times` calls of `method` fail with `error`. */
  fail(method: string, error: ApiErrorReply, times?: number): void;
  /** Index of the next call; pass as `from` to wait only for later calls. */
  mark(): number;
  /** The first call of `method` matching `where`, now or when it arrives. */
  waitFor(method: string, where?: (call: ApiCall) => boolean, options?: WaitOptions): Promise<ApiCall>;
  /** Resolves once the bot holds a long-polling `getUpdates` open. */
  waitForLongPoll(options?: { timeoutMs?: number }): Promise<void>;
  /** Successful calls of `method` since `from`. */
  callsOf(method: string, from?: number): ApiCall[];
  /** POSTs an update to the registered webhook as Telegram would; resolves with the HTTP status. */
  deliver(update: Omit<Update, "update_id">, options?: { secret?: string }): Promise<number>;
  /** Ends pending long polls, drops every connection and stops listening. */
  close(): Promise<void>;
  /**
   * Runs before every call with a valid token, for fault injection: resolve to `"network"` to drop the
   * connection unanswered (recorded with status 0), to an error to refuse the call, or to nothing to go on.
   * It may also just wait (a slow API).
   */
  before?: (method: string, payload: Record<string, any>) => Promise<"network" | ApiErrorReply | void> | "network" | ApiErrorReply | void;
}

export interface FakeBotApiOptions {
  /** The only token accepted; others get 401 like Telegram. */
  token: string;
  /** Overrides for the bot's `getMe` identity. */
  me?: Partial<UserFromGetMe>;
}

/** Telegram's limit on message text after entity parsing. */
const TEXT_LIMIT = 4096;
const ALLOWED_TAGS = new Set([
  "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
  "blockquote", "tg-emoji",
]);

/**
 * Starts the fake on a free port of 127.0.0.1.
 *
 * @example
 * const api = await startFakeBotApi({ token: "123:abc" });
 * const bot = new Bot("123:abc", { client: { apiRoot: api.apiRoot } });
 */
export async function startFakeBotApi(options: FakeBotApiOptions): Promise<FakeBotApi> {
  const me: UserFromGetMe = {
    id: 7_000_001,
    is_bot: true,
    first_name: "Policy QA",
    username: "policy_qa_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: true,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
    ...options.me,
  };
  const calls: ApiCall[] = [];
  const queue: Update[] = [];
  const polls = new Set<{ offset: number; limit: number; respond: (updates: Update[]) => void }>();
  const failures = new Map<string, { error: ApiErrorReply; times: number }>();
  const waiters = new Set<() => void>();
  const chatTypes = new Map<number, Chat["type"]>();
  let webhook: { url: string; secret?: string } | undefined;
  let nextUpdateId = 1;
  let nextMessageId = 1;

  const wakeAll = () => {
    for (const wake of [...waiters]) wake();
  };
  const record = (call: ApiCall) => {
    calls.push({ ...call, at: Date.now() });
    wakeAll();
  };
  /** Resolves when `ready()` holds, re-checked after every call and long poll; rejects after `timeoutMs`. */
  const until = (ready: () => boolean, timeoutMs: number, what: () => string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!ready()) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`fake Bot API: ${what()}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  const pending = (offset: number, limit: number) =>
    queue.filter((u) => u.update_id >= offset).slice(0, Math.max(1, Math.min(limit || 100, 100)));

  const flushPolls = () => {
    for (const poll of [...polls]) {
      const updates = pending(poll.offset, poll.limit);
      if (updates.length > 0) poll.respond(updates);
    }
  };

  const handle = (method: string, payload: Record<string, any>, res: ServerResponse): unknown => {
    switch (method) {
      case "getMe":
        return me;
      case "getUpdates": {
        const offset = Number(payload.offset ?? 0);
        const limit = Number(payload.limit ?? 100);
        if (offset > 0) queue.splice(0, queue.length, ...queue.filter((u) => u.update_id >= offset));
        const ready = pending(offset, limit);
        const timeout = Number(payload.timeout ?? 0);
        if (ready.length > 0 || timeout <= 0) return ready;
        // Long poll: answer when an update arrives or the timeout passes; forget it if the bot aborts.
        return new Promise<Update[]>((resolve) => {
          const poll = {
            offset,
            limit,
            respond: (updates: Update[]) => {
              polls.delete(poll);
              clearTimeout(timer);
              resolve(updates);
            },
          };
          const timer = setTimeout(() => poll.respond([]), timeout * 1000);
          res.on("close", () => {
            polls.delete(poll);
            clearTimeout(timer);
          });
          polls.add(poll);
          wakeAll();
        });
      }
      case "sendMessage": {
        const problem = checkText(payload.text, payload.parse_mode) ?? checkKeyboard(payload.reply_markup);
        if (problem) throw badRequest(problem);
        const chatId = Number(payload.chat_id);
        return {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: chatTypes.get(chatId) ?? "private" },
          from: { id: me.id, is_bot: true, first_name: me.first_name, username: me.username },
          text: plain(payload.text, payload.parse_mode),
          ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}),
        };
      }
      case "sendMessageDraft": {
        // A streamed preview of a message being written: private chats only, a non-zero draft id.
        const problem = checkText(payload.text, payload.parse_mode);
        if (problem) throw badRequest(problem);
        if (!Number.isInteger(payload.draft_id) || payload.draft_id === 0) throw badRequest("Bad Request: invalid draft_id");
        if ((chatTypes.get(Number(payload.chat_id)) ?? "private") !== "private") throw badRequest("Bad Request: drafts can be sent only to private chats");
        return true;
      }
      case "answerInlineQuery": {
        for (const r of (payload.results ?? []) as any[]) {
          const c = r.input_message_content;
          const problem = (c && checkText(c.message_text, c.parse_mode)) ?? checkKeyboard(r.reply_markup);
          if (problem) throw badRequest(problem);
        }
        return true;
      }
      case "setMyCommands": {
        for (const c of (payload.commands ?? []) as any[]) {
          if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest("BOT_COMMAND_INVALID");
          if (!c.description || c.description.length > 256) throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
        }
        return true;
      }
      case "setWebhook":
        webhook = { url: String(payload.url), ...(payload.secret_token ? { secret: String(payload.secret_token) } : {}) };
        return true;
      case "deleteWebhook":
        webhook = undefined;
        return true;
      case "sendChatAction":
      case "answerCallbackQuery":
        return true;
      default:
        throw { error_code: 404, description: "Not Found: method not found" } satisfies ApiErrorReply;
    }
  };

  const server = createServer(async (req, res) => {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec((req.url ?? "").split("?")[0] ?? "");
    if (req.method !== "POST" || !match) return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const [, token, method = ""] = match;
    let payload: Record<string, unknown>;
    try {
      payload = await readJson(req);
    } catch {
      return reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: invalid JSON" });
    }
    const refuse = (error: ApiErrorReply) => {
      record({ method, payload, status: error.error_code, ok: false, description: error.description });
      reply(res, error.error_code, { ok: false, ...error });
    };
    if (token !== options.token) return refuse({ error_code: 401, description: "Unauthorized" });
    const failure = failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return refuse(failure.error);
    }
    const injected = await api.before?.(method, payload);
    if (injected === "network") {
      record({ method, payload, status: 0, ok: false, description: "connection dropped" });
      res.socket?.destroy();
      return;
    }
    if (injected) return refuse(injected);
    try {
      const result = await handle(method, payload, res);
      if (res.destroyed) return;
      record({ method, payload, status: 200, ok: true });
      reply(res, 200, { ok: true, result });
    } catch (err) {
      refuse(isApiError(err) ? err : { error_code: 500, description: `Internal Server Error: ${String(err)}` });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const api: FakeBotApi = {
    apiRoot: `http://127.0.0.1:${port}`,
    me,
    calls,
    get webhook() {
      return webhook;
    },
    push(update) {
      const full = { ...update, update_id: nextUpdateId++ } as Update;
      noteChat(full, chatTypes);
      queue.push(full);
      flushPolls();
      return full;
    },
    fail(method, error, times = 1) {
      failures.set(method, { error, times });
    },
    mark: () => calls.length,
    callsOf: (method, from = 0) => calls.slice(from).filter((c) => c.method === method && c.ok),
    async waitFor(method, where = () => true, { from = 0, timeoutMs = 10_000 } = {}) {
      let found: ApiCall | undefined;
      await until(
        () => (found = calls.slice(from).find((c) => c.method === method && where(c))) !== undefined,
        timeoutMs,
        () => {
          const seen = calls.slice(from).map((c) => `${c.method}(${c.status})`).join(", ");
          return `no matching ${method} within ${timeoutMs} ms; calls: ${seen || "none"}`;
        },
      );
      return found!;
    },
    waitForLongPoll: ({ timeoutMs = 10_000 } = {}) =>
      until(() => polls.size > 0, timeoutMs, () => `no long poll within ${timeoutMs} ms`),
    async deliver(update, { secret } = {}) {
      if (!webhook) throw new Error("fake Bot API: no webhook set");
      const full = { ...update, update_id: nextUpdateId++ } as Update;
      noteChat(full, chatTypes);
      const headers: Record<string, string> = { "content-type": "application/json" };
      const header = secret ?? webhook.secret;
      if (header !== undefined) headers["x-telegram-bot-api-secret-token"] = header;
      const res = await fetch(webhook.url, { method: "POST", headers, body: JSON.stringify(full) });
      await res.arrayBuffer();
      return res.status;
    },
    async close() {
      for (const poll of [...polls]) poll.respond([]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (!raw) return {};
  if (!(req.headers["content-type"] ?? "").includes("json")) throw new Error("not JSON");
  return JSON.parse(raw) as Record<string, unknown>;
}

function isApiError(err: unknown): err is ApiErrorReply {
  return typeof err === "object" && err !== null && "error_code" in err && "description" in err;
}

function badRequest(problem: string): ApiErrorReply {
  return { error_code: 400, description: `Bad Request: ${problem}` };
}

function noteChat(update: Update, chatTypes: Map<number, Chat["type"]>): void {
  const msg = update.message ?? update.edited_message ?? update.channel_post ?? update.callback_query?.message;
  if (msg && "chat" in msg) chatTypes.set(msg.chat.id, msg.chat.type);
}

/** Telegram's checks on message text: parseable HTML and 1-4096 characters once parsed. */
export function checkText(text: unknown, parseMode: unknown): string | undefined {
  if (typeof text !== "string") return "message text is empty";
  if (parseMode === "HTML") {
    const problem = checkHtml(text);
    if (problem) return `can't parse entities: ${problem}`;
  }
  const length = plain(text, parseMode).length;
  if (length === 0 || plain(text, parseMode).trim() === "") return "message text is empty";
  if (length > TEXT_LIMIT) return "message is too long";
  return undefined;
}

/** Validates Telegram HTML: only its tags, balanced, and `<`, `>`, `&` escaped everywhere else. */
export function checkHtml(html: string): string | undefined {
  const stack: string[] = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i];
    if (ch === "<") {
      const tag = /^<(\/?)([a-z][a-z-]*)(\s[^<>]*)?>/i.exec(html.slice(i));
      if (!tag) return `unsupported start tag at offset ${i}`;
      const [whole, closing, rawName = ""] = tag;
      const name = rawName.toLowerCase();
      if (!ALLOWED_TAGS.has(name)) return `unsupported start tag "${name}" at offset ${i}`;
      if (closing) {
        if (stack.pop() !== name) return `unmatched end tag "${name}" at offset ${i}`;
      } else {
        stack.push(name);
      }
      i += whole.length;
    } else if (ch === ">") {
      return `unescaped ">" at offset ${i}`;
    } else if (ch === "&") {
      const entity = /^&(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i.exec(html.slice(i));
      if (!entity) return `unescaped "&" at offset ${i}`;
      i += entity[0].length;
    } else {
      i += 1;
    }
  }
  return stack.length > 0 ? `unclosed tag "${stack.at(-1)}"` : undefined;
}

/** The text a user sees: tags removed and entities decoded (for HTML). */
export function plain(text: unknown, parseMode?: unknown): string {
  const s = String(text ?? "");
  if (parseMode !== "HTML") return s;
  return s
    .replace(/<[^<>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
}

/** Telegram's checks on inline keyboards: button text present, callback_data 1-64 bytes. */
function checkKeyboard(markup: unknown): string | undefined {
  const rows = (markup as any)?.inline_keyboard as any[][] | undefined;
  if (!rows) return undefined;
  for (const button of rows.flat()) {
    if (!button.text) return "BUTTON_TEXT_EMPTY";
    if ("callback_data" in button) {
      const bytes = Buffer.byteLength(String(button.callback_data), "utf8");
      if (bytes < 1 || bytes > 64) return "BUTTON_DATA_INVALID";
    }
  }
  return undefined;
}
