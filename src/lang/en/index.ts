/**
 * English, written once: how an English question asks (its question phrase and the Chinese question word
 * that asks the same), and the function words that carry no topic. Nothing here is drawn from one article:
 * the Chinese words a question's topic is searched with come from the dictionary and the corpus.
 */

/**
 * Question phrases, longest first, each with the Chinese question word that asks the same: the Chinese
 * pipeline reads the kind of answer (a figure, a date, a name, a list) from it. `N` stands for the noun
 * the phrase asks about ("how many N", "which N").
 */
export const QUESTION_PHRASES: readonly (readonly [RegExp, string])[] = [
  [/^(?:in )?what year\b|^(?:on |at )?what (?:date|day|time)\b|^since when\b|^when\b|^by when\b/iu, "什么时候"],
  [/^how long\b/iu, "多长时间"],
  // "how much does it cost / do they get / is the subsidy": how much money (多少钱), as a noun after "much" would say otherwise.
  [/^how much money\b|^how much (?=(?:do|does|did|is|are|was|were|will|would|can|could)\b)/iu, "多少钱"],
  // "how many people": a count of persons (多少人), not of 人民.
  [/^how many (?:people|persons)\b/iu, "多少人"],
  [/^(?:by |to )?how (?:many|much)(?: money\b)?|^what (?:percentage|percent|proportion|share|number|amount|sum)\b|^how (?:large|big|high|far|old|wide|tall)\b/iu, "多少"],
  // "what is the maximum subsidy", "what was the added value": a figure, the noun still read.
  [/^what (?:is|was|are|were|will be) the (?=(?:maximum|minimum|max|total|amount|number|size|value|added value|level|rate|ratio|proportion|percentage|share|scale|area|budget|cost|price|sum)\b)/iu, "多少"],
  [/^(?:to |by |for |from |with )?who(?:m|se)?\b/iu, "谁"],
  [/^where\b|^(?:in )?which (?:place|city|district|province|county|country|area)\b/iu, "哪里"],
  [/^which\b(?= \w+s\b)|^what (?:are|were)\b|^list\b|^name\b/iu, "哪些"],
  [/^which\b/iu, "哪个"],
  [/^why\b/iu, "为什么"],
  [/^how\b/iu, "如何"],
  [/^what\b/iu, "什么"],
];

/** Function words: no Chinese word is looked up for them. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the of in on at to for by with from into onto about as and or but nor so than then that this these those there here " +
    "is are was were be been being am do does did done doing have has had having will would shall should can could may might must " +
    "it its it's they them their theirs he him his she her hers we us our you your i me my what which who whom whose when where why how " +
    "many much any some each every all both either neither no not very more most such own same other also just only still yet ever " +
    "please tell know according article articles report say says said mention mentioned"
  ).split(" "),
);

/** Measure nouns after a number, as Chinese writes them after its digits: "three years" → 3年, "500 tonnes" → 500吨. */
export const MEASURE_WORDS: ReadonlyMap<string, string> = new Map([
  ...["year", "years"].map((w) => [w, "年"] as const),
  ...["month", "months"].map((w) => [w, "个月"] as const),
  ...["week", "weeks"].map((w) => [w, "周"] as const),
  ...["day", "days"].map((w) => [w, "天"] as const),
  ...["people", "persons", "person"].map((w) => [w, "人"] as const),
  ...["percent"].map((w) => [w, "%"] as const),
  ...["yuan", "rmb"].map((w) => [w, "元"] as const),
  ...["tons", "tonnes", "ton", "tonne"].map((w) => [w, "吨"] as const),
  ...["kilometers", "kilometres", "km"].map((w) => [w, "公里"] as const),
  ...["meters", "metres", "meter", "metre"].map((w) => [w, "米"] as const),
  ...["hectares", "hectare"].map((w) => [w, "公顷"] as const),
  ...["mu"].map((w) => [w, "亩"] as const),
]);

/** Words that Chinese writes as a prefix of the next word: a deputy director is a 副主任, a vice mayor a 副市长. */
export const PREFIX_WORDS: ReadonlyMap<string, string> = new Map([["deputy", "副"], ["vice", "副"]]);

/** English number words, as digits carry over: "five" → 5. */
export const NUMBER_WORDS: ReadonlyMap<string, string> = new Map(
  "zero one two three four five six seven eight nine ten eleven twelve".split(" ").map((w, i) => [w, String(i)]),
);
