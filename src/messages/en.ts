import type { Messages } from "./zh.js";

/** Every user-facing word in English, key for key with `zh.ts`. */
export const en: Messages = {
  notFound: "Sorry, the articles say nothing about this. The nearest passages are:",
  needsModel:
    "English questions need the multilingual model (run `npm run model:fetch`); please ask in Chinese for now.\n目前使用的是离线检索模式，只能回答中文问题；回答英文问题需要多语言模型（运行 npm run model:fetch）。",
  empty: "Please type a question, e.g. 「崂山众创空间总面积将达到多少？」",
  noText: "I could not read a question there: please ask in words, e.g. 「崂山区成立了什么机构？」",
  tooLong: (max: number) => `That question is too long (over ${max} characters); please shorten it.`,
  unknownCommand: (cmd: string) => `Unknown command ${cmd}. Send /help for the list.`,
  unknownSource: (id: string) => `No passage ${id}. Passage ids look like "article#paragraph", as shown in each citation.`,
  sourceUsage: "Usage: /source <passage id>, e.g. /source 000_4f5b4b3408eff9cd#3",
  noPolicies: "The articles name no policy documents.",
  policiesIntro: (n: number) => `The articles name ${n} policy documents:`,
  reset: "Done: this conversation's context is cleared.",
  noDocuments: "The library is empty: put articles (.txt or .md) into seeds/ and restart.",
  published: (title: string, date: string) => `"${title}" was published on ${date}.`,
  help: [
    "I answer questions about these articles, citing my sources:",
    "Just send a question, such as the ones below. Commands:",
    "/ask <question> · /policies policy documents · /source <id> full passage · /about library and index · /reset clear the conversation",
  ],
  moreDocuments: (n: number) => `…and ${n} more`,
  about: (docs: number, passages: number, embedder: string, indexedAt: string) =>
    `Library: ${docs} articles, ${passages} passages.\nEmbedder: ${embedder}\nIndex built: ${indexedAt}`,
  source: "Source",
  paragraph: (n: number) => `paragraph ${n}`,
  showSource: "Full passage",
  nextPart: (n: number, of: number) => `Next part (${n}/${of})`,
  followUps: "You could also ask:",
  rateLimited: (seconds: number) => `Too many questions; please try again in ${seconds} s.`,
  nonText: "I can only read text: please ask in words, or send /help.",
  error: "Sorry, something went wrong; please try again later.",
  buttonExpired: "This button has expired; please send the question as a message.",
  commands: {
    start: "Get started, with example questions",
    help: "How to use this bot",
    ask: "Ask a question, e.g. /ask 崂山众创空间总面积将达到多少？",
    policies: "Policy documents the articles name",
    source: "Show a full passage, e.g. /source 000_4f5b4b3408eff9cd#3",
    reset: "Clear this conversation",
    about: "Library and index",
  },
  consoleIntro: "Type a question and press Enter; /help for commands, /quit to leave.",
  botsHint: "Set TELEGRAM_BOT_TOKEN or DISCORD_TOKEN in .env to start the Telegram / Discord bots (see README).",
  corpus: "Library: Chinese policy news",
  slashNames: { ask: "ask", question: "question", policies: "policies", source: "source", id: "id", about: "about", reset: "reset", help: "help" },
  slashOptions: {
    question: "Your question, e.g. 崂山众创空间总面积将达到多少？",
    id: "Passage id like article#paragraph; type words to search",
  },
};
