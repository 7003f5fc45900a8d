import {
  InteractionContextType,
  Locale,
  SlashCommandBuilder,
  type RESTPutAPIApplicationCommandsJSONBody,
  type SlashCommandOptionsOnlyBuilder,
  type SlashCommandStringOption,
} from "discord.js";
import { messages, type Messages } from "../../src/index.js";

const [en, zh, zhHant] = [messages("en"), messages("zh"), messages("zh-Hant")];

/** The slash commands the bot serves; each maps to one core command (`ask` to a question). */
export const commandNames = ["ask", "policies", "policy", "source", "reset", "about", "help"] as const;
export type CommandName = (typeof commandNames)[number];

/** Option names, as the core's commands take them. */
export const optionNames = { ask: "question", source: "id", policies: "filter", policy: "name" } as const;

type Localised = "ask" | "question" | "policies" | "filter" | "policy" | "name" | "source" | "id" | "about" | "reset" | "help";

/** A wording in each locale the commands are localised in. */
const localised = (pick: (m: Messages) => string) => ({ [Locale.EnglishUS]: pick(en), [Locale.ChineseCN]: pick(zh), [Locale.ChineseTW]: pick(zhHant) });
const names = (key: Localised) => localised((m) => m.slashNames[key]);

function command(name: CommandName): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setNameLocalizations(names(name))
    .setDescription(en.commands[name])
    .setDescriptionLocalizations(localised((m) => m.commands[name]))
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
}

/**
 * The command list `npm run discord:register` uploads, localised in en-US, zh-CN and zh-TW.
 *
 * @example
 * await rest.put(Routes.applicationCommands(appId), { body: commandDefinitions() });
 */
export function commandDefinitions(): RESTPutAPIApplicationCommandsJSONBody {
  const ask = withOption("ask", true, (o) => o.setMaxLength(1000));
  const policies = withOption("policies", false, (o) => o.setMaxLength(100));
  const policy = withOption("policy", true, (o) => o.setMaxLength(200));
  const source = withOption("source", true, (o) => o.setAutocomplete(true));
  return [ask, policies, policy, source, command("reset"), command("about"), command("help")].map((c) => c.toJSON());
}

/** A command with its one string option, named and described in both languages. */
function withOption(
  name: keyof typeof optionNames,
  required: boolean,
  tweak: (o: SlashCommandStringOption) => SlashCommandStringOption,
): SlashCommandOptionsOnlyBuilder {
  const option = optionNames[name];
  return command(name).addStringOption((o) =>
    tweak(
      o
        .setName(option)
        .setNameLocalizations(names(option))
        .setDescription(en.slashOptions[option])
        .setDescriptionLocalizations(localised((m) => m.slashOptions[option]))
        .setRequired(required),
    ),
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
