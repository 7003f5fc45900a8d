/**
 * Entry file of one shard process under `ShardingManager` (see `start.ts`): reads the settings the manager
 * passed in the environment, builds its own assistant, connects the shard ids the manager assigned
 * (`SHARDS`/`SHARD_COUNT`) and shuts down cleanly on SIGTERM/SIGINT or when the manager goes away.
 */
import { secretsOf } from "../boot.js";
import { loadConfig } from "../config.js";
import { createInFlight } from "../in-flight.js";
import { createLogger, redacting } from "../log.js";
import { countLlmOutcome } from "../metrics.js";
import { startOperations } from "../operations.js";
import { createShared } from "../shared.js";
import { createAssistantFromConfig } from "../wire.js";
import { connectDiscord } from "./client.js";
import { finishAnswers, shardReadyMessage, startError } from "./start.js";

const config = loadConfig(process.env);
const token = config.DISCORD_TOKEN!;
const log = redacting(createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) }), [token]);

try {
  // With REDIS_URL every shard shares conversations and rate limits with the others.
  // Each shard serves its own /healthz, /readyz and /metrics, on HTTP_PORT + 1 + its id.
  const ops = await startOperations(config, log, { portOffset: 1 + (Number(process.env.SHARDS) || 0) });
  const shared = await createShared(config, log);
  const core = await createAssistantFromConfig(config, log, {
    conversations: shared.conversations,
    onLlmOutcome: (outcome) => countLlmOutcome(ops.metrics, outcome),
  });
  ops.indexLoaded(core);
  const feedback = ops.counting(shared.feedback);
  const assistant = ops.observe(core, "discord", feedback);
  const inFlight = createInFlight();
  const client = await connectDiscord({
    inFlight,
    assistant,
    log,
    limiter: shared.limiter,
    feedback,
    autoChannels: config.DISCORD_AUTO_CHANNELS,
    token,
    apiRoot: config.DISCORD_API_ROOT,
  });
  ops.check("discord", () => client.isReady());
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await finishAnswers(inFlight, config.SHUTDOWN_GRACE_MS, log);
    await client.destroy().catch((err) => log.warn("discord: disconnect failed", err));
    await assistant.close().catch((err) => log.warn("discord: closing the assistant failed", err));
    await shared.close();
    await ops.close();
    process.exit(0);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void shutdown());
  process.once("disconnect", () => void shutdown()); // the manager's process is gone
  process.send?.({ type: shardReadyMessage });
} catch (err) {
  log.error(`discord: shard ${process.env.SHARDS ?? "?"} failed to start`, startError(err, config));
  process.exit(1);
}
