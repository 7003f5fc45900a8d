import { ABOUT_ARTICLE, ANAPHORA, ASKS_YEAR, FRAME_NOUNS, NOT_ANAPHORA, PUBLISHED_OTHER, questionForm, TAGS, VERB_LIKE } from "../lang/zh/index.js";
import { isEnglish, normalize } from "../text/normalize.js";
import { askedMeasure, askedUnit } from "./query.js";

/** What a question asks for, which decides the clause that answers it. */
export type QuestionType = "figure" | "date" | "name" | "list" | "policy" | "general";

export interface QuestionAnalysis {
  type: QuestionType;
  /** For figures: the unit the answer must carry, e.g. 家, 平方米, 元, %. */
  unit?: string;
  /** For figures without a named unit: the units the asked noun's figure is given in (成交额 → money). */
  measure?: readonly string[];
  /** Refers back to an earlier subject (它, 其, 该…): a follow-up. */
  anaphoric: boolean;
  /** Asks about the article itself (when it was published), not its content. */
  aboutArticle: boolean;
  english: boolean;
  /** Read from an English question with the dictionary: its words are the dictionary's, not the asker's. */
  translated?: boolean;
  /** Numbers the question itself states (2017, 150): they are not the answer's figure. */
  given: string[];
  /** Asks a year (哪一年): a date without one does not answer it. */
  year?: boolean;
}

/** Question words; the content word next to one is what is asked about (the focus). */
export const ASKING: ReadonlySet<string> = new Set(["多少", "几", "谁", "什么", "哪个", "哪些", "哪家", "哪位", "哪", "多大", "怎么样", "如何", "几个", "几家", "多"]);
/** Nouns that only frame a question (什么名字, 什么地方, 多长时间) and counted "one of": never the focus. */
const FRAME = new Set([...FRAME_NOUNS, "一个", "两个", "三个"]);
const SKIP = new Set(["是", "有", "为", "的", "了", "将", "要", "会", "能", "达到", "达", "在", "叫", "都", "还", "又", "共", "一共", "总共", "大概", "约"]);

/**
 * The word a question asks about: the content word right after its question word
 * (多少在校学生 → 学生, 什么模式 → 模式) or, failing that, right before it (GDP是多少 → GDP).
 *
 * @param tagged the question cut into words in order, with jieba part-of-speech tags
 */
export function focusOf(tagged: { word: string; tag: string }[]): string | undefined {
  const words = tagged.map((t) => t.word);
  const i = words.findIndex((w) => ASKING.has(w));
  if (i < 0) return undefined;
  const isContent = (w: string | undefined) => {
    const tag = tagged[words.indexOf(w!)]?.tag ?? "";
    return !!w && /^(n|nr|ns|nt|nz|nrfg|nrt|eng|j|x|b|an)$/u.test(tag) && !(tag === "x" && VERB_LIKE.test(w)) && /[\p{Script=Han}A-Za-z]{2,}/u.test(w) && !FRAME.has(w) && !SKIP.has(w) && !ASKING.has(w);
  };
  for (let j = i + 1; j < Math.min(words.length, i + 3); j++) {
    if (/^[个家项户人场名所份位种条]$/u.test(words[j]!)) continue;
    if (isContent(words[j])) return words[j];
    break;
  }
  // (Adverbs, pronouns and particles between are skipped: 总面积|大概|将|达到|多少.)
  for (let j = i - 1; j >= Math.max(0, i - 5); j--) {
    if (SKIP.has(words[j]!) || TAGS.function.test(tagged[j]!.tag)) continue;
    return isContent(words[j]) ? words[j] : undefined;
  }
  return undefined;
}

/** Arabic numbers in a text, e.g. ["2017", "1"] from 「到2017年…1万户」. */
export const numbersIn = (text: string): string[] => text.match(/\d+(?:\.\d+)?/gu) ?? [];

export { ANAPHORA };


/**
 * Reads the kind of answer a question wants from its question words (多少/几, 谁, 哪些, 什么时候, and
 * their English counterparts) and the unit a figure should carry.
 *
 * @example analyzeQuestion("它年底前计划入驻多少家企业？") // { type: "figure", unit: "家", anaphoric: true, … }
 */
export function analyzeQuestion(text: string): QuestionAnalysis {
  const english = isEnglish(text);
  const norm = questionForm(normalize(text));
  const aboutArticle = (ABOUT_ARTICLE.test(norm) && !(PUBLISHED_OTHER.test(norm) && !/文章|报道|新闻|消息|这篇|本文|那篇/u.test(norm))) || /when was (this|the) (article|report|story) (published|written)/i.test(text);
  const anaphoric = !english && ANAPHORA.test(norm.replace(NOT_ANAPHORA, ""));
  // A named document (《…》) is the topic, not what is asked: 「《X计划》设定了哪些目标？」 asks for a list.
  const asked = norm.replace(/《[^》]*》/gu, "它");
  return { type: typeOf(asked), unit: unitOf(asked), measure: askedMeasure(asked), anaphoric, aboutArticle, english, given: numbersIn(text), ...(ASKS_YEAR.test(asked) && { year: true }) };
}

function typeOf(text: string): QuestionType {
  if (/什么时候|何时|哪一年|哪年|哪天|几月|多久|多长时间|when|what year|how long/iu.test(text)) return "date";
  if (/多少|几[个家项户人场名所份位年倍次万亿]|多大|多高|多广|how (many|much|large|big)|what percent/iu.test(text)) return "figure";
  if (/第几/u.test(text)) return "figure";
  if (/(政策|办法|文件|计划|规定|措施|意见)/u.test(text) && /什么|哪|有没有|是否/u.test(text)) return "policy";
  if (/哪些|哪几|包括什么|有什么|列举|哪两|哪三|which (ones|organizations|companies)|what are/iu.test(text)) return "list";
  if (/谁|哪个|哪家|哪位|哪里|什么机构|什么组织|什么名字|叫什么|who|which/iu.test(text)) return "name";
  return "general";
}

/** The unit a figure must carry, when the question names one (多少家 → 家). */
const unitOf = askedUnit;
