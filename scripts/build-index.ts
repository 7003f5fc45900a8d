/** `npm run index`: rebuilds the index for the articles in seeds/ with the active embedder, with progress and a summary. */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { boot, loadSettings } from "../bots/boot.js";
import { createIndexProgress } from "./index-progress.js";

const { config } = loadSettings();
// Removing the manifest forces a rebuild; the new files replace the old ones atomically.
await rm(join(config.INDEX_DIR, "manifest.json"), { force: true });
const progress = createIndexProgress(process.stderr);
const { log, shutdown } = await boot({ onProgress: progress.update, write: progress.log, stores: false });
log.info(`index ready in ${config.INDEX_DIR}/`);
process.stdout.write(progress.stop());
await shutdown();
