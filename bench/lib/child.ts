import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MARK = "BENCH-RESULT ";

/** Node's flags and environment for an answering process, as `npm start` (package.json) and the Dockerfile run it. */
export const ANSWERING = { nodeArgs: ["--heap-growing-percent=20"], env: { GLIBC_TUNABLES: "glibc.malloc.hugetlb=1" } };

/** Prints a child's result where `runChild` finds it (last marked line of stdout). */
export const sendResult = (value: unknown) => process.stdout.write(`${MARK}${JSON.stringify(value)}\n`);

/**
 * Runs `bench/lib/<script>` in a fresh Node process (through tsx unless `tsx: false`) and
 * resolves to its result plus the wall time from spawn to the result line.
 */
export function runChild<T>(
  script: string,
  args: object,
  { timeoutMs = 30 * 60_000, nodeArgs = [] as string[], tsx = true, env = {} as Record<string, string> } = {},
): Promise<{ result: T; wallMs: number }> {
  const loader = tsx ? ["--import", "tsx"] : [];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, ...loader, fileURLToPath(new URL(script, import.meta.url)), JSON.stringify(args)], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let wallMs = 0;
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (!wallMs && out.includes(MARK)) wallMs = performance.now() - t0;
    });
    child.stderr.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-8000)));
    let timedOut = false;
    const timer = setTimeout(() => ((timedOut = true), child.kill()), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const line = out.split("\n").filter((l) => l.startsWith(MARK)).pop();
      if (timedOut) reject(new Error(`bench/lib/${script} stopped after its time limit of ${Math.round(timeoutMs / 60_000)} min`));
      else if (code !== 0 || !line) reject(new Error(`bench/lib/${script} exited ${code}: ${err.trim().split("\n").filter((l) => !/^npm warn/.test(l)).slice(-25).join("\n")}`));
      else resolve({ result: JSON.parse(line.slice(MARK.length)) as T, wallMs });
    });
  });
}

/** The JSON argument a child was started with. */
export const childArgs = <T>(): T => JSON.parse(process.argv[2] ?? "{}") as T;

/**
 * How the start-up child (`cold-child.mjs`) runs: `compiled` as `npm start` does in production (plain node
 * on dist/, built first when stale — the build is not timed), or under tsx on the sources (small runs and
 * tests: no build).
 */
export async function startChild(compiled: boolean): Promise<{ script: string; extra: { entry: string }; tsx: boolean }> {
  const script = "cold-child.mjs";
  if (!compiled) return { script, extra: { entry: fileURLToPath(new URL("../../src/index.ts", import.meta.url)) }, tsx: true };
  const build = (await import(new URL("../../scripts/build.mjs", import.meta.url).href)) as { ensureBuilt(): void };
  build.ensureBuilt();
  return { script, extra: { entry: fileURLToPath(new URL("../../dist/src/index.js", import.meta.url)) }, tsx: false };
}
