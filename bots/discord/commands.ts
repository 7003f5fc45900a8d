import {
  InteractionContextType,
  Locale,
  SlashCommandBuilder,
  type RESTPutAPIApplicationCommandsJSONBody,
} from "discord.js";
import { messages } from "../../src/index.js";

const [en, zh] = [messages("en"), messages("zh")];

/** The slash commands the bot serves; each maps to one core command (`ask` to a question). */
export const commandNames = ["ask", "policies", "source", "reset", "about", "help"] as const;
export type CommandName = (typeof commandNames)[number];

/** Option names, as the core's commands take them. */
export const optionNames = { ask: "question", source: "id" } as const;

type Localised = "ask" | "question" | "policies" | "source" | "id" | "about" | "reset" | "help";

const names = (key: Localised) => ({ [Locale.EnglishUS]: en.slashNames[key], [Locale.ChineseCN]: zh.slashNames[key] });
const describe = (en: string, zh: string) => ({ [Locale.EnglishUS]: en, [Locale.ChineseCN]: zh });

function command(name: CommandName): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setNameLocalizations(names(name))
    .setDescription(en.commands[name])
    .setDescriptionLocalizations(describe(en.commands[name], zh.commands[name]))
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
}

/**
 * The command list `npm run discord:register` uploads, localised in en-US and zh-CN.
 *
 * @example
 * await rest.put(Routes.applicationCommands(appId), { body: commandDefinitions() });
 */
export function commandDefinitions(): RESTPutAPIApplicationCommandsJSONBody {
  const ask = command("ask").addStringOption((o) =>
    o
      .setName(optionNames.ask)
      .setNameLocalizations(names("question"))
      .setDescription(en.slashOptions.question)
      .setDescriptionLocalizations(describe(en.slashOptions.question, zh.slashOptions.question))
      .setRequired(true)
      .setMaxLength(1000),
  );
  const source = command("source").addStringOption((o) =>
    o
      .setName(optionNames.source)
      .setNameLocalizations(names("id"))
      .setDescription(en.slashOptions.id)
      .setDescriptionLocalizations(describe(en.slashOptions.id, zh.slashOptions.id))
      .setRequired(true)
      .setAutocomplete(true),
  );
  return [ask, command("policies"), source, command("reset"), command("about"), command("help")].map((c) =>
    c.toJSON(),
  );
}

/**
 * The text the core receives for a slash command: `/ask` passes the question as it is,
 * every other command becomes `/<name> [argument]`.
 *
 * @example
 * coreText("source", "000_4f5b4b3408eff9cd#3"); // "/source 000_4f5b4b3408eff9cd#3"
 */
export function coreText(name: string, argument?: string | null): string {
  if (name === "ask") return argument ?? "";
  return argument ? `/${name} ${argument}` : `/${name}`;
}
