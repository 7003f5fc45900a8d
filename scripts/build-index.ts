/** `npm run index`: rebuilds the vector index for the articles in seeds/ with the active embedder. */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { config as loadDotenv } from "dotenv";
import { loadConfig } from "../bots/config.js";
import { createLogger } from "../bots/log.js";
import { createAssistantFromConfig } from "../bots/wire.js";

loadDotenv({ quiet: true });
const config = loadConfig(process.env);
const log = createLogger({ level: config.LOG_LEVEL });
// Removing the manifest forces a rebuild; the new files replace the old ones atomically.
await rm(join(config.INDEX_DIR, "manifest.json"), { force: true });
const assistant = await createAssistantFromConfig(config, log);
log.info(`index ready in ${config.INDEX_DIR}/`);
await assistant.close();
