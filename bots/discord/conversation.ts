import type { Channel } from "discord.js";

/** Where a message or interaction happened, and who sent it. */
export interface Place {
  /** The cached channel, or `null` when discord.js has none (e.g. an uncached DM). */
  channel: Channel | null;
  channelId: string | null;
  /** `null` in DMs. */
  guildId: string | null;
  userId: string;
}

/** What decides which threads are the bot's. */
export interface ThreadRules {
  /** The bot's own user id: a thread it created has it as `ownerId` (kept by Discord across restarts). */
  botId: string;
  /** Auto-reply channels and forums (`DISCORD_AUTO_CHANNELS`): every thread in them is the bot's too. */
  autoChannels: readonly string[];
}

/**
 * Whether `channel` is a thread the bot answers in without a mention: one it opened (its owner is the
 * bot, which Discord remembers, so this holds after a restart and on every shard), or a thread (forum
 * post) in an auto-reply channel.
 */
export function isBotThread(channel: Channel | null, rules: ThreadRules): boolean {
  if (!channel?.isThread()) return false;
  return channel.ownerId === rules.botId || (channel.parentId !== null && rules.autoChannels.includes(channel.parentId));
}

/**
 * The conversation a message or interaction belongs to: one person in one place. In a server channel
 * (or someone else's thread) each user has their own, so Bob's 「它…」 is not read as Alice's subject; a
 * thread the bot opened is one shared conversation for everyone in it; a DM is one conversation. `/reset`
 * clears exactly this one.
 *
 * @example
 * conversationOf({ channel, channelId: "300", guildId: "200", userId: "500" }, rules); // "dc:300:500"
 */
export function conversationOf(place: Place, rules: ThreadRules): string {
  if (isBotThread(place.channel, rules)) return `dc:thread:${place.channel!.id}`;
  if (place.guildId === null || place.channelId === null) return `dc:${place.channelId ?? place.userId}`;
  return `dc:${place.channelId}:${place.userId}`;
}
