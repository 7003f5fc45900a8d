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
  const secrets = (options.secrets ?? []).filter((s): s is string => !!s && s.length >= 4);
  const write = options.write ?? ((line: string) => process.stderr.write(line + "\n"));
  const redact = (s: string) => secrets.reduce((acc, secret) => acc.split(secret).join("***"), s);
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
