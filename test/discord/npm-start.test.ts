import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startFakeDiscord, type FakeDiscord } from "./fake-discord.js";
import { discordReplies, saidTwice } from "../reply-audit.js";

let fake: FakeDiscord;
let dir: string;
let child: ChildProcess;
let stderr = "";

beforeAll(async () => {
  fake = await startFakeDiscord();
  dir = await mkdtemp(join(tmpdir(), "discord-start-")); // cwd without a .env: the child sees only this env
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  child = spawn(process.execPath, ["--import", tsx, resolve("bots/main.ts")], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? "",
      DISCORD_TOKEN: fake.token,
      DISCORD_API_ROOT: fake.apiRoot,
      SEEDS_DIR: resolve("seeds"),
      INDEX_DIR: join(dir, "index"),
      MODELS_DIR: join(dir, "models"),
      EMBEDDER: "hashed",
      CONSOLE: "off",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr!.on("data", (chunk) => (stderr += chunk));
});

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

it("npm start connects with DISCORD_TOKEN and DISCORD_API_ROOT and answers /ask with its citation", async () => {
  await fake.identified();
  const ask = fake.slash("ask", { question: "崂山众创空间总面积将达到多少？" });
  const [embed] = (await fake.edited(ask.token)).body.embeds;
  expect(embed.description).toContain("150万平方米");
  expect(embed.fields[0].value).toContain("000_4f5b4b3408eff9cd#3");
});

it("shuts down cleanly on SIGTERM, disconnecting from the gateway, without logging the token", async () => {
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const [code] = await exited;
  expect(code).toBe(0);
  await fake.disconnected();
  expect(stderr).toContain("discord: logged in as PolicyBot");
  expect(stderr).toContain("discord: disconnected");
  expect(stderr).not.toContain(fake.token);
  // No reply repeats its answer in its quote (the core ran in the child, so suggestions are audited elsewhere).
  expect(discordReplies(fake.requests).filter((r) => saidTwice(r) !== undefined)).toEqual([]);
});
