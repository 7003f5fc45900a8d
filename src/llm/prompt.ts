import type { Document, Passage } from "../corpus/corpus.js";
import type { Lang } from "../types.js";
import type { ChatMessage } from "./generator.js";

/** One earlier exchange of the conversation, as the model sees it. */
export interface Turn {
  question: string;
  answer: string;
}

/** The languages a model is prompted in (a Traditional question is prompted in Chinese as it is written). */
type PromptLang = Exclude<Lang, "zh-Hant">;

const SYSTEM: Record<PromptLang, string> = {
  zh: [
    "你是政策新闻问答助手。只能根据用户给出的资料段落回答，不得使用段落以外的知识。",
    "用中文简短回答（一到三句）。",
    "每句话后用方括号标出它所依据的段落编号，编号必须与资料中的完全一致，例如 [000_4f5b4b3408eff9cd#3]；多个编号用逗号分隔。",
    "数字、金额、面积、百分比、年份和《》中的文件名称必须照抄段落原文，不得换算或推测。",
    "如果段落中没有答案，只回答：资料中没有找到答案。",
  ].join("\n"),
  en: [
    "You answer questions about Chinese policy news, only from the passages the user gives; use no other knowledge.",
    "Answer in English, briefly (one to three sentences). The passages are in Chinese.",
    "After each sentence, put the ids of the passages it rests on in square brackets, exactly as given, e.g. [000_4f5b4b3408eff9cd#3]; separate several ids with commas.",
    "State every number, amount, area, percentage and year exactly as the passage does (亿 = hundred million, 万 = ten thousand); never estimate. Keep document titles in 《》 as written.",
    "If the passages do not answer the question, say only: The documents do not say.",
  ].join("\n"),
};

const REWRITE =
  "Translate the user's question into one short Chinese question for searching Chinese policy news. " +
  "Keep names, numbers and years. Reply with the Chinese question only, nothing else.";

/**
 * The messages for a grounded answer: the rules, the last turns of the conversation, then the
 * passages (each with its id, article title and date) and the question.
 *
 * @example groundedMessages("崂山区每年拿出多少钱？", "zh", passages, documents, [])
 */
export function groundedMessages(question: string, lang: PromptLang, passages: Passage[], documents: Map<string, Document>, turns: Turn[]): ChatMessage[] {
  const sources = passages.map((p) => {
    const doc = documents.get(p.doc);
    const head = [`[${p.id}]`, doc ? `《${doc.title}》` : "", doc?.date ?? ""].filter(Boolean).join(" ");
    return `${head}\n${p.text}`;
  });
  const label = lang === "en" ? { passages: "Passages:", question: "Question:" } : { passages: "资料段落：", question: "问题：" };
  return [
    { role: "system", content: SYSTEM[lang] },
    ...turns.flatMap((t): ChatMessage[] => [
      { role: "user", content: t.question },
      { role: "assistant", content: t.answer },
    ]),
    { role: "user", content: `${label.passages}\n\n${sources.join("\n\n")}\n\n${label.question}${question}` },
  ];
}

/** The messages that turn an English question into a Chinese one for retrieval. */
export function rewriteMessages(question: string): ChatMessage[] {
  return [
    { role: "system", content: REWRITE },
    { role: "user", content: question },
  ];
}
