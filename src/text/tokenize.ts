import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { normalize } from "./normalize.js";

/**
 * Words of the policy-news domain that jieba's general dictionary splits (创客 → 创|客).
 * Terms of a particular corpus (its quoted names) are added from the corpus itself.
 */
export const DOMAIN_WORDS = [
  "创客", "众创空间", "创客空间", "科创委", "科技创新委员会", "孵化器", "孵化", "入孵", "高新技术企业", "高企",
  "市场主体", "创新创业", "双创", "知识产权", "科技服务业", "运营机构", "产业发展基金", "资金池", "小巨人",
  "技术成交额", "自主创新", "创业街区", "侨商", "华侨", "科技型企业", "创新生态圈", "政策体系", "全媒介",
];

/** Function words and question words: they say what is asked, not what about. */
export const STOPWORDS = new Set(
  ("的 了 是 在 有 和 与 及 等 将 把 被 对 为 也 都 就 又 还 吗 呢 吧 啊 呀 么 个 之 其 这 那 这个 那个 这些 那些 它 它们 他 她 他们 " +
    "我 我们 你 你们 请问 请 一下 告诉 告诉我 想 知道 多少 几 几个 什么 哪些 哪个 哪 谁 怎么 怎样 如何 为什么 什么样 多大 多久 " +
    "哪里 哪儿 哪年 何时 时候 什么时候 是否 是不是 有没有 有何 是什么 可以 能 会 要 到 从 由 于 以 而 并 或 中 上 下 里 " +
    "the a an of to in on for and or is are was were be been what which who when where how much many does do did with by about").split(" "),
);

/** Phrases that only ask; removed before bigrams so 「多少」 does not match every figure. */
const QUESTION_PHRASES = /多少|什么时候|什么|哪些|哪个|哪里|为什么|怎么样|怎么|怎样|如何|是否|有没有|请问|吗|呢|谁/gu;
const PUNCT = /^[\p{P}\p{S}\s]+$/u;
const HAN_RUN = /\p{Script=Han}+/gu;
/** A figure with its magnitude and unit: 150万平方米, 5亿元, 31.5%, 6585户. */
export const FIGURE =
  /(\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)\s*(万|亿|千|百)?\s*(平方米|亿元|万元|元|家|个|户|人|项|场|名|所|份|年|月|日|岁|倍|%|％|余场|余家|余个|余人)?/gu;

/**
 * Version of what `terms` and `words` produce. The saved keyword index records it and is rebuilt when it
 * differs: bump it with any change to the cut (dictionary words, stopwords, bigrams, figures, normalisation).
 */
export const TOKENIZER_VERSION = 1;

export interface Tokenizer {
  /** Content words (jieba search mode) of normalised text, without stopwords and punctuation. */
  words(text: string): string[];
  /** Index terms: content words, Han bigrams and figures, as used by the keyword index. */
  terms(text: string): string[];
  /** Part-of-speech tags (jieba), on normalised text. */
  tag(text: string): { word: string; tag: string }[];
}

let base: Jieba | undefined;

/**
 * A jieba tokenizer that knows the domain's words and `extraWords` (e.g. names quoted in the corpus).
 * Jieba's dictionary is loaded once per process; later calls only add words.
 *
 * @example createTokenizer(["侨商创客谷"]).terms("侨商创客谷年底前计划入驻多少家企业")
 */
export function createTokenizer(extraWords: Iterable<string> = []): Tokenizer {
  if (!base) {
    base = Jieba.withDict(dict);
    base.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} 2000 n`).join("\n")));
  }
  const extra = [...new Set(extraWords)].filter((w) => w.length >= 2);
  if (extra.length > 0) base.loadDict(Buffer.from(extra.map((w) => `${w} 1000 nz`).join("\n")));
  const jieba = base;

  const words = (text: string) =>
    jieba.cutForSearch(normalize(text), true).filter((w) => !PUNCT.test(w) && !STOPWORDS.has(w.trim()) && w.trim() !== "");

  return {
    words,
    terms(text) {
      const norm = normalize(text);
      const out = words(norm);
      for (const run of norm.replace(QUESTION_PHRASES, " ").match(HAN_RUN) ?? []) {
        for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
      }
      for (const m of norm.matchAll(/\d+(?:\.\d+)?\s*(?:万|亿)?\s*(?:平方米|亿元|万元|元|家|个|户|人|项|场|名|%)?/gu)) {
        if (/\D/.test(m[0])) out.push(m[0].replace(/\s+/g, ""));
      }
      return out;
    },
    tag: (text) => jieba.tag(normalize(text), true),
  };
}

/**
 * The Han bigrams that `terms` yields for every text containing `norm` (normalised), whatever surrounds it:
 * pairs of Han characters neither of which can belong to a question phrase (those are cut out before
 * bigrams). A text holds `norm` only if its terms hold all of these, so the keyword index can find the
 * few candidates for a phrase look-up.
 *
 * @example containedBigrams("众创空间") // ["众创", "创空", "空间"]
 */
export function containedBigrams(norm: string): string[] {
  const out: string[] = [];
  const chars = [...norm];
  const free = (c: string) => HAN_CHAR.test(c) && !QUESTION_CHARS.has(c);
  for (let i = 0; i + 1 < chars.length; i++) if (free(chars[i]!) && free(chars[i + 1]!)) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

const HAN_CHAR = /^\p{Script=Han}$/u;
const QUESTION_CHARS = new Set(QUESTION_PHRASES.source.replace(/[^\p{Script=Han}]/gu, ""));

/** Names the corpus itself marks as names: short quoted spans such as “侨商创客谷”. */
export function quotedTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[“「『"](\p{Script=Han}{2,8})[”」』"]/gu)) out.push(m[1]!);
  return out;
}
