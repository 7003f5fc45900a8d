/** An ISO date as Chinese writes it: 2016-05-11 → 2016年5月11日 (anything else as it is). */
export const chineseDate = (iso: string) => iso.replace(/^(\d{4})-0?(\d{1,2})-0?(\d{1,2})$/u, "$1年$2月$3日");

/** Every user-facing word in Chinese (Simplified). `en.ts` mirrors these keys; `zh-hant.ts` is written from these (`npm run make:hant`). */
export const zh = {
  // answers
  notFound: "抱歉，资料中没有找到与这个问题相关的内容。下面是最接近的段落：",
  needsModel:
    "目前使用的是离线检索模式，资料中没有这个英文问题里的词，请用中文提问。\nThis assistant answers in offline mode and found none of this question's words in the articles; please ask in Chinese.",
  empty: "请输入一个问题，例如：「崂山众创空间总面积将达到多少？」",
  noText: "没有看懂这个问题：请用文字提问，例如：「崂山区成立了什么机构？」",
  tooLong: (max: number) => `问题太长了（超过 ${max} 字），请精简后再问。`,
  unknownCommand: (cmd: string) => `不认识的命令 ${cmd}。发送 /help 查看可用命令。`,
  unknownSource: (id: string) => `找不到段落 ${id}。段落编号形如「文章编号#段落号」，可以在回答的出处里看到。`,
  sourceUsage: "用法：/source <段落编号>，例如 /source 000_4f5b4b3408eff9cd#3",
  noPolicies: "资料中没有提到政策文件。",
  policiesIntro: (n: number) => `资料中提到的政策文件共 ${n} 份：`,
  policiesMatching: (n: number, words: string) => `资料中与「${words}」有关的政策文件共 ${n} 份：`,
  noPoliciesMatching: (words: string) => `资料中没有与「${words}」有关的政策文件。发送 /policies 查看全部。`,
  policyUsage: "用法：/policy <政策名称或简称>，例如 /policy 实施办法。发送 /policies 查看全部政策文件。",
  unknownPolicy: (name: string) => `资料中没有找到名为「${name}」的政策文件。发送 /policies 查看全部。`,
  policyAliases: (names: string) => `简称${names}`,
  policyFacts: { issuer: "发文机关", number: "文号", issued: "印发日期", effective: "施行日期", expires: "有效期至" },
  policyDate: (iso: string) => chineseDate(iso),
  policyMentions: (n: number) => `资料中 ${n} 个段落提到它（见出处）。`,
  policyTitle: (title: string, alias?: string) => (alias ? `《${alias}》的全称是《${title}》。` : `全称是《${title}》。`),
  policyAlias: (title: string, aliases: string[]) => `《${title}》简称${aliases.map((a) => `《${a}》`).join("、")}。`,
  policyFact: {
    issuer: (title: string, v: string) => `《${title}》由${v}印发。`,
    number: (title: string, v: string) => `《${title}》的文号是${v}。`,
    issued: (title: string, v: string) => `《${title}》于${v}印发。`,
    effective: (title: string, v: string) => `《${title}》自${v}起施行。`,
    expires: (title: string, v: string) => `《${title}》有效期至${v}。`,
  },
  reset: "好的，已清空本次对话的上下文。",
  noDocuments: "资料库是空的：请把文章（.txt、.md、.html、.pdf 或 .docx）放进 seeds/ 文件夹后重启。",
  undated: (title: string) => `《${title}》没有注明发表日期。`,
  published: (title: string, date: string) => `《${title}》发表于${chineseDate(date)}。`,
  whichArticle: (n: number) => `资料中有 ${n} 篇文章，请说明是哪一篇。各篇的发表日期：`,
  // help / about
  help: [
    "我可以回答关于以下资料的问题，并注明出处：",
    "直接发送问题即可，例如下面的问题。命令：",
    "/ask <问题> 提问 · /policies 政策文件列表 · /policy <名称> 一份政策的详情 · /source <编号> 查看原文段落 · /about 资料与索引信息 · /reset 清空对话",
  ],
  moreDocuments: (n: number) => `……另有 ${n} 篇`,
  about: (docs: number, newest: string, retrieval: string) =>
    `资料：${docs} 篇文章${newest ? `，最新一篇发表于 ${newest}` : ""}。\n检索方式：${retrieval}`,
  retrievalOffline: "离线检索（按字词匹配，不需要模型）",
  retrievalModel: (model: string) => `语义检索模型 ${model}`,
  aboutModel: (model: string) => `回答模型：${model}（回答中的每个数字和文件名称都先与出处核对）`,
  modelRejected: "（模型的回答未能与出处核对一致，以下为摘录的回答）",
  // citations, as front ends render them
  source: "出处",
  paragraph: (n: number) => `第${n}段`,
  showSource: "查看原文",
  nextPart: (n: number, of: number) => `下一部分（${n}/${of}）`,
  followUps: "你还可以问：",
  // front ends
  rateLimited: (seconds: number) => `提问太频繁了，请 ${seconds} 秒后再试。`,
  nonText: "我只能读文字消息：请用文字提问，或发送 /help。",
  error: "抱歉，处理时出了点问题，请稍后再试。",
  buttonExpired: "这个按钮已失效，请直接发送问题。",
  feedbackThanks: "谢谢反馈！",
  feedbackAlready: "你已经评价过这个回答了。",
  /** One line per command, for a platform's command menu. */
  commands: {
    start: "开始使用与示例问题",
    help: "使用说明",
    ask: "提问，例如 /ask 崂山众创空间总面积将达到多少？",
    policies: "资料中提到的政策文件，可加关键词筛选，例如 /policies 创客",
    policy: "一份政策文件的发文机关、文号、日期与出处，例如 /policy 若干政策",
    source: "查看原文段落，例如 /source 000_4f5b4b3408eff9cd#3",
    reset: "清空对话上下文",
    about: "资料与索引信息",
  },
  consoleIntro: "输入问题并回车；/help 查看命令，/quit 退出。",
  botsHint:
    "在 .env 中设置 TELEGRAM_BOT_TOKEN 或 DISCORD_TOKEN 即可启用 Telegram / Discord 机器人（见 README）。",
  // Discord: footer naming the corpus; slash command names (lowercase, ≤32) and option descriptions (≤100)
  corpus: "资料库：中国政策新闻",
  slashNames: { ask: "提问", question: "问题", policies: "政策文件", filter: "关键词", policy: "政策详情", name: "名称", source: "原文", id: "编号", about: "关于", reset: "重置", help: "帮助" },
  slashOptions: {
    question: "你的问题，例如：崂山众创空间总面积将达到多少？",
    id: "段落编号，形如「文章编号#段落号」；可输入文字搜索",
    filter: "只列出名称中含有这个词的政策，例如：创客",
    name: "政策名称或简称，例如：若干政策",
  },
};

export type Messages = typeof zh;
