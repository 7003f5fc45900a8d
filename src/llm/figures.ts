import { normalize } from "../text/normalize.js";

/** A number as the text states it, reduced to a value and a unit: 5亿元 → 500000000 元. */
export interface Figure {
  /** The text it was read from, e.g. `5亿元`, `150万平方米`, `31.5%`, `500 million`. */
  text: string;
  value: number;
  /** Canonical unit (`元`, `平方米`, `%`, `年`…), or "" when the text gives none (English words, a bare number). */
  unit: string;
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_SMALL: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const MULTIPLIER: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 千万: 1e7, 百万: 1e6, 十万: 1e5, 万: 1e4, 千: 1e3, 百: 100 };
const EN_MULTIPLIER: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, "hundred million": 1e8 };
/** Units that give a figure its meaning; a longer unit first so 平方米 is not read as 米. */
const UNITS = [
  "美元", "港元", "欧元", "元", "平方公里", "平方米", "平米", "公顷", "公里", "千米", "米", "亩", "吨", "人次", "人", "户", "家",
  "个", "项", "场", "所", "座", "台", "名", "位", "条", "件", "套", "次", "倍", "年", "月", "日", "天", "小时", "分钟", "%", "‰",
  "岁", "栋", "层", "批", "期", "届", "类", "款", "支", "辆", "篇", "份", "例", "强",
];
const SAME_UNIT: Record<string, string> = { 平米: "平方米", percent: "%", "per cent": "%" };
const ARABIC = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
const CHINESE = "[零〇一二两三四五六七八九十百千]+";
const MULT = "万亿|千万|百万|十万|亿|万|千|百";
const EN_MULT = "hundred million|thousand|million|billion|trillion";
const UNIT = [...UNITS, "percent", "per cent"].join("|");
// A Chinese numeral counts only with a unit after it (一系列, 百花 are not figures); an Arabic one always.
const FIGURE = new RegExp(
  String.raw`(${ARABIC})\s*(?:(${MULT})|(${EN_MULT})\b)?\s*(?:余|多)?\s*(${UNIT})?|(${CHINESE})(${MULT})?(?:余|多)?(${UNITS.join("|")})`,
  "gu",
);

/**
 * Every figure in a text: Arabic numbers (full-width too) with their 万/亿 or thousand/million/billion
 * multiplier and unit, and Chinese numerals followed by a unit (五亿元, 三家). Values compare across
 * forms: 5亿元, 50000万元 and "500 million yuan" are all 500000000 (English unit words other than
 * percent are free wording, so they read as no unit).
 *
 * @example figures("总面积将达150万平方米，增长31.5%") // [{value:1500000,unit:"平方米"}, {value:31.5,unit:"%"}]
 */
export function figures(text: string): Figure[] {
  const found: Figure[] = [];
  for (const m of normalize(text).matchAll(FIGURE)) {
    const [whole, arabic, mult, enMult, unit, chinese, cmult, cunit] = m;
    const base = arabic !== undefined ? Number(arabic.replace(/,/g, "")) : chineseNumber(chinese!);
    // 一个, 一项: a lone 一 is an article, not a figure.
    if (arabic === undefined && base === 1 && !cmult) continue;
    if (!Number.isFinite(base)) continue;
    const multiplier = (arabic !== undefined ? (mult ? MULTIPLIER[mult] : enMult ? EN_MULTIPLIER[enMult] : 1) : MULTIPLIER[cmult ?? ""]) ?? 1;
    const u = (arabic !== undefined ? unit : cunit) ?? "";
    found.push({ text: whole.trim(), value: round(base * multiplier), unit: SAME_UNIT[u] ?? u });
  }
  return found;
}

/**
 * Whether `claim` is stated among `source` figures: the same value and, when the claim names a
 * unit, the same unit.
 */
export function supported(claim: Figure, source: Figure[]): boolean {
  return source.some((f) => f.value === claim.value && (claim.unit === "" || claim.unit === f.unit));
}

/** 一千五百 → 1500, 百 → 100, 二十 → 20. */
function chineseNumber(s: string): number {
  let total = 0;
  let digit = 0;
  let seen = false;
  for (const c of s) {
    if (c in CN_DIGIT) {
      digit = CN_DIGIT[c]!;
      seen = true;
    } else {
      total += (seen ? digit : 1) * CN_SMALL[c]!;
      digit = 0;
      seen = false;
    }
  }
  return total + (seen ? digit : 0);
}

/** Rounds away float noise (22.88 × 1e8), so equal figures compare equal. */
function round(n: number): number {
  return Number(n.toPrecision(12));
}
