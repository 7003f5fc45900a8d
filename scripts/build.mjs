/**
 * `npm run build`: compiles the production code to dist/ (tsc -p tsconfig.build.json) and stamps it.
 * `ensureBuilt()` (used by `npm start`) builds only when dist/ is missing or older than the sources.
 * Plain JavaScript, so it runs before anything is compiled and without tsx.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stamp = join(root, "dist", ".built");
/** What the build reads: a change to any of these makes dist/ stale. */
const sources = ["src", "bots", "scripts/build-index.ts", "scripts/report.ts", "tsconfig.json", "tsconfig.build.json"];

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), s.mtimeMs);
}

/** Why dist/ must be (re)built, or undefined when it is current. */
export function staleReason() {
  if (!existsSync(stamp)) return "dist/ is missing";
  // A production image ships dist/ without the sources: nothing to compare, dist/ is what runs.
  const sourceTime = Math.max(...sources.map((p) => newest(join(root, p))));
  return sourceTime > statSync(stamp).mtimeMs ? "the sources changed since the last build" : undefined;
}

export function build() {
  let tsc;
  try {
    tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
  } catch {
    throw new Error("Cannot build: TypeScript is not installed (it is a dev dependency). Run `npm ci`, then `npm run build`.");
  }
  rmSync(join(root, "dist"), { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit", cwd: root });
  if (result.status !== 0) throw new Error(`tsc failed (exit ${result.status ?? result.signal}); see the errors above.`);
  writeFileSync(stamp, new Date().toISOString() + "\n");
}

/** Builds when needed; with dist/ present but TypeScript missing (a production install), runs what is there. */
export function ensureBuilt(log = (line) => process.stderr.write(line + "\n")) {
  const reason = staleReason();
  if (!reason) return;
  const haveTsc = existsSync(join(root, "node_modules", "typescript"));
  if (!haveTsc && existsSync(stamp)) {
    log(`start: ${reason}, but TypeScript is not installed (production install); running the existing dist/.`);
    return;
  }
  log(`start: ${reason}; building dist/ (npm run build)…`);
  build();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    build();
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
