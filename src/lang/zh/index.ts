/**
 * Chinese, written once: question words and the kind of answer each asks for, units and measure words,
 * pronouns, and the jieba tag classes the answer code reads. Nothing here is drawn from one article:
 * words that matter in a corpus come from the corpus itself (quoted names, 《》 titles).
 */

/** What a question asks for. */
export type AnswerKind = "figure" | "date" | "person" | "place" | "org" | "list" | "thing" | "reason" | "manner" | "yesno" | "general";

/**
 * Question words, longest first, with the kind of answer they ask for. The first one found in a
 * question decides its kind (a 《title》 is masked first: it names the topic, not what is asked).
 */
export const QUESTION_WORDS: readonly (readonly [string, AnswerKind])[] = [
  ["什么时候", "date"], ["什么时间", "date"], ["哪一年", "date"], ["哪一天", "date"], ["多长时间", "date"], ["多少年", "date"],
  ["哪年", "date"], ["哪天", "date"], ["何时", "date"], ["几月", "date"], ["几时", "date"], ["几号", "date"], ["多久", "date"], ["几年", "date"], ["年代", "date"],
  ["什么地方", "place"], ["哪里", "place"], ["哪儿", "place"], ["何地", "place"], ["何处", "place"], ["哪个国家", "place"], ["哪座城市", "place"], ["哪个城市", "place"],
  ["什么机构", "org"], ["什么组织", "org"], ["什么单位", "org"], ["什么部门", "org"], ["哪个部门", "org"], ["哪个机构", "org"], ["哪家", "org"], ["哪所", "org"],
  ["哪些", "list"], ["哪几", "list"], ["哪两", "list"], ["哪三", "list"], ["包括什么", "list"],
  ["为什么", "reason"], ["为何", "reason"], ["什么原因", "reason"], ["原因是", "reason"],
  ["怎么样", "manner"], ["怎样", "manner"], ["怎么", "manner"], ["如何", "manner"],
  ["是否", "yesno"], ["有没有", "yesno"], ["是不是", "yesno"], ["能否", "yesno"],
  ["多少", "figure"], ["多大", "figure"], ["多高", "figure"], ["多长", "figure"], ["多重", "figure"], ["多远", "figure"], ["多深", "figure"],
  ["多宽", "figure"], ["多广", "figure"], ["第几", "figure"], ["几", "figure"],
  ["哪位", "person"], ["谁", "person"],
  ["哪一种", "thing"], ["哪一个", "thing"], ["哪一", "thing"], ["叫什么", "thing"], ["是什么", "thing"], ["什么", "thing"], ["哪个", "thing"], ["哪种", "thing"], ["哪", "thing"], ["啥", "thing"],
];

/**
 * Verbs of naming that 为 completes (名为, 称为, 叫为, 作为, 视为): after one, 为什么 / 为何 reads 为 + 什么 / 何,
 * "is called what" (「…的作品名为什么？」 asks for a name, not a reason).
 */
export const NAMING_VERB = /[名称叫作视]$/u;

/**
 * Head nouns that say what a 哪/什么 question asks for (哪一国家 → a place, 什么时期 → a date, 哪位作家 →
 * a person, 哪所大学 → an organisation): read right after the question word and its measure word.
 */
export const ASKED_NOUN_KINDS: readonly (readonly [AnswerKind, readonly string[]])[] = [
  ["place", ["国家", "地区", "地方", "城市", "省份", "省", "州", "县", "市", "岛", "山脉", "山", "河流", "河", "江", "湖", "海域", "海", "大陆", "洲", "半岛", "地点", "位置", "港口", "港", "村", "镇", "街道", "国", "城", "区域", "领土", "流域", "车站", "机场"]],
  ["date", ["年代", "年份", "时期", "时候", "时间", "朝代", "世纪", "季节", "阶段", "日期", "月份", "朝"]],
  ["person", ["人物", "皇帝", "国王", "总统", "首相", "总理", "君主", "将军", "球员", "选手", "作家", "诗人", "画家", "作者", "科学家", "学者", "教授", "演员", "歌手", "导演", "领导人", "领袖", "王子", "公主", "皇后", "人士", "成员", "官员", "领导", "干部", "专家", "负责人", "发言人", "人"]],
  ["org", ["公司", "机构", "组织", "大学", "学校", "学院", "球队", "部门", "政党", "团体", "企业", "银行", "俱乐部", "单位", "集团", "报纸", "电视台", "军队", "政府", "协会", "队"]],
];
/** Measure words between a 哪/什么 and its head noun (哪一所大学, 哪个国家). */
export const ASKED_NOUN_MEASURE = /^(?:一)?[个种位所家座条项支名首部本间只]?/u;

/** The question words alone, longest first: for finding where a question asks. */
export const QUESTION_WORD = new RegExp(QUESTION_WORDS.map(([w]) => w).join("|"), "u");

/** Units and measure words a figure carries, longest first. */
export const UNITS = [
  "平方公里", "平方千米", "平方英里", "平方米", "立方米", "公顷", "英亩", "亩", "千米", "公里", "公尺", "公分", "厘米", "毫米", "米", "英里", "英尺", "海里", "光年",
  "千克", "公斤", "公吨", "吨", "公克", "克", "毫升", "公升", "亿元", "万元", "美元", "欧元", "英镑", "日元", "港元", "加元", "澳元", "韩元", "元",
  "新台币", "台币", "人民币", "港币", "美金", "卢布", "块",
  "摄氏度", "度", "千瓦时", "千瓦", "兆瓦", "瓦", "赫兹", "分钟", "小时", "秒", "周年", "年", "个百分点", "百分点", "个月", "月", "日", "天", "周", "岁",
  "%", "％", "倍", "成", "家", "个", "户", "人次", "人", "名", "位", "项", "场", "所", "份", "套", "座", "条", "种",
  "部", "本", "届", "次", "台", "辆", "架次", "架", "艘", "枚", "支", "队", "首", "张", "篇", "间", "层", "级", "期", "批", "集", "章", "卷",
  "颗", "席", "株", "棵", "匹", "只", "册", "幅", "栋", "幢", "例", "宗", "笔", "件", "处", "轮", "标准箱",
] as const;

/** Units of money (a unit ending in 元 or 币 is one too: 亿元, 美元, 新台币). */
const MONEY = ["元", "币", "英镑", "卢布", "美金", "块"];
/**
 * What the figure of a measured noun is given in: a question that asks the figure of 成交额, 面积 or 增幅 without
 * naming a unit wants an amount of money, an area or a share, not the sentence's other figures (交易额的10% is a
 * share of the amount, not the amount). The first whose noun ends the text before the question word.
 */
export const MEASURES: readonly { nouns: RegExp; units: readonly string[] }[] = [
  { nouns: /(?:(?<![功频速])率|比例|比重|占比|份额|百分比|增幅|涨幅|降幅|增速|增长|下降|提高|降低|上涨|下跌)$/u, units: ["%", "个百分点", "百分点", "成", "倍"] },
  { nouns: /(?:额|钱|资金|经费|投资|收入|营收|产值|增加值|生产总值|税收|利润|价格|房价|租金|工资|薪酬|预算|市值)$/u, units: MONEY },
  { nouns: /(?:面积|占地|用地|耕地)$/u, units: ["平方公里", "平方千米", "平方英里", "平方米", "公顷", "英亩", "亩"] },
  { nouns: /(?:长度|全长|总长|高度|海拔|深度|距离|宽度|身高|里程|直径|半径|周长)$/u, units: ["千米", "公里", "公尺", "公分", "厘米", "毫米", "米", "英里", "英尺", "海里", "光年"] },
  { nouns: /(?:重量|体重)$/u, units: ["千克", "公斤", "公吨", "吨", "公克", "克", "磅"] },
  { nouns: /(?:年龄|岁数)$/u, units: ["岁"] },
  { nouns: /(?:温度|气温|水温)$/u, units: ["摄氏度", "度"] },
];

const UNIT_ALT = UNITS.join("|");
/** Digits written with Han numerals. */
export const HAN_DIGITS = "零〇一二两三四五六七八九十百千万亿";
/** Magnitudes written after a number. */
const MAGNITUDE = "[万亿千百]";

/**
 * A figure: a number (Arabic or Han), an optional magnitude, an optional 余/多 and a unit.
 * Groups: 1 number, 2 unit.
 *
 * @example "150万平方米".match(FIGURE)
 */
export const FIGURE = new RegExp(
  `(\\d+(?:[.,]\\d+)*|[${HAN_DIGITS}]{1,8})\\s*(?:${MAGNITUDE})?\\s*[余多几]?\\s*(${UNIT_ALT})?`,
  "gu",
);

/** A number followed by a unit (or %): what a figure question's answer holds. A lone 一 is not one (一部分, 一家). */
export const FIGURE_WITH_UNIT = new RegExp(
  `(?:\\d+(?:[.,]\\d+)*|[${HAN_DIGITS}]{2,8}|[${HAN_DIGITS.replace("一", "")}])\\s*(?:${MAGNITUDE})?\\s*[余多]?\\s*(?:${UNIT_ALT})`,
  "u",
);

/** A word of Han characters only (not a 《title》 with its marks, nor one with digits or letters). */
export const HAN_WORD = /^\p{Script=Han}+$/u;

/** Units written two ways for one measure: a figure in either answers a question naming one (几日 → 7天). */
const SAME_UNITS: readonly (readonly string[])[] = [["天", "日"], ["公里", "千米"], ["公斤", "千克"], ["个百分点", "百分点"]];

/** The unit and those that measure the same (`SAME_UNITS`). */
export const sameUnits = (unit: string): readonly string[] => SAME_UNITS.find((u) => u.includes(unit)) ?? [unit];

/** The unit a question asks a figure in: 多少家 → 家, 多少万元 → 元. */
export const ASKED_UNIT = new RegExp(`(?:多少|几)\\s*(?:${MAGNITUDE})?\\s*(${UNIT_ALT})`, "u");

/** A date or time span: 2016年5月11日, 3月17日, 去年底, 1990年代. */
export const DATE = /(?:公元前?)?\d{1,4}\s*年(?:代)?(?:\d{1,2}\s*月)?(?:\d{1,2}\s*[日号])?|\d{1,2}\s*月(?:\d{1,2}\s*[日号])?|\d{1,2}\s*[日号]|[一二三四五六七八九十〇零]{2,4}年|(?:去|今|明|前)年(?:底|初|末)?|年[底初末]|\d+\s*(?:世纪|年代)|[上中下]旬|春节|近日|日前|目前/u;

/** A question's words as the question words above are written: 甚么 (Traditional 甚麼, folded) is 什么. */
export const questionForm = (norm: string): string => (norm.includes("甚么") ? norm.replace(/甚么/gu, "什么") : norm);

/** A question that asks a century (哪一世纪, 什么世纪): not what part of it. */
export const ASKS_CENTURY = /(?:哪一?个?|什么|何)世纪/u;

/** A question that asks a year (哪一年, 何年, 什么年份, 西元几年), not a day, a decade or a span of time (几年). */
export const ASKS_YEAR = /(?:哪一?|何)年(?!代)|(?:什么|哪个|哪一个)年份|(?:公元|西元)前?几年|\b(?:which|what) year\b/iu;
/** A question that asks a day (哪天, 哪一天, 几号, 几月几日). */
export const ASKS_DAY = /哪一?天|几号|几月几日/u;

/** What states a goal or plan (到2027年…, 力争…, 目标是…) rather than what is so. */
export const STATES_GOAL = /到\s*\d{4}\s*年|力争|目标|预计|争取|计划到/u;
/** What states a rule (按…给予补贴, 最高奖励…): what will be paid or done when, not what was. */
export const STATES_RULE = /给予|予以|按.{1,12}(?:补贴|奖励|补助)|最高(?:补贴|奖励|补助|支持)/u;
/** What states (or, in a question, asks) what is so now or was so: 目前, 已经, 截至, 去年. */
export const STATES_NOW = /目前|现在|现有|已经|已建成|截至|截止|至今|迄今|去年|上年/u;
/** A year written as a date writes it (2024年, 公元前221年, 二〇二四年), not a count of years (3年). */
export const WRITTEN_YEAR = /(?:公元前?)?\d{3,4}\s*年|[〇零一二三四五六七八九十]{2,4}年/u;
/** A day of a month as a date writes it (1日, 15号). */
export const WRITTEN_DAY = /\d{1,2}\s*[日号]/u;

/** A year as a text writes it (2016年, 民国38年, 嘉靖七年, 去年): a date without one (1月11日, 同年12月) does not say which year. */
export const YEAR = /\d{1,4}\s*年(?!代)|[元〇零一二三四五六七八九十廿]{1,4}年|(?:去|今|明|前)年|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}/u;

/** What links the two ends of a range of figures or dates (400米至1,700米, 3-4厘米, 1959年到1961年). */
export const RANGE_LINK = /(?:至|到|-|–|—|~|～)/u;
/** Words that qualify a figure and belong to it as an answer (超过1800个, 约55米). */
export const FIGURE_QUALIFIER = /(?:大约|约|超过|逾|近|将近|多达|高达|不到|不足|至少|最多|达)/u;
/** What may follow a date and belongs to it (14世纪末, 1990年代初, 1962年左右, 2026年底). */
export const DATE_SUFFIX = /(?:末|初|底|中叶|中期|后期|前期|晚期|早期|左右)/u;
/** A year of an era glossed with the common era's (正德五年（1510年）, 永禄5年 (1562年), 民国38年(1949年)): one date. */
export const GLOSSED_YEAR = /\p{Script=Han}{2}[元〇零一二三四五六七八九十廿百\d]{1,4}年\s*\(\s*(?:公元前?)?\d{1,4}\s*年\s*\)/u;
/** The mark between the parts of a transcribed name (亨利·迪克特·怀特). */
export const NAME_JOINER = /[·•‧・]/u;

/** Words that open a clause by linking it to what went before (但, 由于, 随着): rarely part of an answer. */
export const LEADING_CONNECTIVE = /^(?:但是|但|而且|而|由于|因此|所以|此后|其后|之后|随着|如果|并且|并|然而|另外|此外|同时|后来|于是|甚至|不过|即)/u;
/** What may close a phrase to place it in time or space (…时, …之后, …以上): rarely part of an answer. */
export const TRAILING_POSTPOSITION = /(?:之时|时候|时|之中|中|之后|以后|后|之前|以前|前|以上|以下|期间|上|里|内|间)$/u;

/** Pronouns and demonstratives that point back to the conversation's subject. */
export const ANAPHORA = /它们|它|其|该|这个|那个|这家|那家|这里|那里|这儿|那儿|此|他们|他|她/u;
/** Words that contain an anaphor's character without pointing back. */
export const NOT_ANAPHORA = /其他|其中|其实|其余|其后|尤其|此外|因此|如此|从此|此时|该区/gu;
/** A sentence that points back to the one before it. */
export const REFERS_BACK = /这里|这儿|此处|该|其|这一|这个|他|她|它/u;

/** Asks about the article itself (when it was published), not its content. */
export const ABOUT_ARTICLE =
  /(文章|报道|新闻|消息|这篇|本文|那篇).{0,6}(什么时候|何时|哪天|哪一天|日期|哪年)|(什么时候|何时|哪天|哪一天)(?:对外|正式|公开)?(发表|发布|刊登|刊发|报道)|(发表|发布|刊登|刊发|报道).{0,4}(什么时候|何时|哪天|日期)/u;
/** What else is published (政策, 《方案》): 「方案是哪天发布的？」 asks when the policy was, not the article. */
export const PUBLISHED_OTHER = /政策|方案|措施|办法|意见|计划|规划|通知|条例|规定|文件|《/u;

/** Function words and question words: they say what is asked, not what about. */
export const STOPWORDS = new Set(
  ("的 了 是 在 有 和 与 及 等 将 把 被 对 为 也 都 就 又 还 吗 呢 吧 啊 呀 么 个 之 其 这 那 这个 那个 这些 那些 它 它们 他 她 他们 " +
    "我 我们 你 你们 请问 请 一下 告诉 告诉我 想 知道 多少 几 几个 什么 哪些 哪个 哪 谁 怎么 怎样 如何 为什么 什么样 多大 多久 " +
    "哪里 哪儿 哪年 何时 时候 什么时候 是否 是不是 有没有 有何 是什么 可以 能 会 要 到 从 由 于 以 而 并 或 中 上 下 里 " +
    "the a an of to in on for and or is are was were be been what which who when where how much many does do did with by about").split(" "),
);

/** A word (as jieba cuts a question) that asks: 哪一年, 甚么 (甚麼), 何处, 为何, 几种, 多长; not 几乎, 任何. */
export const ASKING_WORD = /^(?:哪|什么|甚么|几(?!乎|何)|多少|谁|为何|何(?:年|时|处|地|种|人|者|故|以)|多[久长大高远重宽深])/u;

/** Phrases that only ask; removed before bigrams so 「多少」 does not match every figure. */
export const QUESTION_PHRASES = /多少|什么时候|什么|哪些|哪个|哪里|为什么|怎么样|怎么|怎样|如何|是否|有没有|请问|吗|呢|谁/gu;

/** Nouns that only frame a question (什么名字, 什么地方, 多长时间): never what it is about. */
export const FRAME_NOUNS = new Set(["单位", "名字", "名称", "地方", "时间", "时候", "方面", "内容", "情况", "东西", "类型", "种类", "主题", "样子", "意思", "程度", "问题", "钱", "全称", "简称", "目标"]);

/** How names of organisations and people's titles end in Chinese (公司, 大学, 委员会; 先生, 主任). */
/** Offices people hold (书记, 主任, 局长…): they end names of people's titles and are what 「…的主任是谁」 asks. */
const OFFICES = "书记|主任|局长|处长|科长|部长|厅长|市长|区长|县长|省长|镇长|乡长|主席|总裁|总经理|经理|董事长|院长|校长|行长|会长|秘书长|社长|所长|署长|司长";
export const NAME_ENDINGS = new RegExp(`公司|集团|股份|大学|学院|学校|学会|协会|联盟|委员会|政府|部门|机构|中心|研究所|研究院|银行|医院|基金会|[部局厅署办处院所社会]$|先生|女士|负责人|${OFFICES}`, "u");

/**
 * A full date as documents write it (年月日, Chinese numerals, ISO, slashes): a news lead's date, a policy's dates.
 * Partial dates (4月1日) are none.
 */
export const FULL_DATE = /(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)/u;

/** How the names of offices end (主任, 局长, 书记): the one a question asks about must be the one the answer names (负责人, whoever heads it, is none). */
export const OFFICE = new RegExp(`(?:${OFFICES})$`, "u");

/** What ends an organisation's name before an office (财政局, 发展和改革委员会, 发改委). */
const ORGANISATION_END = "局|厅|委员会|委|会|办公室|办|署|中心|集团|公司|银行";
/** The organisation a question names right before an office (成都市财政局 of 成都市财政局局长): group 1. */
const ORGANISATION_BEFORE_OFFICE = new RegExp(`(\\p{Script=Han}{2,16}?(?:${ORGANISATION_END}))副?(?:${OFFICES})`, "u");
/** A place name that opens an organisation's name (成都市, 崂山区, 四川省): an article may leave it out. */
const PLACE_PREFIX = /^\p{Script=Han}{0,6}[省市区县]/u;
/** An office, with its deputy, wherever a text names one. */
const OFFICE_IN_TEXT = new RegExp(`副?(?:${OFFICES})`, "gu");
/** Ends like an organisation's name. */
const ORGANISATION_ENDS = new RegExp(`(?:${ORGANISATION_END})$`, "u");
/**
 * A word that ends an organisation's name whatever jieba tags it (办公厅, 更新局, 研究院): the endings above less those
 * that end common words too (社会, 机会, 举办), and those of schools, institutes and hospitals.
 */
export const ORGANISATION_WORD = /(?:局|厅|委员会|协会|委|办公室|署|中心|集团|公司|银行|大学|学院|研究院|研究所|医院)$/u;

/**
 * The organisation whose office a (normalised) question asks about, without its place (财政局 of 成都市财政局局长是谁);
 * undefined when it names none right before the office.
 */
export function officeOrganisation(question: string): string | undefined {
  // What the question says before the organisation ends with its last 的 (出席发布会的|苏州市工信局).
  const org = ORGANISATION_BEFORE_OFFICE.exec(question)?.[1]?.replace(/^.*的/u, "");
  // 该公司, 这个委员会, 哪个局: which one is said elsewhere.
  if (!org || !ORGANISATION_ENDS.test(org) || /^[该这那本此其哪]/u.test(org)) return undefined;
  const rest = org.replace(PLACE_PREFIX, "");
  return rest.length >= 2 ? rest : org;
}

/** Whether the characters of `short` stand in `long` in the same order (交通局 in 交通运输局, 发改委 in 发展和改革委员会). */
const shortens = (short: string, long: string): boolean => {
  let at = 0;
  for (const ch of long) if (ch === short[at]) at++;
  return at === short.length;
};

/**
 * Whether a (normalised) text names an office of this organisation: right before an office, the organisation
 * whole, or shortened either way (交通局 and 交通运输局; 发改委 and 发展和改革委员会).
 */
export function namesOrganisation(text: string, organisation: string): boolean {
  for (const m of text.matchAll(OFFICE_IN_TEXT)) {
    // Within the office's clause.
    const before = text.slice(Math.max(0, m.index! - 16), m.index!).replace(/^.*[\p{P}\s]/su, "");
    if (shortens(organisation, before)) return true;
    // The organisation the text names there, after its place.
    const named = before.replace(PLACE_PREFIX, "");
    if (named.length >= 2 && ORGANISATION_ENDS.test(named) && shortens(named, organisation)) return true;
  }
  return false;
}

/** A prefix that makes another office or thing of a word: the 副局长 is not the 局长, a 副产品 not the 产品. */
export const DEPUTY = "副";

/**
 * Where `word` stands in `text` from `from` on as itself, not as the tail of 副+word (`DEPUTY`); -1: nowhere.
 *
 * @example wordAt("副局长周晓梅", "局长") // -1
 */
export function wordAt(text: string, word: string, from = 0): number {
  let at = text.indexOf(word, from);
  if (word.startsWith(DEPUTY)) return at;
  while (at > 0 && text[at - 1] === DEPUTY) at = text.indexOf(word, at + 1);
  return at;
}

/** Filler between a question's words and its question word (…是多少, …有多大): skipped when aligning. */
export const FILLER_END = /(?:是|为|有|达|约|大约|将|会|在|了|的|到|达到)+$/u;
export const FILLER_START = /^(?:是|为|有|的|了)+/u;

/** How the name of a place ends (长崎县, 基隆港, 淮海中路, 芙蓉洞): with no dictionary entry, such a word still names one. */
export const PLACE_ENDING = /[省市县区州盟旗镇乡村港湾岛屿山峰河江湖海路街道洞谷峡关城]$/u;

/** Words jieba tags as places that name no particular place (城市, 东西 "things", 境内): never a question's subject. */
export const GENERIC_PLACES = new Set(["城市", "都市", "东西", "地区", "国家", "地方", "境内", "当地", "各地", "全国", "世界", "国内", "国外", "海外", "本地", "外地", "邦联", "首都"]);

/** An unknown word (jieba's x) that reads as a verb: a modal before it (能贷, 可领) or an aspect mark after it (办过). */
export const VERB_LIKE = /^[能可会要应该得]|[过了着]$/u;

/** Jieba tag classes. */
export const TAGS = {
  /** Nouns and noun-like words that can stand for a thing asked about. */
  noun: /^(n|nr|ns|nt|nz|nrfg|nrt|j|vn|eng|x|l|i)$/u,
  person: /^(nr|nrfg|nrt)$/u,
  place: /^(ns|s)$/u,
  /** A named place (深圳, 合肥), not a place word (境内, 文中). */
  namedPlace: /^ns$/u,
  org: /^nt$/u,
  proper: /^(nr|nrfg|nrt|ns|nt|nz)$/u,
  /** A person's, place's or organisation's name (多伦多), not another proper noun (a title jieba tags nz). */
  name: /^(nr|nrfg|nrt|ns|nt)$/u,
  numeral: /^(m|mq)$/u,
  quantifier: /^q$/u,
  time: /^(t|tg)$/u,
  /** Words that may sit inside a noun phrase before its head. */
  modifier: /^(a|an|b|ag|f|m|q|mq|n|nr|ns|nt|nz|nrfg|nrt|vn|j|eng|x|l|s)$/u,
  /** Function words: adverbs, pronouns, conjunctions, prepositions, particles, interjections (大概, 这次, 如果, 自己). */
  function: /^(d|r|rr|rz|c|p|u|uj|ul|uz|ud|ug|uv|y|e|o)$/u,
} as const;
