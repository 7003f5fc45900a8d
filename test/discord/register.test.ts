import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandDefinitions } from "../../bots/discord/commands.js";
import { registerCommands } from "../../bots/discord/register.js";
import { startFakeDiscord, type FakeDiscord } from "./fake-discord.js";

const expected = ["ask", "policies", "policy", "source", "reset", "about", "help"];

let fake: FakeDiscord;
let emptyDir: string;
beforeAll(async () => {
  fake = await startFakeDiscord();
  emptyDir = await mkdtemp(join(tmpdir(), "discord-register-")); // no .env here: the test sees only its own env
});
afterAll(async () => {
  await fake?.close();
  await rm(emptyDir, { recursive: true, force: true });
});

/** Runs `npm run discord:register`'s script as a child process with exactly `env`. */
async function runRegisterCli(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const child = spawn(process.execPath, ["--import", tsx, resolve("bots/discord/register.ts")], {
    cwd: emptyDir,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const [code] = await once(child, "exit");
  return { code, stderr };
}

describe("npm run discord:register", () => {
  it("registers the localised commands to DISCORD_GUILD_ID, reading the application id from the token", async () => {
    const { code, stderr } = await runRegisterCli({
      DISCORD_TOKEN: fake.token,
      DISCORD_API_ROOT: fake.apiRoot,
      DISCORD_GUILD_ID: fake.guildId,
    });
    const names = "/ask, /policies, /policy, /source, /reset, /about, /help";
    expect(stderr).toContain(`registered ${names} for application ${fake.applicationId} to server ${fake.guildId}`);
    expect(stderr).not.toContain(fake.token);
    expect(code).toBe(0);
    const [lookup, put] = fake.requests.filter((r) => r.path.startsWith("/applications"));
    expect(lookup).toMatchObject({ method: "GET", path: "/applications/@me" });
    const path = `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`;
    expect(put).toMatchObject({ method: "PUT", path });
    const sent = put!.body as any[];
    expect(sent.map((c) => c.name)).toEqual(expected);
    expect(sent).toEqual(JSON.parse(JSON.stringify(commandDefinitions())));

    const ask = sent.find((c) => c.name === "ask");
    expect(ask.name_localizations).toEqual({ "en-US": "ask", "zh-CN": "提问", "zh-TW": "提問" });
    expect(ask.description_localizations["zh-CN"]).toContain("提问");
    expect(ask.description_localizations["zh-TW"]).toContain("提問");
    const localized = { "en-US": "question", "zh-CN": "问题", "zh-TW": "問題" };
    expect(ask.options).toEqual([
      expect.objectContaining({ name: "question", type: 3, required: true, name_localizations: localized }),
    ]);
    const source = sent.find((c) => c.name === "source");
    const idOption = expect.objectContaining({ name: "id", type: 3, required: true, autocomplete: true });
    expect(source.options).toEqual([idOption]);
    for (const command of sent) {
      expect(command.type ?? 1).toBe(1);
      expect(command.contexts).toEqual([0, 1]); // servers and DMs with the bot
      for (const text of [command.description, ...Object.values(command.description_localizations)]) {
        expect((text as string).length).toBeLessThanOrEqual(100);
      }
    }
    expect(fake.commands.get(fake.guildId)?.map((c) => c.name)).toEqual(expected);
  });

  it("registers globally without DISCORD_GUILD_ID, using DISCORD_APPLICATION_ID when it is set", async () => {
    const before = fake.requests.length;
    const { token, applicationId, apiRoot } = fake;
    const result = await registerCommands({ token, applicationId, apiRoot });
    expect(result).toEqual({ applicationId: fake.applicationId, guildId: undefined, commands: expected });
    const made = fake.requests.slice(before);
    expect(made.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /applications/${fake.applicationId}/commands`]);
    expect(fake.commands.get("global")?.map((c) => c.name)).toEqual(expected);
  });

  it("fails with a message naming the settings, and no token, when Discord refuses", async () => {
    const env = { DISCORD_TOKEN: "wrong-token-abcdef", DISCORD_API_ROOT: fake.apiRoot };
    const { code, stderr } = await runRegisterCli(env);
    expect(code).toBe(1);
    expect(stderr).toContain("command registration failed (check DISCORD_TOKEN");
    expect(stderr).not.toContain("wrong-token-abcdef");
  });

  it("says which variable to set when DISCORD_TOKEN is missing", async () => {
    const { code, stderr } = await runRegisterCli({ DISCORD_API_ROOT: fake.apiRoot });
    expect(code).toBe(1);
    expect(stderr).toContain("DISCORD_TOKEN is not set");
  });
});
