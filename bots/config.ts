import { z } from "zod";

/** Empty strings in `.env` mean "not set". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"])
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

const apiRoot = z
  .url()
  .refine((u) => !u.endsWith("/"), { message: "must not end with '/'" });

/** A list of ids separated by commas or spaces; empty means none. */
const idList = (pattern: RegExp, message: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(/[\s,]+/u).filter(Boolean) : v),
    z.array(z.string().regex(pattern, message)).default([]),
  );

/**
 * Every setting the app reads, with its default. Mirrored, with comments, in `.env.example`.
 * Parsed once, in `loadConfig`, where the app is wired; the core receives typed options.
 */
export const envSchema = z.object({
  // Core
  SEEDS_DIR: z.string().default("seeds"),
  MAX_FILE_MB: z.coerce.number().positive().default(20),
  INDEX_DIR: z.string().default("index"),
  MODELS_DIR: z.string().default("models"),
  EMBEDDER: z.enum(["auto", "transformers", "hashed"]).default("auto"),
  EMBEDDING_MODEL: z.string().min(1).default("Xenova/multilingual-e5-small"),
  CONVERSATION_TTL_MINUTES: z.coerce.number().positive().default(30),
  CONVERSATION_MAX: z.coerce.number().int().positive().default(10_000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().nonnegative().default(10),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  CONSOLE: z.enum(["auto", "on", "off"]).default("auto"),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().nonnegative().default(10_000),
  // Shared state and feedback
  REDIS_URL: optional(z.url().refine((u) => /^rediss?:\/\//.test(u), { message: "must start with redis:// or rediss://" })),
  REDIS_PREFIX: z.string().min(1).default("pna:"),
  DATA_DIR: z.string().default("data"),
  // Operations
  LOG_FORMAT: z.enum(["auto", "json", "text"]).default("auto"),
  LOG_QUESTIONS: flag.default(false),
  HTTP_PORT: optional(z.coerce.number().int().min(0).max(65535)),
  HOST: z.string().min(1).default("127.0.0.1"),
  // Telegram
  TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[\w-]+$/, "looks like 123456:ABC-DEF… (from @BotFather)")),
  TELEGRAM_API_ROOT: optional(apiRoot),
  TELEGRAM_WEBHOOK_URL: optional(z.url()),
  TELEGRAM_WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "1-256 characters of A-Z a-z 0-9 _ -")),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  TELEGRAM_AUTO_CHATS: idList(/^-?\d+$/u, "group ids such as -1001234567890, separated by commas").transform((ids) => ids.map(Number)),
  // Discord
  DISCORD_TOKEN: optional(z.string().min(1)),
  DISCORD_APPLICATION_ID: optional(z.string().regex(/^\d+$/, "a numeric snowflake")),
  DISCORD_GUILD_ID: optional(z.string().regex(/^\d+$/, "a numeric snowflake")),
  DISCORD_API_ROOT: optional(apiRoot),
  DISCORD_SHARDS: optional(z.union([z.literal("auto"), z.coerce.number().int().positive()])),
  DISCORD_AUTO_CHANNELS: idList(/^\d+$/u, "channel or forum ids (numeric snowflakes), separated by commas"),
  // Language model (optional; unset = extractive answers only)
  LLM_BASE_URL: optional(z.url().refine((u) => /^https?:\/\//.test(u), { message: "an http(s) URL, e.g. http://127.0.0.1:11434/v1" })),
  LLM_API_KEY: optional(z.string().min(1)),
  LLM_MODEL: optional(z.string().min(1)),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  LLM_MAX_TOKENS: z.coerce.number().int().positive().default(512),
  LLM_CONCURRENCY: z.coerce.number().int().positive().default(4),
});

export type Env = z.infer<typeof envSchema>;

/** A setting is missing or malformed; `message` names the variable and the fix. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Validates the environment once. Throws `ConfigError` naming each bad variable.
 *
 * @example
 * const config = loadConfig(process.env);
 * config.EMBEDDER; // "auto"
 */
export function loadConfig(env: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid settings (check .env or the environment; see .env.example):\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError("TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL (1-256 of A-Z a-z 0-9 _ -).");
  }
  if (c.LLM_BASE_URL && !c.LLM_MODEL) {
    throw new ConfigError("LLM_MODEL is required with LLM_BASE_URL (e.g. deepseek-chat, qwen-plus, or qwen2.5:7b for Ollama).");
  }
  return c;
}
