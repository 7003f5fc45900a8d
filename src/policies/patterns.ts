/**
 * How Chinese official documents and the news about them name a policy and state its facts: written
 * once, as knowledge of the language and of the conventions of 公文 (GB/T 9704), never words of one
 * article. Every pattern is tested in test/policies/patterns.test.ts.
 */

import { FULL_DATE } from "../lang/zh/index.js";

/**
 * The kinds of document a policy title ends with (文种), with an optional (试行)/(暂行)/(修订) after, or the years
 * it covers (三年行动计划（2024—2026年）).
 */
export const POLICY_KIND =
  /(?:实施办法|管理办法|暂行办法|办法|行动计划|计划|规划|规定|实施意见|指导意见|意见|实施方案|工作方案|方案|通知|条例|实施细则|细则|若干政策|若干措施|政策|决定|纲要|措施|标准|指引|指南|制度|规则|公告|通告|决议)(?:[（(](?:试行|暂行|修订|修订版|征求意见稿|(?:19|20)\d{2}\s*年?\s*(?:[—–\-~～至到]\s*(?:19|20)\d{2}\s*年?)?)[）)])?$/u;

/** A title in book-title marks: 《…》. Nested marks are not titles of their own. */
export const TITLE = /《([^《》]{2,80})》/gu;

/**
 * A short name defined right after a title: 《全称》（以下简称《简称》） and its variants (简称“…”,
 * 下称「…」, 以下称…), also after a document number in the same brackets (（…〔2016〕12号，以下简称…）).
 * Group 1: the full title; group 2: the short name.
 */
export const SHORT_NAME =
  /《([^《》]{2,80})》\s*[（(]\s*(?:[^（）()《》]{0,40}?[，,；;]\s*)?(?:以下|下文|下)?(?:简称|称)(?:为)?\s*[《“"「『]?([^《》“”"「」『』（）()]{2,20}?)[》”"」』]?\s*[）)]/gu;

/**
 * A document number (发文字号): issuer abbreviation, year in 〔〕 (or [] 【】 ()), serial, 号.
 * 崂政发〔2016〕12号, 国办发〔2015〕9号, 青人社规〔2021〕3号. The abbreviation holds no particle or
 * preposition, so 「根据崂政发〔2016〕12号」 gives 崂政发〔2016〕12号.
 */
export const DOC_NUMBER = /(?:(?![根依按据照和及与即的为是经由在件将])\p{Script=Han}){1,8}[〔［\[【(（]\s*(?:19|20)\d{2}\s*[〕］\]】)）]\s*第?\d{1,4}号/gu;

/** Endings of the names of bodies that issue policies: governments, their offices, bureaus, committees. */
const ISSUER_END =
  "(?:人民政府办公厅|人民政府办公室|人民政府|政府办公厅|政府办公室|政府|办公厅|办公室|委员会|管理委员会|管委会|总局|局|厅|部|署|委|院|中心|办事处|街道|区|市|省|县|自治区|自治州|党委|党组)";
/** Words between an issuer and the verb that say when or how, not who: 最新, 先后, 近日, 已… */
const MANNER = "(?:最新|最近|近日|日前|近期|先后|相继|正式|联合|已经|已|又|再次|还|今年|去年|年初|年底|春节前|此前|前不久|新|专门)*";
/** Particles and verbs an issuer's name never holds (和 and 与 it may: 人力资源和社会保障局). */
const PARTICLE = "[的了在由是将把向从对给据按被让]";
/** Verbs by which a body issues a document. */
const ISSUE_VERB = "(?:印发|出台|发布|颁布|制定|制订|下发|推出|公布)";

/** A news headline that someone issued a document: a name, then the verb (广州发布…, 合肥高新区出台…). */
export const NEWS_HEADLINE = new RegExp(`^\\p{Script=Han}{2,12}?(?:正式|近日|日前|今日|首次)?${ISSUE_VERB}`, "u");

/** `X关于印发《Y》的通知`: the notice by which body X issues Y. Group 1: X; group 2: Y. */
export const ISSUING_NOTICE = new RegExp(`^(.{2,40}?${ISSUER_END})关于(?:印发|发布|转发|颁布)《([^《》]{2,80})》的(?:通知|决定)`, "u");

/**
 * An issuer just before the verb and the title: 「崂山区先后出台了《…》」, 「市人社局印发的《…》」.
 * The issuer starts after the last punctuation or particle (的, 了, 在, 由…), so 「拿着刚发到手中的崂山区
 * 最新出台的《…》」 gives 崂山区. Group 1: the issuer; the title follows the match.
 */
export const ISSUED_BY = new RegExp(`(?:^|[^\\p{Script=Han}]|${PARTICLE})((?:(?!${PARTICLE})\\p{Script=Han}){1,24}?${ISSUER_END})${MANNER}${ISSUE_VERB}(?:了|的)?\\s*$`, "u");

/** The document a sentence of its own body means: 本办法, 本规定, 本意见, 本政策… */
export const SELF_REFERENCE = /本(?:实施)?(?:办法|规定|意见|方案|细则|政策|措施|条例|计划|规划|决定|通知|指引|标准)/u;
/** The document the previous sentences named: 该办法, 这一政策, 上述意见… */
export const BACK_REFERENCE = /(?:该|这一|这个|此项?|上述)(?:实施)?(?:办法|规定|意见|方案|细则|政策|措施|条例|计划|规划|决定|文件)/u;

/** A full date (`FULL_DATE`); partial dates (4月1日) are not facts. */
const DATE = FULL_DATE.source;
/** A date followed by words saying the document takes effect (自…起施行, …起实施, …生效). Group 1: the date. */
export const EFFECTIVE = new RegExp(String.raw`(${DATE})\s*(?:起)?\s*(?:正式)?(?:施行|实施|执行|生效)`, "u");
/** Words saying until when a document is valid (有效期至…, …废止, …失效). Group 1 or 2: the date. */
export const EXPIRES = new RegExp(String.raw`(?:有效期(?:至|到|截至|截止到?)|(?:执行|实施)(?:期限)?至|至)\s*(${DATE})|(${DATE})\s*(?:起)?(?:废止|失效)`, "u");
/** Words saying when a document was issued (…印发, 于…出台). Group 1: the date. */
export const ISSUED = new RegExp(String.raw`(${DATE})\s*(?:印发|发布|出台|颁布|下发|公布)`, "u");

/**
 * A date that opens a news sentence, before who issued what (「4月11日，广州市人民政府办公厅印发《…》」): the date of
 * the issue. Group 1: a year, if written; 2, 3: month and day.
 */
export const LEADING_DATE = /^\s*(?:((?:19|20)\d{2})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[，,]/u;

/** Words asking when. */
const WHEN = "(?:什么时候|何时|哪天|哪一天|几时|几号|哪年|什么时间|什么日期|日期|时间|从何时)";
const ISSUING = "(?:印发|发布|出台|颁布|下发|制定)";

/** Words of a question that ask about a fact of a policy, by fact. A verb alone is not enough: 「出台了哪些措施」 asks no date. */
export const ASKS = {
  effective: new RegExp(`${WHEN}.{0,6}(?:施行|实施|生效|执行)|(?:施行|实施|生效|执行).{0,3}(?:日期|时间)|(?:施行|实施|生效)了(?:吗|没有)`, "u"),
  expires: /有效期|到期|失效|截止|废止|有效到|什么时候结束|何时结束/u,
  issued: new RegExp(`${WHEN}.{0,6}${ISSUING}|${ISSUING}.{0,3}(?:日期|时间)|${ISSUING}于`, "u"),
  number: /文号|发文字号|字号|几号文/u,
  issuer: new RegExp(`(?:谁|哪个部门|哪个单位|哪家单位|什么部门|什么单位|什么机关|哪个机关|哪级政府|哪个政府).{0,6}(?:${ISSUING}|发的)|${ISSUING}(?:单位|机关|部门)|发文机关|发文单位|由谁|是谁`, "u"),
} as const;

/** Kinds of document whose name holds a verb a question may ask with (实施办法 holds 实施): not a question word. */
export const KIND_WITH_VERB = /实施(?:办法|意见|方案|细则)|执行(?:办法|标准)/gu;

/** A question asking which policies there are: 有哪些…政策, …的政策有什么, 列出…文件. */
export const ASKS_LIST = /(?:哪些|哪几[个项份部]|什么样?的?|几[个项份部]|有没有|列出|列举).{0,16}(?:政策|文件|办法|规定|措施|意见|方案|条例|细则)|(?:政策|文件|办法|规定|措施|意见|方案)(?:都)?有(?:哪些|什么|几[个项份])/u;

/** A policy the question points at with a demonstrative (这项安居政策, 该办法): one policy, not a list of them. */
export const ONE_POLICY = /(?:这|该|此|本)(?:项|个|一|份|部|次)?[^，,。？?]{0,6}?(?:政策|文件|办法|规定|措施|意见|方案|条例|细则)/u;

/** Words asking a document's short name (简称), and words asking its full one (全称). */
export const ASKS_ALIAS = /简称|缩写|简写/u;
export const ASKS_FULL = /全称|全名|正式名称|完整名称/u;
/** Words naming a kind of document without naming which one (文件, 方案, 新政, 二十条): a question about a policy. */
export const POLICY_WORD = /政策|新政|文件|办法|规定|措施|意见|方案|计划|规划|条例|细则|通知|[十\d]+条/u;
const DOCUMENT = POLICY_WORD.source;
/**
 * Words asking a document's full title: 全称, 正式名称, 文件名, or the document itself asked what it is called (政策叫什么,
 * 方案的名称是什么); not 局长叫什么.
 */
export const ASKS_TITLE = new RegExp(`全称|全名|正式名称|正式名字|完整名称|完整标题|文件名|(?:${DOCUMENT})的?(?:(?:名称|名字|标题)(?:是|叫)?|是|叫)(?:什么|啥)`, "u");
/** What a title question says besides what the policy is about. */
export const TITLE_WORDS = /简称|全称|全名|正式|完整|名称|名字|标题|文件名|叫|什么|啥|是|出台|发布|印发|这次|此次|这个|这份|该|新政/gu;

/** Words of a list question that say it is a list question, not what about: removed before filtering. */
export const LIST_WORDS = /有哪些|哪些|哪几[个项份部]|什么样?|几[个项份部]|有没有|列出|列举|资料|文章|中|里|提到|提及|相关|有关|关于|方面|的|了|吗|呢|政策文件|政策|文件|办法|规定|措施|意见|方案|条例|细则|[？?！!。，,、\s]/gu;
