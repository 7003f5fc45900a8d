import { spawn } from "node:child_process";
import { once } from "node:events";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { makeTinyModel } from "../../scripts/make-tiny-model.js";
import { tempDir } from "../helpers.js";

it("npm run model:fetch reads MODELS_DIR and EMBEDDING_MODEL from .env", async () => {
  const { dir, cleanup } = await tempDir("model-fetch-");
  try {
    // The model is already in the folder .env names, so nothing is downloaded: the script finds it there.
    await makeTinyModel(join(dir, "my-models"), "test/tiny-embedder");
    await writeFile(join(dir, ".env"), "MODELS_DIR=my-models\nEMBEDDING_MODEL=test/tiny-embedder\n");
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const child = spawn(process.execPath, ["--import", tsx, resolve("scripts/fetch-model.ts")], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", LOG_FORMAT: "text" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let [stdout, stderr] = ["", ""];
    child.stdout!.on("data", (chunk) => (stdout += chunk));
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    const [code] = await once(child, "exit");
    expect(code, stderr).toBe(0);
    expect(stderr).toContain(`Fetching test/tiny-embedder into ${join(dir, "my-models", "test/tiny-embedder")}`);
    expect(stdout).toContain(`Model ready: ${join(dir, "my-models", "test/tiny-embedder")}`);
  } finally {
    await cleanup();
  }
}, 60_000);
