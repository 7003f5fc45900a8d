// Written by `npm run make:hant` (scripts/make-hant.ts) from src/messages/zh.ts with opencc-js (cn → tw); do not edit by hand.
import { chineseDate, type Messages } from "./zh.js";

/** Every user-facing word in Chinese, Traditional script: for questions written in it and clients set to it. */
export const zhHant: Messages = {
  // answers
  notFound: "抱歉，資料中沒有找到與這個問題相關的內容。下面是最接近的段落：",
  needsModel:
    "目前使用的是離線檢索模式，資料中沒有這個英文問題裡的詞，請用中文提問。\nThis assistant answers in offline mode and found none of this question's words in the articles; please ask in Chinese.",
  empty: "請輸入一個問題，例如：「嶗山眾創空間總面積將達到多少？」",
  noText: "沒有看懂這個問題：請用文字提問，例如：「嶗山區成立了什麼機構？」",
  tooLong: (max: number) => `問題太長了（超過 ${max} 字），請精簡後再問。`,
  unknownCommand: (cmd: string) => `不認識的命令 ${cmd}。發送 /help 查看可用命令。`,
  unknownSource: (id: string) => `找不到段落 ${id}。段落編號形如「文章編號#段落號」，可以在回答的出處裡看到。`,
  sourceUsage: "用法：/source <段落編號>，例如 /source 000_4f5b4b3408eff9cd#3",
  noPolicies: "資料中沒有提到政策文件。",
  policiesIntro: (n: number) => `資料中提到的政策文件共 ${n} 份：`,
  policiesMatching: (n: number, words: string) => `資料中與「${words}」有關的政策文件共 ${n} 份：`,
  noPoliciesMatching: (words: string) => `資料中沒有與「${words}」有關的政策文件。發送 /policies 查看全部。`,
  policyUsage: "用法：/policy <政策名稱或簡稱>，例如 /policy 實施辦法。發送 /policies 查看全部政策文件。",
  unknownPolicy: (name: string) => `資料中沒有找到名為「${name}」的政策文件。發送 /policies 查看全部。`,
  policyAliases: (names: string) => `簡稱${names}`,
  policyFacts: { issuer: "發文機關", number: "文號", issued: "印發日期", effective: "施行日期", expires: "有效期至" },
  policyDate: (iso: string) => chineseDate(iso),
  policyMentions: (n: number) => `資料中 ${n} 個段落提到它（見出處）。`,
  policyTitle: (title: string, alias?: string) => (alias ? `《${alias}》的全稱是《${title}》。` : `全稱是《${title}》。`),
  policyAlias: (title: string, aliases: string[]) => `《${title}》簡稱${aliases.map((a) => `《${a}》`).join("、")}。`,
  policyFact: {
    issuer: (title: string, v: string) => `《${title}》由${v}印發。`,
    number: (title: string, v: string) => `《${title}》的文號是${v}。`,
    issued: (title: string, v: string) => `《${title}》於${v}印發。`,
    effective: (title: string, v: string) => `《${title}》自${v}起施行。`,
    expires: (title: string, v: string) => `《${title}》有效期至${v}。`,
  },
  reset: "好的，已清空本次對話的上下文。",
  noDocuments: "資料庫是空的：請把文章（.txt、.md、.html、.pdf 或 .docx）放進 seeds/ 文件夾後重啟。",
  undated: (title: string) => `《${title}》沒有註明發表日期。`,
  published: (title: string, date: string) => `《${title}》發表於${chineseDate(date)}。`,
  whichArticle: (n: number) => `資料中有 ${n} 篇文章，請說明是哪一篇。各篇的發表日期：`,
  // help / about
  help: [
    "我可以回答關於以下資料的問題，並註明出處：",
    "直接發送問題即可，例如下面的問題。命令：",
    "/ask <問題> 提問 · /policies 政策文件列表 · /policy <名稱> 一份政策的詳情 · /source <編號> 查看原文段落 · /about 資料與索引信息 · /reset 清空對話",
  ],
  moreDocuments: (n: number) => `……另有 ${n} 篇`,
  about: (docs: number, newest: string, retrieval: string) =>
    `資料：${docs} 篇文章${newest ? `，最新一篇發表於 ${newest}` : ""}。\n檢索方式：${retrieval}`,
  retrievalOffline: "離線檢索（按字詞匹配，不需要模型）",
  retrievalModel: (model: string) => `語義檢索模型 ${model}`,
  aboutModel: (model: string) => `回答模型：${model}（回答中的每個數字和文件名稱都先與出處核對）`,
  modelRejected: "（模型的回答未能與出處核對一致，以下為摘錄的回答）",
  // citations, as front ends render them
  source: "出處",
  paragraph: (n: number) => `第${n}段`,
  showSource: "查看原文",
  nextPart: (n: number, of: number) => `下一部分（${n}/${of}）`,
  followUps: "你還可以問：",
  // front ends
  rateLimited: (seconds: number) => `提問太頻繁了，請 ${seconds} 秒後再試。`,
  nonText: "我只能讀文字消息：請用文字提問，或發送 /help。",
  error: "抱歉，處理時出了點問題，請稍後再試。",
  buttonExpired: "這個按鈕已失效，請直接發送問題。",
  feedbackThanks: "謝謝反饋！",
  feedbackAlready: "你已經評價過這個回答了。",
  /** One line per command, for a platform's command menu. */
  commands: {
    start: "開始使用與示例問題",
    help: "使用說明",
    ask: "提問，例如 /ask 嶗山眾創空間總面積將達到多少？",
    policies: "資料中提到的政策文件，可加關鍵詞篩選，例如 /policies 創客",
    policy: "一份政策文件的發文機關、文號、日期與出處，例如 /policy 若干政策",
    source: "查看原文段落，例如 /source 000_4f5b4b3408eff9cd#3",
    reset: "清空對話上下文",
    about: "資料與索引信息",
  },
  consoleIntro: "輸入問題並回車；/help 查看命令，/quit 退出。",
  botsHint:
    "在 .env 中設置 TELEGRAM_BOT_TOKEN 或 DISCORD_TOKEN 即可啟用 Telegram / Discord 機器人（見 README）。",
  // Discord: footer naming the corpus; slash command names (lowercase, ≤32) and option descriptions (≤100)
  corpus: "資料庫：中國政策新聞",
  slashNames: { ask: "提問", question: "問題", policies: "政策文件", filter: "關鍵詞", policy: "政策詳情", name: "名稱", source: "原文", id: "編號", about: "關於", reset: "重置", help: "幫助" },
  slashOptions: {
    question: "你的問題，例如：嶗山眾創空間總面積將達到多少？",
    id: "段落編號，形如「文章編號#段落號」；可輸入文字搜索",
    filter: "只列出名稱中含有這個詞的政策，例如：創客",
    name: "政策名稱或簡稱，例如：若干政策",
  },
};
