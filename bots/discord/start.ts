import { once } from "node:events";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult, type Shard } from "discord.js";
import { createRateLimiter } from "../../src/index.js";
import type { Assistant } from "../../src/index.js";
import { ConfigError, type Env } from "../config.js";
import { createInFlight, type InFlight } from "../in-flight.js";
import { redacting, type Logger } from "../log.js";
import { isNetworkError, type RetryOptions } from "../retry.js";
import type { Shared } from "../shared.js";
import { connectDiscord } from "./client.js";

/** A running Discord front end. */
export interface DiscordBot {
  /** Disconnects from the gateway (and stops every shard process); safe to call twice. */
  stop(): Promise<void>;
  /** Whether the gateway connection (every shard's) is ready now, for /readyz. */
  ready(): boolean;
}

export interface StartDiscordOptions {
  /** Pause between spawning shards; Discord allows one identify per 5 s per rate-limit bucket. */
  shardSpawnDelayMs?: number;
  /** How long every shard has to come online before `startDiscord` gives up and stops them. */
  shardReadyTimeoutMs?: number;
  /** How answers are retried through an outage (tests shorten it). */
  retry?: RetryOptions;
  /** Rate limits shared with other processes (Redis); default: this process's own. Shards open their own. */
  shared?: Pick<Shared, "limiter"> & Partial<Pick<Shared, "feedback">>;
}

/** The message a shard process sends its manager once its client is ready. */
export const shardReadyMessage = "discord:shard-ready";

/** Compiled (dist/*.js) shards run on plain node; from the sources (tsx) they load tsx too. */
const compiled = import.meta.url.endsWith(".js");
const shardEntry = fileURLToPath(new URL(compiled ? "./shard.js" : "./shard.ts", import.meta.url));

/**
 * Connects the Discord bot and answers through `assistant`. With `DISCORD_SHARDS` set, runs one process per
 * shard under discord.js's `ShardingManager` instead; each shard builds its own assistant from the same
 * settings (reading the index `assistant` has already built), and `assistant` itself is not used.
 * Resolves once the bot (every shard) is ready; the token never appears in a log line.
 *
 * @example
 * const bot = await startDiscord(assistant, config, log);
 * process.once("SIGTERM", () => bot.stop());
 */
export async function startDiscord(
  assistant: Assistant,
  config: Env,
  log: Logger,
  options: StartDiscordOptions = {},
): Promise<DiscordBot> {
  if (!config.DISCORD_TOKEN) {
    throw new ConfigError("DISCORD_TOKEN is not set: copy the bot token from the Developer Portal into .env.");
  }
  const token = config.DISCORD_TOKEN.replace(/^Bot\s+/i, ""); // discord.js strips the prefix too
  const safeLog = redacting(log, [config.DISCORD_TOKEN, token]);
  try {
    return await connect(assistant, config, token, safeLog, options);
  } catch (err) {
    throw startError(err, config);
  }
}

async function connect(assistant: Assistant, config: Env, token: string, safeLog: Logger, options: StartDiscordOptions): Promise<DiscordBot> {
  if (config.DISCORD_SHARDS !== undefined) return startShards(config, token, safeLog, options);
  const inFlight = createInFlight();
  const client = await connectDiscord({
    assistant,
    log: safeLog,
    limiter: options.shared?.limiter ?? createRateLimiter({ limit: config.RATE_LIMIT_PER_MINUTE }),
    ...(options.shared?.feedback ? { feedback: options.shared.feedback } : {}),
    autoChannels: config.DISCORD_AUTO_CHANNELS,
    token,
    apiRoot: config.DISCORD_API_ROOT,
    inFlight,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    await finishAnswers(inFlight, config.SHUTDOWN_GRACE_MS, safeLog);
    await client.destroy();
    safeLog.info("discord: disconnected");
  };
  return { stop: () => (stopping ??= stop()), ready: () => !stopping && client.isReady() };
}

/** Discord could not be reached or refused the token at start-up: `message` names the setting to check. */
export class DiscordStartError extends Error {
  override name = "DiscordStartError";
}

/** Discord's REST root when `DISCORD_API_ROOT` is not set. */
export const DISCORD_API_DEFAULT = "https://discord.com/api";

/**
 * One line naming the setting behind a start-up failure: `DISCORD_API_ROOT` for a network error
 * (`connect ECONNREFUSED` alone says nothing about where to look), `DISCORD_TOKEN` for a refused token.
 *
 * @example
 * startError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }), config).message;
 * // "Could not reach the Discord API at http://127.0.0.1:9/api (connect ECONNREFUSED 127.0.0.1:9). Check DISCORD_API_ROOT and the network."
 */
export function startError(err: unknown, config: Pick<Env, "DISCORD_API_ROOT">): Error {
  if (err instanceof DiscordStartError) return err;
  const reason = err instanceof Error ? err.message : String(err);
  if (isNetworkError(err)) {
    const root = config.DISCORD_API_ROOT ?? DISCORD_API_DEFAULT;
    return new DiscordStartError(`Could not reach the Discord API at ${root} (${reason}). Check DISCORD_API_ROOT and the network.`);
  }
  if ((err as { code?: unknown } | null)?.code === "TokenInvalid" || (err as { status?: unknown } | null)?.status === 401) {
    return new DiscordStartError("DISCORD_TOKEN was rejected (401 Unauthorized): reset it in the Developer Portal (Bot → Reset Token) and copy it into .env.");
  }
  return err instanceof Error ? err : new Error(reason);
}

/**
 * Stops taking interactions and messages and waits (at most `graceMs`) for the answers in progress, so
 * every deferred reply is edited before the client goes. Discord does not redeliver an interaction, so
 * nothing is left for the next process.
 */
export async function finishAnswers(inFlight: InFlight, graceMs: number, log: Logger): Promise<void> {
  const { finished, unfinished } = await inFlight.drain(graceMs);
  log.info(`discord: stopping; finished ${finished} answer(s) in progress`);
  if (unfinished > 0) log.warn(`discord: ${unfinished} answer(s) did not finish within SHUTDOWN_GRACE_MS and are lost`);
}

async function startShards(config: Env, token: string, log: Logger, options: StartDiscordOptions): Promise<DiscordBot> {
  const total =
    config.DISCORD_SHARDS === "auto" ? await recommendedShards(token, config.DISCORD_API_ROOT) : config.DISCORD_SHARDS!;
  const saved = { ...process.env };
  const manager = new ShardingManager(shardEntry, {
    token,
    totalShards: total,
    mode: "process",
    execArgv: compiled ? [] : ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href],
  });
  restoreEnv(saved); // the manager writes the token and its mode into our own environment
  const ready: Promise<void>[] = [];
  manager.on("shardCreate", (shard) => {
    Object.assign(shard.env as NodeJS.ProcessEnv, settingsEnv(config), { SHARDING_MANAGER_MODE: "process" });
    shard.on("death", () => manager.respawn && log.warn(`discord: shard ${shard.id} exited; restarting it`));
    ready.push(shardReady(shard, options.shardReadyTimeoutMs ?? 120_000));
  });
  const stop = async () => {
    manager.respawn = false;
    await Promise.all(manager.shards.map((shard) => stopShard(shard, config.SHUTDOWN_GRACE_MS + 5_000)));
  };
  try {
    // timeout -1: readiness is awaited below, since a shard may reconnect (intent fallback) before it is ready
    await manager.spawn({ amount: total, delay: options.shardSpawnDelayMs ?? 5_500, timeout: -1 });
    await Promise.all(ready);
  } catch (err) {
    await stop();
    throw err;
  }
  log.info(`discord: ${total} shard(s) running`);
  let stopping: Promise<void> | undefined;
  return {
    stop: () => (stopping ??= stop().then(() => log.info("discord: shards stopped"))),
    ready: () => !stopping && manager.shards.size === total && manager.shards.every((shard) => shard.ready),
  };
}

/** Resolves when the shard's process reports its client ready; rejects if it dies first or takes too long. */
function shardReady(shard: Shard, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const late = () => done(new Error(`Discord shard ${shard.id} was not ready within ${timeoutMs} ms`));
    const timer = setTimeout(late, timeoutMs);
    const onMessage = (message: unknown) => {
      if ((message as { type?: string } | null)?.type === shardReadyMessage) done();
    };
    const onDeath = () => done(new Error(`Discord shard ${shard.id} exited before it was ready (see its log above)`));
    const done = (err?: Error) => {
      clearTimeout(timer);
      shard.off("message", onMessage);
      shard.off("death", onDeath);
      if (err) reject(err);
      else resolve();
    };
    shard.on("message", onMessage);
    shard.once("death", onDeath);
  });
}

/** Asks the shard process to shut down cleanly (SIGTERM), killing it if it has not exited within `killAfterMs`. */
async function stopShard(shard: Shard, killAfterMs: number): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  const force = setTimeout(() => child.kill("SIGKILL"), killAfterMs).unref();
  shard.kill();
  await exited;
  clearTimeout(force);
}

/** The settings as environment variables, so each shard's `loadConfig` sees exactly what this process parsed. */
function settingsEnv(config: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );
}

function restoreEnv(saved: NodeJS.ProcessEnv): void {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
}

/** Discord's recommended shard count, asked through `apiRoot` (ShardingManager's own "auto" ignores it). */
async function recommendedShards(token: string, apiRoot: string | undefined): Promise<number> {
  const rest = new REST(apiRoot ? { api: apiRoot } : {}).setToken(token);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return Math.max(1, gateway.shards);
}
