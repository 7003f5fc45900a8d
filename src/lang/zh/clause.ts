/**
 * How a Chinese clause is built, as far as turning a stated figure into a question needs: which jieba
 * tags open a subject, which only link or qualify (and so cannot start a question), which measure words
 * need the noun they count. Written once for the language; nothing here comes from one article.
 */

/** Tags of words that can head or fill a subject noun phrase (nouns, names, abbreviations, noun-verbs). */
export const SUBJECT_TAG = /^(n|nr|ns|nt|nz|nrfg|nrt|j|vn|l|i|eng|s)$/u;
/** Tags of words that may sit inside a noun phrase before its head (国家级孵化器, 单个企业, 新认定). */
export const NP_MODIFIER_TAG = /^(a|b|an|f)$/u;
/** Verbs: the predicate starts at the first one after the subject. */
export const VERB_TAG = /^(v|vd|vi|vg|vq)$/u;
/** Words jieba may tag as prepositions that link a subject to its figure like a verb (总值为5亿元). */
export const COPULA = /^(?:为|為|是)$/u;
/** Time words: an adverbial that may stand before the subject (去年, 年底前) and is moved after it. */
export const TIME_TAG = /^(t|tg)$/u;
/** Words that only link a clause to the one before (conjunctions, particles, interjections): dropped from a clause's start. */
export const LINK_TAG = /^(c|y|e|o|u|uj|ul|uz|ug|uv|ud|k)$/u;
/** Prepositions: a clause opening with one (按…, 对…, 由…) has no subject of its own. */
export const PREPOSITION_TAG = /^p$/u;
/** Pronouns: a clause opening with one either points back (这里, 其) or distributes (每年, 每人). */
export const PRONOUN_TAG = /^(r|rr|rz)$/u;
/** Adverbs: qualify the predicate (再, 还, 一次性); never a question's first word. */
export const ADVERB_TAG = /^(d|ad)$/u;

/** One-character adverbs that only link to what was said before (再, 还, 也, 又, 并): dropped when a question starts with them. */
export const LINKING_ADVERB = /^[再还也又并且而却则才便亦乃就都更仍]$/u;
/** Pronouns for animals and gods written with their own characters (牠, 祂), which Simplified folding keeps. */
export const POINTING_BACK = /[牠祂]/u;
/** Distributive pronouns (每年, 每人, 每家): an adverbial, not a subject. */
export const DISTRIBUTIVE = /^[每各]/u;
/** Pronouns that do not point back (其中, 其余, 其他): dropped from a clause's start like a link. */
export const NOT_POINTING_BACK = /^(其中|其余|其他|其次|此外|另外)$/u;

/** A year or a date written as figures (2020年, 3月17日): a time adverbial, never a figure to ask about. */
export const DATE_FIGURE = /^(?:\d{4}\s*年(?:\d{1,2}\s*月)?(?:\d{1,2}\s*[日号])?|\d{1,2}\s*月(?:\d{1,2}\s*[日号])?|\d{1,2}\s*[日号])/u;

/**
 * Measure words that count a thing and say nothing of what it is (个, 项, 家, 条): a question ending in one
 * needs the counted noun in it (「入孵项目多少个」, 「多少个工作日」), not 「不超过多少个」.
 */
export const CLASSIFIERS = new Set(["个", "项", "场", "种", "条", "所", "座", "台", "辆", "架", "艘", "枚", "支", "首", "张", "篇", "间", "层", "部", "本", "届", "次", "批", "套", "份", "位", "名", "家", "户", "只", "件", "处", "片", "株", "头"]);

/**
 * Units a figure may carry in a question made from it, longest first: money, sizes, shares, people and the
 * classifiers above. Calendar units (月, 日) are dates, not amounts, and are left out.
 */
export const QUESTION_UNITS = [
  "平方公里", "平方千米", "平方米", "立方米", "公顷", "千米", "公里", "厘米", "毫米", "米", "英里",
  "千克", "公斤", "吨", "亿元", "万元", "美元", "欧元", "英镑", "日元", "港元", "元",
  "千瓦", "个月", "小时", "分钟", "天", "岁",
  "%", "％", "个百分点", "百分点", "倍", "人次", "人", ...CLASSIFIERS,
].sort((a, b) => b.length - a.length);

/** Units of time: followed by 内, 后, 前 they mark a span (两年内), not an amount to ask about. */
export const TIME_UNITS = new Set(["个月", "小时", "分钟", "周年", "年", "天", "岁"]);

/** Words after a length of time that make it a span (两年内, 三年后, 五年来). */
export const SPAN_END = /^(?:内|后|前|来|间|以内|以后|以前|以来|之内|之后|之前|之间|期间)$/u;

/** What joins the items of a list: a figure next to one is one of several (5%和10%). */
export const LIST_JOIN = /^[、和及与或至到]$/u;

/** Counts small enough that 几 asks for them more naturally than 多少 (几家, 几项). */
export const SMALL_COUNT = 10;

/** Han numerals up to 十, for deciding between 几 and 多少. */
export const HAN_NUMBER: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** Brackets: an aside (（简称…）) is dropped from a question; a half-open one spoils it. */
export const ASIDE = /[（(][^（）()]*[）)]/gu;
export const BRACKET = /[（）()《》〈〉【】\[\]]/u;
