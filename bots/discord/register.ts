/**
 * `npm run discord:register`: uploads the slash commands. With `DISCORD_GUILD_ID` they go to that one server
 * and show up at once; without it they are global (Discord may take up to an hour to show changes).
 */
import { pathToFileURL } from "node:url";
import { REST, Routes, type APIApplication, type RESTPutAPIApplicationCommandsResult } from "discord.js";
import { loadSettings } from "../boot.js";
import { ConfigError } from "../config.js";
import { isNetworkError } from "../retry.js";
import { commandDefinitions } from "./commands.js";
import { startError } from "./start.js";

export interface RegisterOptions {
  token: string;
  /** Read from the token's application (`GET /applications/@me`) when not given. */
  applicationId?: string;
  /** Register to this server only (instant) instead of globally. */
  guildId?: string;
  /** REST base, e.g. a proxy; default `https://discord.com/api`. */
  apiRoot?: string;
}

export interface RegisterResult {
  applicationId: string;
  /** The server the commands went to, or `undefined` for global. */
  guildId?: string;
  /** Names of the commands Discord now has, as it returned them. */
  commands: string[];
}

/**
 * Replaces the application's slash commands with `commandDefinitions()` (a bulk overwrite, so removed
 * commands disappear too).
 *
 * @example
 * const { commands } = await registerCommands({ token, guildId: "123456789012345678" });
 */
export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  const rest = new REST(options.apiRoot ? { api: options.apiRoot } : {}).setToken(options.token);
  const applicationId =
    options.applicationId ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
  const route = options.guildId
    ? Routes.applicationGuildCommands(applicationId, options.guildId)
    : Routes.applicationCommands(applicationId);
  const saved = (await rest.put(route, { body: commandDefinitions() })) as RESTPutAPIApplicationCommandsResult;
  return { applicationId, guildId: options.guildId, commands: saved.map((c) => c.name) };
}

async function main(): Promise<void> {
  const { config, log } = loadSettings();
  const token = config.DISCORD_TOKEN;
  if (!token) {
    throw new ConfigError("DISCORD_TOKEN is not set: copy the bot token from the Developer Portal into .env.");
  }
  try {
    const result = await registerCommands({
      token,
      applicationId: config.DISCORD_APPLICATION_ID,
      guildId: config.DISCORD_GUILD_ID,
      apiRoot: config.DISCORD_API_ROOT,
    });
    const where = result.guildId
      ? `to server ${result.guildId} (available now)`
      : "globally (Discord may take up to an hour to show them)";
    log.info(`discord: registered /${result.commands.join(", /")} for application ${result.applicationId} ${where}`);
  } catch (err) {
    if (isNetworkError(err)) {
      log.error(startError(err, config).message);
      process.exitCode = 1;
      return;
    }
    const settings = "DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_GUILD_ID";
    log.error(`discord: command registration failed (check ${settings})`, err);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
