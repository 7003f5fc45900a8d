import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * `parseArgs` for the project's commands: `--help` prints `usage` and exits 0; an unknown option, a missing
 * value or a stray argument prints what was wrong and `usage`, and exits 2 (no stack trace).
 *
 * @example const { values } = parseCommandLine({ options: { json: { type: "boolean" } } }, "Usage: npm run ask -- [--json] \"问题\"");
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string, args: string[] = process.argv.slice(2)): ReturnType<typeof parseArgs<T>> {
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ ...config, args } as T);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${usage.trim()}\n`);
    process.exit(2);
  }
}
