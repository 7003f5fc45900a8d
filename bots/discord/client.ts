import { Client, Events, GatewayCloseCodes, GatewayIntentBits, Partials } from "discord.js";
import type { InFlight } from "../in-flight.js";
import type { BotContext } from "./context.js";
import { handleInteraction } from "./interactions.js";
import { handleMessage } from "./mentions.js";
import { allowedMentions } from "./render.js";

/**
 * `Guilds` for slash commands, `GuildMessages`/`DirectMessages` for mentions and DMs, and the privileged
 * `MessageContent` for message text. (Discord's docs say mentions of the bot and DMs carry their text even
 * without `MessageContent`; so when the intent is not granted the bot reconnects without it and still
 * answers slash commands, mentions and DMs.)
 */
export const fullIntents = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
  GatewayIntentBits.MessageContent,
];
export const fallbackIntents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

export interface DiscordClientOptions extends BotContext {
  /** REST base such as `https://discord.com/api` (the default) or a proxy; requests go to `${apiRoot}/v10/…`. */
  apiRoot?: string;
  intents?: GatewayIntentBits[];
  /** Called when the gateway refuses the intents (close code 4014: Message Content not enabled). */
  onDisallowedIntents?: () => void;
  /** Counts the answers in progress, so a shutdown can finish them; once closed, new events are ignored. */
  inFlight?: InFlight;
}

export interface ConnectOptions extends DiscordClientOptions {
  token: string;
}

/**
 * A discord.js client wired to the core: interactions and mentions are answered, library warnings are logged.
 * Under `ShardingManager` the shard ids come from the environment the manager sets.
 *
 * @example
 * const client = createDiscordClient({ assistant, log, limiter, apiRoot: config.DISCORD_API_ROOT });
 * await client.login(token);
 */
export function createDiscordClient(options: DiscordClientOptions): Client {
  const { assistant, log, limiter, retry, autoChannels, feedback } = options;
  const ctx: BotContext = { assistant, log, limiter, retry, ...(autoChannels ? { autoChannels } : {}), ...(feedback ? { feedback } : {}) };
  const { inFlight } = options;
  const take = (work: () => Promise<void>) => {
    if (!inFlight) return void work();
    if (inFlight.open) void inFlight.track(work());
  };
  const client = new Client({
    intents: options.intents ?? fullIntents,
    partials: [Partials.Channel], // DM channels are not cached; without this DMs never arrive
    allowedMentions,
    rest: options.apiRoot ? { api: options.apiRoot } : {},
  });
  client.on(Events.InteractionCreate, (interaction) => take(() => handleInteraction(ctx, interaction)));
  client.on(Events.MessageCreate, (message) => take(() => handleMessage(ctx, message)));
  client.once(Events.ClientReady, (ready) =>
    ctx.log.info(`discord: logged in as ${ready.user.tag} (shards ${ready.ws.shards.map((s) => s.id).join(",")})`),
  );
  client.on(Events.Warn, (msg) => ctx.log.warn(`discord: ${msg}`));
  client.on(Events.Error, (err) => ctx.log.error("discord: client error", err));
  let disallowed = false; // connectDiscord explains a 4014 once; the shard's own error would say it again
  client.on(Events.ShardDisconnect, (event) => {
    if (event.code !== GatewayCloseCodes.DisallowedIntents) return;
    disallowed = true;
    options.onDisallowedIntents?.();
  });
  client.on(Events.ShardError, (err, shard) => disallowed || ctx.log.warn(`discord: shard ${shard} error`, err));
  client.on(Events.Debug, (msg) => ctx.log.debug(`discord: ${msg}`));
  return client;
}

/**
 * Builds a client, logs in and waits until it is ready. When the application lacks the Message Content
 * intent (the gateway closes with 4014), says so once in the log and connects again with `Guilds` only,
 * so slash commands still work.
 *
 * @example
 * const client = await connectDiscord({ assistant, log, limiter, token: config.DISCORD_TOKEN });
 * await client.destroy();
 */
export async function connectDiscord(options: ConnectOptions): Promise<Client> {
  let disallowed = false;
  const client = createDiscordClient({ ...options, onDisallowedIntents: () => (disallowed = true) });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(options.token); // destroys the client itself when it fails
    await ready;
    return client;
  } catch (err) {
    if (!disallowed || options.intents) throw err;
  }
  options.log.warn(
    "discord: the Message Content intent is not enabled for this application (gateway closed with 4014), " +
      "reconnecting without it: slash commands, @mentions and DMs still work (Discord sends their text). " +
      "Enable it at https://discord.com/developers/applications → Bot → Privileged Gateway Intents.",
  );
  return connectDiscord({ ...options, intents: fallbackIntents });
}
