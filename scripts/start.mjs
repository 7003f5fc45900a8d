/**
 * `npm start`: builds dist/ when it is missing or older than the sources, then runs the compiled
 * bots/main.js in this process. In production (`npm ci --omit=dev`, dist/ already built) run
 * `node dist/bots/main.js` directly.
 */
import { ensureBuilt } from "./build.mjs";

try {
  ensureBuilt();
} catch (err) {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
await import("../dist/bots/main.js");
