import { createInterface } from "node:readline/promises";
import { messages, type Assistant } from "../../src/index.js";
import { askStreaming } from "./stream.js";

export interface ChatOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Printed once before the first prompt (e.g. how to enable the bots). */
  hint?: string;
}

/**
 * The terminal front end: one line in, one rendered reply out, until `/quit` or end of input.
 * Resolves when the chat ends.
 */
export async function runChat(assistant: Assistant, { input = process.stdin, output = process.stdout, hint }: ChatOptions = {}): Promise<void> {
  const m = messages("zh");
  const rl = createInterface({ input, output, terminal: (output as NodeJS.WriteStream).isTTY === true });
  const write = (s: string) => output.write(s + "\n");
  write(m.consoleIntro);
  if (hint) write(hint);
  rl.setPrompt("› ");
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (/^[/／](quit|exit)$/i.test(text)) break;
    if (text) {
      await askStreaming(assistant, "console", text, (s) => output.write(s));
      write("");
    }
    rl.prompt();
  }
  rl.close();
}
