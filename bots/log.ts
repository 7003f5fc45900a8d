import { pino, stdTimeFunctions, type Logger as Pino } from "pino";

/** Log severity, lowest first. */
export type Level = "debug" | "info" | "warn" | "error";

export interface Logger {
  debug(msg: string, err?: unknown): void;
  info(msg: string, err?: unknown): void;
  warn(msg: string, err?: unknown): void;
  error(msg: string, err?: unknown): void;
  /** One structured line: `fields` become keys of the JSON line beside `msg` (one line per question, for example). */
  fields(level: Level, fields: Record<string, unknown>, msg: string): void;
}

/** `json`: one JSON object per line (pino); `text`: `time LEVEL msg key=value`, for a terminal; `auto`: text on a TTY. */
export type LogFormat = "auto" | "json" | "text";

export interface LoggerOptions {
  /** Lowest level written. */
  level?: Level;
  /** Values that must never appear in a log line (bot tokens, webhook secrets, Redis password): replaced by `***`. */
  secrets?: (string | undefined)[];
  /** Where lines go; stderr by default so stdout stays clean for `--json`. */
  write?: (line: string) => void;
  /** Line format; default `auto` (JSON lines, or text on a terminal); a custom `write` gets text unless this says `json`. */
  format?: LogFormat;
}

/**
 * A pino logger behind the project's small `Logger` interface: JSON lines (`{"level","time","msg",…}`) on
 * stderr, or readable text on a terminal. Every line is scrubbed of the secrets after it is serialised,
 * whatever a message, an error or a field holds.
 *
 * @example
 * const log = createLogger({ secrets: [config.TELEGRAM_BOT_TOKEN] });
 * log.error("telegram: sendMessage failed", err);
 * log.fields("info", { platform: "telegram", kind: "answer", ms: 3.2 }, "question");
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const redact = scrubber(options.secrets ?? []);
  const out = options.write ?? ((line: string) => process.stderr.write(line + "\n"));
  const format = options.format ?? (options.write ? "text" : "auto");
  const text = format === "text" || (format === "auto" && process.stderr.isTTY === true);
  const destination = {
    write(serialised: string) {
      const line = redact(serialised.trimEnd());
      out(text ? asText(line) : line);
    },
  };
  const logger: Pino = pino(
    {
      level: options.level ?? "info",
      base: undefined,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const at = (level: Level) => (msg: string, err?: unknown) =>
    err === undefined ? logger[level](msg) : logger[level](`${msg}: ${describe(err)}`);
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    fields: (level, fields, msg) => logger[level](fields, msg),
  };
}

/** `2026-… INFO msg key=value`: the JSON line made readable. */
function asText(line: string): string {
  try {
    const { time, level, msg, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const extra = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
    return [time, String(level).toUpperCase(), msg, ...extra].join(" ");
  } catch {
    return line;
  }
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
  return {
    debug: wrap("debug"),
    info: wrap("info"),
    warn: wrap("warn"),
    error: wrap("error"),
    fields: (level, fields, msg) => log.fields(level, JSON.parse(scrub(JSON.stringify(fields))) as Record<string, unknown>, scrub(msg)),
  };
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
