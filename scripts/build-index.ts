/** `npm run index`: rebuilds the vector index for the articles in seeds/ with the active embedder. */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { boot, loadSettings } from "../bots/boot.js";

const { config } = loadSettings();
// Removing the manifest forces a rebuild; the new files replace the old ones atomically.
await rm(join(config.INDEX_DIR, "manifest.json"), { force: true });
const { log, shutdown } = await boot();
log.info(`index ready in ${config.INDEX_DIR}/`);
await shutdown();
