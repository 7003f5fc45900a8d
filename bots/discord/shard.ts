/**
 * Entry file of one shard process under `ShardingManager` (see `start.ts`): reads the settings the manager
 * passed in the environment, builds its own assistant, connects the shard ids the manager assigned
 * (`SHARDS`/`SHARD_COUNT`) and shuts down cleanly on SIGTERM/SIGINT or when the manager goes away.
 */
import { createRateLimiter } from "../../src/index.js";
import { loadConfig } from "../config.js";
import { createInFlight } from "../in-flight.js";
import { createLogger, redacting } from "../log.js";
import { createAssistantFromConfig } from "../wire.js";
import { connectDiscord } from "./client.js";
import { finishAnswers, shardReadyMessage } from "./start.js";

const config = loadConfig(process.env);
const token = config.DISCORD_TOKEN!;
const log = redacting(createLogger({ level: config.LOG_LEVEL, secrets: [token] }), [token]);

try {
  const assistant = await createAssistantFromConfig(config, log);
  const inFlight = createInFlight();
  const client = await connectDiscord({
    inFlight,
    assistant,
    log,
    limiter: createRateLimiter({ limit: config.RATE_LIMIT_PER_MINUTE }),
    autoChannels: config.DISCORD_AUTO_CHANNELS,
    token,
    apiRoot: config.DISCORD_API_ROOT,
  });
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await finishAnswers(inFlight, config.SHUTDOWN_GRACE_MS, log);
    await client.destroy().catch((err) => log.warn("discord: disconnect failed", err));
    await assistant.close().catch((err) => log.warn("discord: closing the assistant failed", err));
    process.exit(0);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void shutdown());
  process.once("disconnect", () => void shutdown()); // the manager's process is gone
  process.send?.({ type: shardReadyMessage });
} catch (err) {
  log.error(`discord: shard ${process.env.SHARDS ?? "?"} failed to start`, err);
  process.exit(1);
}
