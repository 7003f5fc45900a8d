import { messages, type Assistant } from "../../src/index.js";
import { renderReply } from "./render.js";

/**
 * Asks the core and prints a model's answer as it arrives; then what follows it (sources, follow-ups).
 * When the checked reply is not what was printed (the check failed), a note and the whole extractive
 * reply follow. Resolves when everything is written.
 *
 * @example await askStreaming(assistant, "console", "崂山区每年拿出多少钱？", (s) => process.stdout.write(s));
 */
export async function askStreaming(assistant: Assistant, conversationId: string, text: string, write: (s: string) => void): Promise<void> {
  let printed = "";
  const reply = await assistant.ask(conversationId, text, {
    onDraft: (draft) => {
      // The terminal cannot take text back: only what extends the printed text is written.
      if (!draft.startsWith(printed)) return;
      write(draft.slice(printed.length));
      printed = draft;
    },
  });
  const rendered = renderReply(reply);
  if (!printed) return write(`${rendered}\n`);
  if (reply.model && reply.text.startsWith(printed) && rendered.startsWith(reply.text)) return write(`${rendered.slice(printed.length)}\n`);
  write(`\n${messages(reply.lang).modelRejected}\n${rendered}\n`);
}
