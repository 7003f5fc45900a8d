import { answerQuestion, citation, type AnswerOptions, type AnswerParts } from "./answer/answer.js";
import { analyzeQuestion } from "./answer/question.js";
import { suggestionId, type Suggestion } from "./answer/suggest.js";
import type { ConversationStore } from "./conversation.js";
import type { Corpus, Document } from "./corpus/corpus.js";
import type { Embedder } from "./embed/embedder.js";
import type { Asked, FollowUpCheck } from "./follow-up-check.js";
import type { Grounding } from "./llm/grounded.js";
import { messages, type Messages } from "./messages/index.js";
import { askPolicies, filterPolicies, findPolicy } from "./policies/questions.js";
import type { Policy } from "./policies/registry.js";
import { policyAnswer, policyCard, policyCitations, shown } from "./policies/replies.js";
import { supportingCitations } from "./supporting.js";
import type { IndexManifest } from "./retrieval/index-store.js";
import type { EnglishReader } from "./lang/en/to-chinese.js";
import { isEnglish, normalize } from "./text/normalize.js";
import { ANAPHORA, FULL_DATE } from "./lang/zh/index.js";
import { scriptOf } from "./lang/zh/script.js";
import type { AskOptions, Lang, Reply } from "./types.js";

/** Everything the handlers read; built once by `createAssistant`. */
export interface HandlerContext extends AnswerParts {
  corpus: Corpus;
  embedder: Embedder;
  manifest: IndexManifest;
  policies: Policy[];
  /** The policies a question names. */
  policiesIn: (question: string) => Policy[];
  /** Questions made from each passage's figures, by passage id. */
  suggestions: Suggestions;
  /** Example questions from across the corpus, for /help and after a decline (each one answerable); found on first use. */
  examples: () => Promise<Suggestion[]>;
  /** Offers a suggestion only when asking it is answered from its passage. */
  followUpCheck: FollowUpCheck;
  store: ConversationStore;
  answer: AnswerOptions;
  maxQuestionLength: number;
  /** Called when an English question is declined for want of the multilingual model (the operator's log says how to get it). */
  onNeedsModel?: () => void;
  /** Model-written answers, when a model is configured. */
  llm?: Grounding;
  /** Reads an English question as a Chinese one with a dictionary, when the embedder is not multilingual. */
  english?: EnglishReader;
}

/** Follow-up questions by passage id: `get` makes a passage's on first look-up, `made` only reads them. */
export interface Suggestions {
  get(passage: string): Suggestion[] | undefined;
  /** The passage's suggestions if they were made already. */
  made(passage: string): Suggestion[] | undefined;
}

/** Articles /help names before it says how many more there are. */
const HELP_DOCUMENTS = 10;
const COMMAND = /^[/／]([a-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/iu;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/gu;

/** The single entry point behind `Assistant.ask`: commands, then questions. Never throws for bad input. */
export async function handle(ctx: HandlerContext, conversationId: string, input: string, options: AskOptions = {}): Promise<Reply> {
  let text = input.replace(CONTROL, "").trim();
  let command = COMMAND.exec(text);
  // `/ask /ask … question` unwraps in a loop: recursing once per `/ask` overflows the stack on thousands.
  while (command && command[1]!.toLowerCase() === "ask" && command[2]?.trim()) {
    text = command[2].trim();
    command = COMMAND.exec(text);
  }
  // A Chinese question in Traditional script is answered in it (the quotes stay as their articles write them).
  const preferred: Lang = options.lang ?? (!command && isEnglish(text) ? "en" : "zh");
  const lang: Lang = preferred === "zh" && !command && scriptOf(text) === "traditional" ? "zh-Hant" : preferred;
  const m = messages(lang);
  const reply = (kind: Reply["kind"], body: string, extra: Partial<Reply> = {}): Reply => ({
    kind,
    text: body,
    abstained: kind === "not-found" || kind === "needs-model" || kind === "invalid",
    citations: [],
    followUps: [],
    lang,
    ...extra,
  });

  if (command) {
    const arg = (command[2] ?? "").trim();
    switch (command[1]!.toLowerCase()) {
      case "start":
      case "help":
      {
        return reply("help", [m.help[0], ...listDocuments(ctx.corpus.documents, m), m.help[1], m.help[2]].join("\n"), offering(await ctx.examples()));
      }
      case "ask": // with a question, unwrapped above
        return reply("invalid", m.empty);
      case "policies": {
        if (ctx.policies.length === 0) return reply("policies", m.noPolicies);
        const words = arg.split(/\s+/u).filter(Boolean);
        const listed = words.length ? filterPolicies(ctx.policies, words) : ctx.policies;
        if (listed.length === 0) return reply("policies", m.noPoliciesMatching(arg));
        return reply("policies", policyAnswer({ kind: "list", words, policies: listed }, ctx.documents, m).text, {
          citations: listed.map((p) => citation(ctx.documents, p.passage, p.sentence, 1)),
        });
      }
      case "policy": {
        if (!arg) return reply("invalid", m.policyUsage);
        const found = findPolicy(arg, ctx);
        if (found.length === 0) return reply("invalid", m.unknownPolicy(arg.slice(0, 80)));
        if (found.length > 1) return reply("policies", policyAnswer({ kind: "list", words: [arg], policies: found }, ctx.documents, m).text);
        return reply("policies", policyCard(found[0]!, m), { citations: policyCitations(found[0]!, ctx.documents) });
      }
      case "source": {
        if (!arg) return reply("invalid", m.sourceUsage);
        // A bare paragraph number (3, #3) names a passage only when there is one article.
        const only = ctx.corpus.documents.length === 1 ? ctx.corpus.documents[0]!.id : undefined;
        const passage = ctx.corpus.passages.find((p) => p.id === arg || (only !== undefined && p.id === arg.replace(/^#?/, `${only}#`)));
        return passage
          ? reply("source", passage.text, { citations: [citation(ctx.documents, passage, passage.text, 1)] })
          : reply("invalid", m.unknownSource(arg.slice(0, 80)));
      }
      case "about":
        return reply(
          "about",
          m.about(ctx.corpus.documents.length, newestDate(ctx.corpus), retrievalInWords(ctx.embedder, m)) +
            (ctx.llm ? `\n${m.aboutModel(ctx.llm.model)}` : ""),
        );
      case "reset":
        await ctx.store.delete(conversationId);
        return reply("reset", m.reset);
      default:
        return reply("invalid", m.unknownCommand(`/${command[1]!.slice(0, 32)}`));
    }
  }

  const question = text.replace(/<[^>]{0,200}>/gu, " ").replace(/[*_`~#|[\]]+/gu, " ").replace(/\s+/gu, " ").trim();
  if (!question) return reply("invalid", m.empty);
  if ([...question].length > ctx.maxQuestionLength) return reply("invalid", m.tooLong(ctx.maxQuestionLength));
  if (!/[\p{L}\p{N}]/u.test(question)) return reply("invalid", m.noText);
  if (ctx.corpus.passages.length === 0) return reply("invalid", m.noDocuments);

  // With a model, an English question is searched in Chinese; one deadline covers both of its model calls.
  const deadline = ctx.llm && isEnglish(question) ? AbortSignal.timeout(ctx.llm.timeoutMs) : undefined;
  let searched = (ctx.llm && deadline && (await ctx.llm.toChinese(question, deadline))) || question;
  let q = analyzeQuestion(searched);
  if (q.english && !ctx.embedder.multilingual) {
    // Offline, an English question is read as Chinese with the dictionary; one none of whose words the corpus uses is declined.
    const reading = await ctx.english?.toChinese(searched);
    if (!reading) {
      ctx.onNeedsModel?.();
      return reply("needs-model", m.needsModel);
    }
    searched = reading.text;
    q = { ...analyzeQuestion(searched), translated: true };
  }
  // Questions about the policy documents themselves (which there are, when one takes effect) are the registry's.
  const state = (await ctx.store.get(conversationId)) ?? {};
  // A pronoun after a policy answer (它从哪天起施行？) stands for that policy's name.
  const subject = state.topic?.subject;
  const policyQuestion = q.anaphoric && subject?.startsWith("《") ? question.replace(ANAPHORA, subject) : question;
  const asked = askPolicies(policyQuestion, { policies: ctx.policies, policiesIn: ctx.policiesIn, words: ctx.tokenizer.words });
  if (asked) {
    const { text: body, citations } = policyAnswer(asked, ctx.documents, m);
    // One policy's title, short name or fact is the short answer (a fact as the reply words it: dates in the reply's language).
    const only = asked.kind !== "list" && asked.policies.length === 1 ? asked.policies[0]! : undefined;
    const short =
      only && (asked.kind === "title" ? only.title : asked.kind === "alias" ? only.aliases[0] : asked.kind === "fact" ? shown(m, asked.fact, only.facts[asked.fact]!.value) : undefined);
    // A follow-up (它一共有多少条措施？) is about the policy just answered: its name stands for the pronoun.
    if (only) {
      const name = `《${only.aliases[0] ?? only.title}》`;
      await ctx.store.set(conversationId, { ...state, topic: { subject: name, words: ctx.tokenizer.words(only.title), passages: [only.passage.id] } });
    }
    return reply("answer", body, { ...(short && { short }), citations });
  }

  const doc = q.aboutArticle ? articleMeant(ctx, searched, state.topic?.passages[0]) : undefined;
  if (doc?.date) return reply("answer", m.published(doc.title, doc.date), { short: doc.date, citations: [citation(ctx.documents, doc.passages[0]!, doc.title, 1)] });
  if (doc && doc.passages[0]) {
    // No dateline: news gives its date in the lead (「2024年11月20日，…」), or the reply says there is none.
    const lead = doc.passages[0];
    const said = FULL_DATE.exec(lead.text)?.[0];
    return reply("answer", said ? m.published(doc.title, said) : m.undated(doc.title), { ...(said && { short: said }), citations: [citation(ctx.documents, lead, doc.title, 1)] });
  }
  // "When was this article published?" with several articles and nothing saying which: each one's date, newest
  // first (the first few), and a request to name it — not a decline quoting passages about something else.
  if (q.aboutArticle && !doc && ctx.corpus.documents.length > 1) {
    const docs = [...ctx.corpus.documents].sort((a, b) => b.date.localeCompare(a.date));
    const citations = docs.slice(0, HELP_DOCUMENTS).map((d) => citation(ctx.documents, d.passages[0]!, d.title, 1));
    return reply("answer", [m.whichArticle(docs.length), ...listDocuments(docs, m)].join("\n"), { citations });
  }

  const policyFocus = ctx.policiesIn(question).map((p) => p.passage.id);
  const result = await answerQuestion(searched, q, { previous: state.topic, focus: policyFocus }, ctx, ctx.answer);
  await ctx.store.set(conversationId, { ...state, topic: result.topic });
  if (!result.found) return reply("not-found", m.notFound, { citations: result.nearest, ...offering((await ctx.examples()).slice(0, 2)), confidence: result.confidence });
  const citations = supportingCitations(result.citations, result);
  const cited = new Set(citations.map((c) => c.passage));
  // What the reader could ask next about the same passages, minus what this answer already says: made lazily,
  // so a later passage's suggestions are not made when the first ones already give the check enough to try.
  const candidates = function* (make: boolean) {
    for (const id of cited) {
      for (const s of (make ? ctx.suggestions.get(id) : ctx.suggestions.made(id)) ?? []) {
        if (!result.text.includes(s.question.replace(/(?:多少|几|幾).*$/u, "")) && s.question !== question) yield s;
      }
    }
  };
  // In the background mode only checked suggestions are offered, and a passage cited for the first time has none:
  // its suggestions are made (and checked) after the reply, so no reply waits on them.
  const background = ctx.followUpCheck.mode === "background";
  const followUps = offering(await ctx.followUpCheck.pick(candidates(!background), 2));
  if (background && [...cited].some((id) => !ctx.suggestions.made(id))) void ctx.followUpCheck.later(() => ctx.followUpCheck.pick(candidates(true), 2));
  const extractive = reply("answer", result.text, { short: result.short, citations, ...followUps, confidence: result.confidence });
  return ctx.llm
    ? ctx.llm.answer({ conversationId, question, searched, extractive, ...(deadline && { signal: deadline }), ...(options.onDraft && { onDraft: options.onDraft }) })
    : extractive;
}

/**
 * Asks a question with no conversation and no side effects, for the follow-up check: whether it is
 * answered, and from which passage.
 */
export async function askAfresh(ctx: HandlerContext, question: string): Promise<Asked> {
  const result = await answerQuestion(question, analyzeQuestion(question), {}, ctx, ctx.answer);
  const passage = result.found ? result.citations[0]?.passage : undefined;
  return passage ? { found: true, passage } : { found: false };
}

/** The newest article's date (ISO `YYYY-MM-DD`), or "" when no article is dated. */
function newestDate(corpus: Corpus): string {
  return corpus.documents.reduce((newest, d) => (d.date > newest ? d.date : newest), "");
}

/** How the assistant searches, in words: offline retrieval, or the model's name. */
function retrievalInWords(embedder: Embedder, m: Messages): string {
  const model = /^transformers:([^:]+)/u.exec(embedder.id)?.[1];
  return model ? m.retrievalModel(model.split("/").at(-1)!) : m.retrievalOffline;
}

/**
 * The article a question about "the article" means: the one whose title shares the most of the
 * question's words, else the one the conversation's last answer cited, else the only one.
 */
function articleMeant(ctx: HandlerContext, question: string, lastPassage: string | undefined): Document | undefined {
  const words = ctx.tokenizer.words(question);
  let best: Document | undefined;
  let bestShared = 0;
  for (const d of ctx.corpus.documents) {
    const title = normalize(d.title);
    const shared = words.filter((w) => title.includes(w)).reduce((n, w) => n + w.length, 0);
    if (shared > bestShared) [best, bestShared] = [d, shared];
  }
  const last = lastPassage ? ctx.documents.get(lastPassage.slice(0, lastPassage.lastIndexOf("#"))) : undefined;
  return best ?? last ?? (ctx.corpus.documents.length === 1 ? ctx.corpus.documents[0] : undefined);
}

/** The first HELP_DOCUMENTS articles, one line each with its date, and how many more there are. */
function listDocuments(docs: readonly Document[], m: Messages): string[] {
  const listed = docs.slice(0, HELP_DOCUMENTS).map((d) => `· ${d.title}${d.date ? `（${d.date}）` : ""}`);
  if (docs.length > HELP_DOCUMENTS) listed.push(m.moreDocuments(docs.length - HELP_DOCUMENTS));
  return listed;
}

/** Suggestions as a reply offers them: the questions, and an id for each that a button can carry. */
function offering(suggestions: Suggestion[]): Pick<Reply, "followUps" | "followUpIds"> {
  return { followUps: suggestions.map((s) => s.question), followUpIds: suggestions.map(suggestionId) };
}
