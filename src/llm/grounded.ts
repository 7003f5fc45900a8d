import { citation } from "../answer/answer.js";
import type { ConversationStore } from "../conversation.js";
import type { Document, Passage } from "../corpus/corpus.js";
import type { Retriever } from "../retrieval/retriever.js";
import { isEnglish } from "../text/normalize.js";
import type { Reply } from "../types.js";
import { checkAnswer, present, quoteFor, type CheckResult } from "./check.js";
import { GenerationError, type GenerationFailure, type Generator } from "./generator.js";
import { groundedMessages, rewriteMessages, type Turn } from "./prompt.js";

export interface LlmOptions {
  /** The model; see `createOpenAiGenerator`. */
  generator: Generator;
  /** All model calls for one question (rewrite and answer) end after this long, and the extractive answer is shown. */
  timeoutMs?: number;
  /** Passages given to the model. */
  passages?: number;
  /** Earlier exchanges of the conversation given to the model. */
  turns?: number;
  /** Called once per model answer: shown, rejected by the check, or failed; e.g. to count rejections. */
  onOutcome?: (outcome: LlmOutcome) => void;
}

/** What became of one model answer. */
export type LlmOutcome =
  | { type: "accepted"; model: string }
  | { type: "rejected"; model: string; reason: Exclude<CheckResult, { ok: true }>["reason"]; detail: string }
  | { type: "failed"; model: string; reason: GenerationFailure };

export const defaultLlmOptions = { timeoutMs: 20_000, passages: 4, turns: 3 };

/** One grounded answer to write. */
export interface GroundedRequest {
  conversationId: string;
  /** The question as shown to the model (the user's words). */
  question: string;
  /** The question retrieval used (the Chinese rewrite of an English one). */
  searched: string;
  /** The extractive answer: its passages come first, and it is what is shown when the model's is not. */
  extractive: Reply;
  /** The question's deadline, when an earlier model call started it; else the answer has `timeoutMs`. */
  signal?: AbortSignal;
  /** Receives the answer so far, as readers would see it, while the model writes. */
  onDraft?: (text: string) => void;
}

export interface Grounding {
  readonly model: string;
  readonly timeoutMs: number;
  /** An English question as a Chinese one for retrieval; `undefined` when the model gives none. */
  toChinese(question: string, signal: AbortSignal): Promise<string | undefined>;
  /** The model's answer when it passes the check, else `request.extractive`. Never throws. */
  answer(request: GroundedRequest): Promise<Reply>;
}

interface GroundingParts {
  retriever: Retriever;
  documents: Map<string, Document>;
  store: ConversationStore;
  log: (level: "info" | "warn", msg: string) => void;
}

/**
 * Model-written answers, checked before they are shown. The model gets the question, the
 * conversation's last turns and the top passages; its answer is shown only when `checkAnswer`
 * passes, with citations quoting the sentence that holds each checked claim. Any failure (timeout,
 * refusal, a cut-off stream, an unchecked figure) shows the extractive answer instead.
 *
 * @example
 * const grounding = createGrounding({ generator }, { retriever, documents, store, log });
 * const reply = await grounding.answer({ conversationId, question, searched: question, lang: "zh", extractive, signal });
 */
export function createGrounding(options: LlmOptions, parts: GroundingParts): Grounding {
  const o = { ...defaultLlmOptions, ...options };
  const { generator } = o;
  const outcome = (e: LlmOutcome) => {
    try {
      o.onOutcome?.(e);
    } catch {
      // A metrics hook must not cost the user an answer.
    }
  };

  async function remember(conversationId: string, turn: Turn): Promise<void> {
    const state = (await parts.store.get(conversationId)) ?? {};
    await parts.store.set(conversationId, { ...state, turns: [...(state.turns ?? []), turn].slice(-o.turns) });
  }

  return {
    model: generator.model,
    timeoutMs: o.timeoutMs,

    async toChinese(question, signal) {
      try {
        const text = (await generator.generate(rewriteMessages(question), { signal, maxTokens: 100 })).trim();
        return /\p{Script=Han}/u.test(text) ? text.split("\n")[0]!.slice(0, 200) : undefined;
      } catch (err) {
        const reason = err instanceof GenerationError ? err.reason : "malformed";
        parts.log("warn", `llm: the rewrite of an English question failed (${reason}); searching with the question as asked`);
        outcome({ type: "failed", model: generator.model, reason });
        return undefined;
      }
    },

    async answer(request) {
      const { extractive } = request;
      const passages = await passagesFor(request, parts, o.passages);
      const turns = (await parts.store.get(request.conversationId))?.turns ?? [];
      // The model answers in the question's language, whatever the user's interface language.
      const messages = groundedMessages(request.question, isEnglish(request.question) ? "en" : "zh", passages, parts.documents, turns);
      let text: string;
      try {
        let draft = "";
        const onDraft = request.onDraft;
        text = await generator.generate(messages, {
          signal: request.signal ?? AbortSignal.timeout(o.timeoutMs),
          ...(onDraft && {
            onToken: (delta: string) => {
              draft += delta;
              onDraft(present(draft));
            },
          }),
        });
      } catch (err) {
        const reason = err instanceof GenerationError ? err.reason : "malformed";
        parts.log("warn", `llm: no model answer (${reason}${err instanceof Error ? `: ${err.message}` : ""}); extractive answer shown`);
        outcome({ type: "failed", model: generator.model, reason });
        await remember(request.conversationId, { question: request.question, answer: extractive.text });
        return extractive;
      }
      const check = checkAnswer(text, passages, (p) => heading(parts.documents.get(p.doc)));
      if (!check.ok) {
        parts.log("warn", `llm: model answer rejected (${check.reason}: ${check.detail}); extractive answer shown`);
        outcome({ type: "rejected", model: generator.model, reason: check.reason, detail: check.detail });
        await remember(request.conversationId, { question: request.question, answer: extractive.text });
        return extractive;
      }
      outcome({ type: "accepted", model: generator.model });
      const shown = present(text, check.cited);
      await remember(request.conversationId, { question: request.question, answer: shown });
      const score = new Map(extractive.citations.map((c) => [c.passage, c.score]));
      const citations = check.cited.map((id) => {
        const passage = passages.find((p) => p.id === id)!;
        const claims = check.claims.filter((c) => c.cites.includes(id));
        return citation(parts.documents, passage, quoteFor(passage, claims.length ? claims : check.claims), score.get(id) ?? 1);
      });
      // Named fields only: what the extractive reply derived from its own text (a short form) is not carried over.
      const { kind, abstained, followUps, followUpIds, lang } = extractive;
      return { kind, text: shown, abstained, citations, followUps, ...(followUpIds && { followUpIds }), lang, model: generator.model };
    },
  };
}

/** The extractive answer's passages first, then the best of a fresh retrieval, `k` in all. */
async function passagesFor(request: GroundedRequest, parts: GroundingParts, k: number): Promise<Passage[]> {
  const cited = request.extractive.citations.map((c) => parts.documents.get(c.doc)?.passages.find((p) => p.id === c.passage));
  const found = await parts.retriever.retrieve(request.searched, { focus: request.extractive.citations.map((c) => c.passage), k });
  const all = [...cited, ...found.passages.map((r) => r.passage)].filter((p): p is Passage => p !== undefined);
  return all.filter((p, i) => all.findIndex((q) => q.id === p.id) === i).slice(0, k);
}

/** An article's title and date as the model may restate them: 《title》 2016-05-11 2016年5月11日. */
function heading(doc: Document | undefined): string {
  if (!doc) return "";
  const [y, m, d] = doc.date.split("-").map(Number);
  return `《${doc.title}》 ${doc.date}${y ? ` ${y}年${m}月${d}日` : ""}`;
}
