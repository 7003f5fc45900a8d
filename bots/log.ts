/** Log severity, lowest first. */
export type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface Logger {
  debug(msg: string, err?: unknown): void;
  info(msg: string, err?: unknown): void;
  warn(msg: string, err?: unknown): void;
  error(msg: string, err?: unknown): void;
}

export interface LoggerOptions {
  /** Lowest level written. */
  level?: Level;
  /** Values that must never appear in a log line (bot tokens, webhook secrets): replaced by `***`. */
  secrets?: (string | undefined)[];
  /** Where lines go; stderr by default so stdout stays clean for `--json`. */
  write?: (line: string) => void;
}

/**
 * A line logger that redacts secrets from every message and error it writes.
 *
 * @example
 * const log = createLogger({ secrets: [config.TELEGRAM_BOT_TOKEN] });
 * log.error("telegram: sendMessage failed", err);
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = order[options.level ?? "info"];
  const redact = scrubber(options.secrets ?? []);
  const write = options.write ?? ((line: string) => process.stderr.write(line + "\n"));
  const at = (level: Level) => (msg: string, err?: unknown) => {
    if (order[level] < min) return;
    const detail = err === undefined ? "" : `: ${describe(err)}`;
    write(redact(`${new Date().toISOString()} ${level.toUpperCase()} ${msg}${detail}`));
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * A logger that replaces each secret with `***` before passing a line on, whatever the logger it
 * wraps does: front ends wrap the logger they are given with their own token. grammY and discord.js
 * keep tokens out of their messages, but a nested fetch error holds the request URL, and that URL
 * holds the token.
 *
 * @example const log = redacting(parentLog, [config.TELEGRAM_BOT_TOKEN]);
 */
export function redacting(log: Logger, secrets: (string | undefined)[]): Logger {
  const scrub = scrubber(secrets);
  const wrap = (level: Level) => (msg: string, err?: unknown) =>
    err === undefined ? log[level](scrub(msg)) : log[level](scrub(msg), safeError(err, secrets));
  return { debug: wrap("debug"), info: wrap("info"), warn: wrap("warn"), error: wrap("error") };
}

/**
 * A copy of `err` that keeps its name and message, with secrets replaced, and drops everything
 * else (`cause`, nested errors, stack), so printing it cannot leak a token.
 */
export function safeError(err: unknown, secrets: (string | undefined)[]): Error {
  const scrub = scrubber(secrets);
  const copy = new Error(scrub(err instanceof Error ? err.message : String(err)));
  copy.name = err instanceof Error ? err.name : "Error";
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}

function scrubber(secrets: (string | undefined)[]): (s: string) => string {
  const list = secrets.filter((s): s is string => !!s && s.length >= 4);
  return (s) => list.reduce((acc, secret) => acc.split(secret).join("***"), s);
}
