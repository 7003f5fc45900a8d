import { en } from "./en.js";
import { zhHant } from "./zh-hant.js";
import { zh, type Messages } from "./zh.js";
import type { Lang } from "../types.js";

export type { Messages };

/**
 * The language a client's locale asks replies in (Telegram's language_code, Discord's locale): Chinese in
 * Traditional script for zh-Hant, zh-TW, zh-HK and zh-MO; `undefined` for a language the assistant does not speak.
 *
 * @example
 * localeLang("zh-TW"); // "zh-Hant"
 * localeLang("en-GB"); // "en"
 * localeLang("de"); // undefined
 */
export function localeLang(locale: string | null | undefined): Lang | undefined {
  const code = locale?.toLowerCase() ?? "";
  if (code.startsWith("en")) return "en";
  if (/^zh[-_](hant|tw|hk|mo)\b/u.test(code)) return "zh-Hant";
  if (code.startsWith("zh")) return "zh";
  return undefined;
}

/** The wording for a language. */
export function messages(lang: Lang): Messages {
  return lang === "en" ? en : lang === "zh-Hant" ? zhHant : zh;
}
