import { en } from "./en.js";
import { zh, type Messages } from "./zh.js";
import type { Lang } from "../types.js";

export type { Messages };

/** The wording for a language. */
export function messages(lang: Lang): Messages {
  return lang === "en" ? en : zh;
}
