import type { Logger } from "../log.js";

/**
 * A logger that replaces each secret with `***` before passing a line on, whatever the logger it
 * wraps does. grammY keeps the token out of its own error messages, but a nested fetch error holds
 * the request URL, and that URL holds the token.
 *
 * @example
 * const log = redactingLogger(baseLog, [token]);
 */
export function redactingLogger(log: Logger, secrets: (string | undefined)[]): Logger {
  const scrub = scrubber(secrets);
  const wrap =
    (write: Logger["info"]) =>
    (msg: string, err?: unknown): void =>
      err === undefined ? write(scrub(msg)) : write(scrub(msg), safeError(err, secrets));
  return { debug: wrap(log.debug), info: wrap(log.info), warn: wrap(log.warn), error: wrap(log.error) };
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
