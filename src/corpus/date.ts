/** A date found in a text: ISO `YYYY-MM-DD`, where it starts and how long the match (with its time) is. */
export interface DateMatch {
  date: string;
  index: number;
  length: number;
}

const TIME = String.raw`(?:(?:\s|T|\u00a0)*\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?|\s*\d{1,2}时(?:\d{1,2}分)?)?`;
/** Chinese numerals as written in dates of official documents (二〇一六年五月十一日). */
const HAN_DIGIT = "〇零一二三四五六七八九十";
const FORMS: { re: RegExp; order: "ymd" | "dmy" | "han" | "pdf" }[] = [
  // 2016-05-11, 2016/5/11, 2016.5.11, 2016年5月11日, each with an optional time
  { re: new RegExp(String.raw`(?<!\d)(\d{4})\s*(?:([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?!\d)|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)${TIME}`, "u"), order: "ymd" },
  // 11.05.2016 10:31 (day first, as European sites print it)
  { re: new RegExp(String.raw`(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)${TIME}`, "u"), order: "dmy" },
  // 二〇一六年五月十一日
  { re: new RegExp(`([${HAN_DIGIT}]{4})年([${HAN_DIGIT}]{1,3})月([${HAN_DIGIT}]{1,3})日`, "u"), order: "han" },
  // PDF dates: D:20160511103100+08'00'
  { re: /^D:(\d{4})(\d{2})(\d{2})/u, order: "pdf" },
];

/**
 * The first date in `text`, in any of the forms articles and metadata use: 2016-05-11, 2016/5/11,
 * 2016年5月11日, 11.05.2016, 二〇一六年五月十一日, ISO date-times and PDF dates, with or without a time.
 * Impossible dates (month 13, day 32) are not dates.
 *
 * @example findDate("发布时间：2016年5月11日 10:31")  // { date: "2016-05-11", index: 5, length: 16 }
 */
export function findDate(text: string): DateMatch | null {
  let best: DateMatch | null = null;
  for (const { re, order } of FORMS) {
    const m = re.exec(text);
    if (!m || (best && best.index <= m.index)) continue;
    const [y, mo, d] =
      order === "ymd" ? [m[1]!, m[3] ?? m[5]!, m[4] ?? m[6]!]
      : order === "dmy" ? [m[3]!, m[2]!, m[1]!]
      : order === "han" ? [han(m[1]!, true), han(m[2]!), han(m[3]!)]
      : [m[1]!, m[2]!, m[3]!];
    const date = iso(Number(y), Number(mo), Number(d));
    if (date) best = { date, index: m.index, length: m[0].length };
  }
  return best;
}

/** The ISO date of a metadata value (`2016-05-11T02:31:00Z`, `D:20160511…`, `2016年5月11日`), or "". */
export function parseDate(value: string | undefined | null): string {
  return (value && findDate(value)?.date) || "";
}

/** Characters besides the date a line may have and still be a date line (`发布时间：`, `来源：青岛日报`). */
const DATE_LINE_REST = 24;

/**
 * The date of a line that is a dateline (the date, perhaps a time and a short label or source), or "".
 * A sentence that happens to contain a date is not a dateline.
 *
 * @example dateLine("11.05.2016  10:31")  // "2016-05-11"
 */
export function dateLine(line: string): string {
  const m = findDate(line);
  if (!m) return "";
  const rest = (line.slice(0, m.index) + line.slice(m.index + m.length)).trim();
  return [...rest].length <= DATE_LINE_REST && !/[。！？!?；;]/u.test(rest) ? m.date : "";
}

function iso(y: number, m: number, d: number): string {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return "";
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** 二〇一六 (digit by digit, for years) or 十一 / 二十一 / 三十 (for months and days). */
function han(s: string, digitwise = false): string {
  // 〇 and 零 are 0, 一…九 are 1…9 (their place in HAN_DIGIT less one)
  const digit = (c: string) => Math.max(0, HAN_DIGIT.indexOf(c) - 1);
  if (digitwise) return [...s].map(digit).join("");
  const [tens, ones] = s.includes("十") ? s.split("十") : ["", s];
  const value = (s.includes("十") ? (tens ? digit(tens) : 1) * 10 : 0) + (ones ? digit(ones) : 0);
  return String(value);
}
