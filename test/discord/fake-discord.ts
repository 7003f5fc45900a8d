/**
 * A small fake of Discord's REST API and gateway on 127.0.0.1, enough for the real discord.js client:
 * `GET /gateway/bot`, a JSON gateway (HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeat ACKs, sharding),
 * interaction callbacks and webhook edits, channel messages, threads, typing, application commands.
 * Every REST request is recorded; tests wait for the ones they expect (no sleeps) and drive the bot by
 * dispatching INTERACTION_CREATE and MESSAGE_CREATE events.
 *
 * @example
 * const fake = await startFakeDiscord();
 * const client = new Client({ intents: [], rest: { api: fake.apiRoot } });
 * await client.login(fake.token);
 * const { token } = fake.slash("ask", { question: "崂山众创空间总面积将达到多少？" });
 * const edit = await fake.edited(token);
 */
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

/** One REST call the bot made. `path` is decoded and relative to `/api/v10`, e.g. `/channels/1/messages`. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, or `undefined`. */
  body: any;
  authorization?: string;
  /** When it arrived (ms since the epoch). */
  at: number;
}

/** One IDENTIFY a gateway connection sent. */
export interface RecordedIdentify {
  token: string;
  intents: number;
  shard: [number, number];
}

export interface FakeDiscordOptions {
  /** Bot token the fake accepts. */
  token?: string;
  /** Recommended shard count returned by `GET /gateway/bot`. */
  shards?: number;
  /** When false, an IDENTIFY asking for the Message Content intent is closed with 4014 (disallowed intents). */
  messageContentIntent?: boolean;
}

export interface DiscordUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: null;
  bot?: boolean;
}

/** Where an event happens: the server's text channel, an existing thread in it, or a DM with the bot. */
export type Place = "channel" | "thread" | "dm";

export interface InteractionHandle {
  id: string;
  token: string;
  payload: any;
}

const MESSAGE_CONTENT = 1 << 15;
const EVERY_PERMISSION = "2251799813685247";

let counter = 0n;
/** A fresh snowflake: the current time in Discord's epoch, shifted, plus a counter. */
export function snowflake(): string {
  counter += 1n;
  return (((BigInt(Date.now()) - 1420070400000n) << 22n) + counter).toString();
}

export class FakeDiscord {
  readonly token: string;
  readonly applicationId = "100000000000000001";
  readonly guildId = "200000000000000001";
  readonly channelId = "300000000000000001";
  readonly threadId = "300000000000000002";
  readonly dmChannelId = "400000000000000001";
  /** A second text channel, e.g. for `DISCORD_AUTO_CHANNELS`. */
  readonly helpChannelId = "300000000000000003";
  /** A forum channel (type 15). */
  readonly forumId = "300000000000000004";
  /** A thread the bot opened before it (re)started: the guild's active threads carry it, owned by the bot. */
  readonly botThreadId = "300000000000000005";
  readonly bot: DiscordUser;
  readonly user: DiscordUser = user("500000000000000001", "alice");
  readonly otherBot: DiscordUser = { ...user("600000000000000001", "otherbot"), bot: true };
  /** Every REST request, oldest first. */
  readonly requests: RecordedRequest[] = [];
  /** Every IDENTIFY, oldest first. */
  readonly identifies: RecordedIdentify[] = [];
  /** Application commands as last registered: key `global` or the guild id. */
  readonly commands = new Map<string, any[]>();
  /** Base for `rest.api`, e.g. `http://127.0.0.1:1234/api`. */
  apiRoot = "";
  /**
   * Runs before every REST request is answered, for fault injection: resolve to `"network"` to drop the
   * connection unanswered, to `[status, body]` to answer that instead, or to nothing to go on. It may also
   * just wait (a slow API). Requests answered this way are not recorded.
   */
  before?: (request: RecordedRequest) => Promise<"network" | [number, unknown] | void> | "network" | [number, unknown] | void;

  private readonly server = createServer((req, res) => void this.onRequest(req, res));
  private readonly wss = new WebSocketServer({ server: this.server });
  private readonly shards = new Map<number, { ws: WebSocket; seq: number; count: number }>();
  private readonly changes = new EventEmitter();
  private readonly interactionChannels = new Map<string, string>();
  /** Threads opened through REST or as forum posts: id → parent channel. */
  private readonly threads = new Map<string, string>();
  private gatewayUrl = "";

  constructor(private readonly options: FakeDiscordOptions = {}) {
    this.token = options.token ?? "FAKE.bot-token.0123456789abcdefghij";
    this.bot = { ...user(this.applicationId, "PolicyBot"), bot: true };
    this.changes.setMaxListeners(0);
    this.wss.on("connection", (ws) => this.onConnection(ws));
  }

  /** Starts listening on a free port of 127.0.0.1. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.apiRoot = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    return this;
  }

  /** Closes every gateway connection and HTTP socket, then the server. */
  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- waiting ---------------------------------------------------------------------------------

  /** The first recorded request matching `match`, waiting for it if needed. */
  request(match: (r: RecordedRequest) => boolean, what = "a request", timeoutMs = 15_000): Promise<RecordedRequest> {
    return this.waitFor(() => this.requests.find(match), what, timeoutMs);
  }

  /** The PATCH that fills in an interaction's (deferred) reply. */
  edited(token: string): Promise<RecordedRequest> {
    return this.request(
      (r) => r.method === "PATCH" && r.path === `/webhooks/${this.applicationId}/${token}/messages/@original`,
      `the edit of interaction ${token}`,
    );
  }

  /** The interaction callback (reply, defer or autocomplete result) for an interaction. */
  callback(handle: InteractionHandle): Promise<RecordedRequest> {
    return this.request(
      (r) => r.method === "POST" && r.path === `/interactions/${handle.id}/${handle.token}/callback`,
      `the callback of interaction ${handle.id}`,
    );
  }

  /** A follow-up message (`POST /webhooks/{app}/{token}`) for an interaction. */
  followUp(token: string): Promise<RecordedRequest> {
    return this.request(
      (r) => r.method === "POST" && r.path === `/webhooks/${this.applicationId}/${token}`,
      `a follow-up of interaction ${token}`,
    );
  }

  /** A message the bot posted in a channel (or thread, or DM). */
  posted(channelId: string, match: (r: RecordedRequest) => boolean = () => true): Promise<RecordedRequest> {
    return this.request(
      (r) => r.method === "POST" && r.path === `/channels/${channelId}/messages` && match(r),
      `a message in channel ${channelId}`,
    );
  }

  /** Resolves once `count` gateway connections have identified and been sent READY. */
  identified(count = 1): Promise<RecordedIdentify[]> {
    return this.waitFor(
      () => (this.identifies.length >= count ? this.identifies : undefined),
      `${count} IDENTIFY`,
      30_000,
    );
  }

  /** Shard ids with an open, identified gateway connection. */
  connectedShards(): number[] {
    return [...this.shards.keys()].sort();
  }

  /** Resolves once no gateway connection is open (the bot disconnected). */
  disconnected(): Promise<true> {
    return this.waitFor(() => (this.shards.size === 0 ? true : undefined), "every gateway connection to close", 15_000);
  }

  private waitFor<T>(find: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onChange = () => {
        const value = find();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake discord: timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.changes.off("change", onChange);
      };
      this.changes.on("change", onChange);
    });
  }

  // ---- driving the bot -------------------------------------------------------------------------

  /** Dispatches a slash command, e.g. `slash("ask", { question: "…" })`. */
  slash(name: string, options: Record<string, string> = {}, extra: InteractionExtra = {}): InteractionHandle {
    const data = {
      id: snowflake(),
      name,
      type: 1,
      options: Object.entries(options).map(([option, value]) => ({ name: option, type: 3, value })),
    };
    return this.interact(2, data, extra);
  }

  /** Dispatches an autocomplete request for `option` of command `name` while the user has typed `value`. */
  autocomplete(name: string, option: string, value: string, extra: InteractionExtra = {}): InteractionHandle {
    const data = { id: snowflake(), name, type: 1, options: [{ name: option, type: 3, value, focused: true }] };
    return this.interact(4, data, extra);
  }

  /** Dispatches a button click on `message` (a message object the bot sent, e.g. a recorded edit's body). */
  click(customId: string, message: any, extra: InteractionExtra = {}): InteractionHandle {
    return this.interact(3, { custom_id: customId, component_type: 2 }, { ...extra, message });
  }

  /**
   * Dispatches MESSAGE_CREATE; `<@botId>` in `content` mentions the bot. Returns the message id.
   * `channelId` sends it into any channel or thread (e.g. one the bot opened); `replyTo` makes it a reply.
   */
  message(content: string, { place = "channel", author = this.user, channelId: into, replyTo, id = snowflake() }: MessageExtra = {}): string {
    const channelId = into ?? this.channelOf(place);
    const inThread = place === "thread" || channelId === this.botThreadId || this.threads.has(channelId);
    const mentioned = [this.bot, this.user, this.otherBot].filter((u) => new RegExp(`<@!?${u.id}>`).test(content));
    const d: any = {
      id,
      channel_id: channelId,
      channel_type: place === "dm" ? 1 : inThread ? 11 : 0, // lets discord.js build an uncached DM channel
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: /@(everyone|here)/.test(content),
      mentions: mentioned,
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: replyTo ? 19 : 0,
      flags: 0,
    };
    if (replyTo) {
      d.message_reference = { type: 0, message_id: replyTo.id, channel_id: channelId, guild_id: this.guildId };
      d.referenced_message = { ...this.messageObject(channelId, { content: "earlier message" }), id: replyTo.id, author: replyTo.author };
    }
    if (place !== "dm") {
      d.guild_id = this.guildId;
      d.member = member(author);
    }
    this.dispatch("MESSAGE_CREATE", d, place === "dm" ? 0 : this.shardOfGuild());
    return id;
  }

  /**
   * A new forum post as Discord sends it: THREAD_CREATE (the post, owned by its author, in `forumId`), then
   * MESSAGE_CREATE of its first message, whose id is the thread's. Returns the thread id.
   */
  forumPost(title: string, body: string, author: DiscordUser = this.user): string {
    const id = snowflake();
    this.threads.set(id, this.forumId);
    const thread = { ...this.threadObject(id, this.forumId, title, author.id), newly_created: true };
    this.dispatch("THREAD_CREATE", thread, this.shardOfGuild());
    this.message(body, { channelId: id, author, id });
    return id;
  }

  /** A message object as the bot's own message, for `click`. */
  messageFrom(body: any, place: Place = "channel"): any {
    return this.messageObject(this.channelOf(place), body);
  }

  private interact(type: number, data: any, extra: InteractionExtra & { message?: any }): InteractionHandle {
    const place = extra.place ?? "channel";
    const who = extra.user ?? this.user;
    const id = snowflake();
    const token = `itoken-${id}`;
    const channelId = this.channelOf(place);
    const payload: any = {
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      data,
      channel_id: channelId,
      channel: this.channelObject(place),
      app_permissions: EVERY_PERMISSION,
      locale: extra.locale ?? "zh-CN",
      entitlements: [],
      authorizing_integration_owners: { "0": place === "dm" ? who.id : this.guildId },
      context: place === "dm" ? 1 : 0,
      attachment_size_limit: 8_388_608,
    };
    if (place === "dm") payload.user = who;
    else {
      payload.guild_id = this.guildId;
      payload.guild_locale = "zh-CN";
      payload.member = { ...member(who), permissions: EVERY_PERMISSION };
    }
    if (extra.message) payload.message = extra.message;
    this.interactionChannels.set(token, channelId);
    this.dispatch("INTERACTION_CREATE", payload, place === "dm" ? 0 : this.shardOfGuild());
    return { id, token, payload };
  }

  /** Sends a dispatch event to the connection of `shard`. */
  dispatch(event: string, d: unknown, shard = 0): void {
    const connection = this.shards.get(shard);
    if (!connection) throw new Error(`fake discord: shard ${shard} is not connected`);
    connection.seq += 1;
    connection.ws.send(JSON.stringify({ op: 0, t: event, s: connection.seq, d }));
  }

  private channelOf(place: Place): string {
    return place === "dm" ? this.dmChannelId : place === "thread" ? this.threadId : this.channelId;
  }

  private shardOfGuild(): number {
    const count = this.shards.get(0)?.count ?? 1;
    return Number((BigInt(this.guildId) >> 22n) % BigInt(count));
  }

  // ---- gateway ---------------------------------------------------------------------------------

  private onConnection(ws: WebSocket): void {
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on("message", (raw) => {
      const payload = JSON.parse(raw.toString());
      if (payload.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (payload.op === 2) this.onIdentify(ws, payload.d);
    });
  }

  private onIdentify(ws: WebSocket, d: any): void {
    const shard: [number, number] = d.shard ?? [0, 1];
    if (d.token !== this.token) return ws.close(4004, "Authentication failed.");
    if (this.options.messageContentIntent === false && (d.intents & MESSAGE_CONTENT) !== 0) {
      this.record(() => this.identifies.push({ token: d.token, intents: d.intents, shard }));
      return ws.close(4014, "Disallowed intent(s).");
    }
    const connection = { ws, seq: 0, count: shard[1] };
    this.shards.set(shard[0], connection);
    ws.on("close", () => this.record(() => this.shards.get(shard[0]) === connection && this.shards.delete(shard[0])));
    const ownsGuild = this.shardOfGuild() === shard[0];
    this.dispatch(
      "READY",
      {
        v: 10,
        user: { ...this.bot, verified: true, mfa_enabled: false, flags: 0 },
        guilds: ownsGuild ? [{ id: this.guildId, unavailable: true }] : [],
        session_id: `session-${snowflake()}`,
        resume_gateway_url: this.gatewayUrl,
        shard,
        application: { id: this.applicationId, flags: 0 },
      },
      shard[0],
    );
    if (ownsGuild) this.dispatch("GUILD_CREATE", this.guild(), shard[0]);
    this.record(() => this.identifies.push({ token: d.token, intents: d.intents, shard }));
  }

  private guild(): any {
    return {
      id: this.guildId,
      name: "Policy readers",
      icon: null,
      owner_id: this.user.id,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      system_channel_flags: 0,
      preferred_locale: "zh-CN",
      features: [],
      roles: [
        {
          id: this.guildId,
          name: "@everyone",
          permissions: "1071698660929",
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [member(this.bot), member(this.user)],
      channels: [
        this.channelObject("channel"),
        { ...this.channelObject("channel"), id: this.helpChannelId, name: "help", position: 1 },
        { ...this.channelObject("channel"), id: this.forumId, type: 15, name: "questions", position: 2, available_tags: [] },
      ],
      threads: [
        this.channelObject("thread"),
        this.threadObject(this.botThreadId, this.channelId, "a question from before the restart", this.bot.id),
      ],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
    };
  }

  private channelObject(place: Place): any {
    if (place === "dm") return { id: this.dmChannelId, type: 1, last_message_id: null, recipients: [this.user], flags: 0 };
    if (place === "thread") return this.threadObject(this.threadId, this.channelId, "earlier question", this.user.id);
    return {
      id: this.channelId,
      type: 0,
      guild_id: this.guildId,
      name: "general",
      position: 0,
      permission_overwrites: [],
      parent_id: null,
      nsfw: false,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
    };
  }

  private threadObject(id: string, parent: string, name: string, owner: string): any {
    return {
      id,
      type: 11,
      guild_id: this.guildId,
      parent_id: parent,
      owner_id: owner,
      name,
      last_message_id: null,
      rate_limit_per_user: 0,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      flags: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 1440,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
    };
  }

  // ---- REST ------------------------------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ""));
    const request: RecordedRequest = {
      at: Date.now(),
      method: req.method ?? "GET",
      path,
      query: url.searchParams,
      body: text ? JSON.parse(text) : undefined,
      authorization: req.headers.authorization,
    };
    const injected = await this.before?.(request);
    if (injected === "network") {
      res.socket?.destroy();
      return;
    }
    if (injected) {
      res.writeHead(injected[0], { "content-type": "application/json" }).end(JSON.stringify(injected[1]));
      return;
    }
    const [status, body] = this.route(request);
    res.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
    res.end(body === undefined ? undefined : JSON.stringify(body));
    this.record(() => this.requests.push(request));
  }

  private route(r: RecordedRequest): [number, unknown] {
    const isCallback = r.path.startsWith("/interactions/") || r.path.startsWith("/webhooks/");
    if (!isCallback && r.authorization !== `Bot ${this.token}`) return [401, { message: "401: Unauthorized", code: 0 }];
    const app = this.applicationId;
    let m: RegExpMatchArray | null;
    if (r.method === "GET" && r.path === "/gateway/bot") {
      return [
        200,
        {
          url: this.gatewayUrl,
          shards: this.options.shards ?? 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 1 },
        },
      ];
    }
    if (r.method === "GET" && (r.path === "/applications/@me" || r.path === "/oauth2/applications/@me")) {
      const application = { id: app, name: "PolicyBot", description: "", icon: null, flags: 0, verify_key: "0" };
      return [200, { ...application, bot_public: true, bot_require_code_grant: false, bot: this.bot, owner: this.user }];
    }
    if (r.method === "PUT" && (m = r.path.match(/^\/applications\/(\d+)\/(?:guilds\/(\d+)\/)?commands$/))) {
      if (m[1] !== app) return [404, { message: "Unknown Application", code: 10002 }];
      const guild_id = m[2];
      const saved = (r.body as any[]).map((c) => ({ ...c, id: snowflake(), version: snowflake(), application_id: app, guild_id }));
      this.commands.set(m[2] ?? "global", saved);
      return [200, saved];
    }
    if (r.method === "POST" && (m = r.path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      if (r.query.get("with_response") !== "true") return [204, undefined];
      return [200, { interaction: { id: m[1], type: 2 }, resource: { type: r.body.type } }];
    }
    if ((m = r.path.match(/^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/))) {
      const channel = this.interactionChannels.get(m[2]!) ?? this.channelId;
      if (r.method === "DELETE") return [204, undefined];
      return [200, this.messageObject(channel, r.body ?? {}, r.body?.flags)];
    }
    if (r.method === "POST" && (m = r.path.match(/^\/channels\/(\d+)\/typing$/))) return [204, undefined];
    if (r.method === "POST" && (m = r.path.match(/^\/channels\/(\d+)\/messages\/(\d+)\/threads$/))) {
      const id = snowflake();
      this.threads.set(id, m[1]!);
      return [201, this.threadObject(id, m[1]!, r.body.name, this.bot.id)];
    }
    if (r.method === "POST" && (m = r.path.match(/^\/channels\/(\d+)\/messages$/))) {
      return [200, this.messageObject(m[1]!, r.body)];
    }
    return [404, { message: `fake discord: no route for ${r.method} ${r.path}`, code: 0 }];
  }

  private messageObject(channelId: string, body: any, flags = 0): any {
    return {
      id: snowflake(),
      channel_id: channelId,
      author: this.bot,
      content: body.content ?? "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      pinned: false,
      type: body.message_reference ? 19 : 0,
      flags: flags ?? 0,
      application_id: this.applicationId,
    };
  }

  private record(change: () => void): void {
    change();
    this.changes.emit("change");
  }
}

export interface MessageExtra {
  place?: Place;
  author?: DiscordUser;
  /** Any channel or thread id; overrides `place`. */
  channelId?: string;
  /** Makes the message a reply to this one. */
  replyTo?: { id: string; author: DiscordUser };
  /** The message id (a forum post's first message has the thread's id). */
  id?: string;
}

export interface InteractionExtra {
  place?: Place;
  user?: DiscordUser;
  /** The user's Discord locale, default `zh-CN`. */
  locale?: string;
}

/** Starts a fake Discord on a free local port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(options).listen();
}

function user(id: string, username: string): DiscordUser {
  return { id, username, discriminator: "0", global_name: username, avatar: null };
}

function member(u: DiscordUser): any {
  const joined_at = new Date().toISOString();
  return { user: u, roles: [], joined_at, deaf: false, mute: false, flags: 0, nick: null, avatar: null, pending: false };
}
