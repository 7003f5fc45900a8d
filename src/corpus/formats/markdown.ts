import type { Nodes, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { toString } from "mdast-util-to-string";
import { parseDate } from "../date.js";
import type { Block, Extracted } from "../parse.js";
import { joinLines } from "./text.js";

/** `---` front matter at the top of a Markdown file: `key: value` lines. */
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/u;

/**
 * Reads Markdown as text without markup: each heading, paragraph, list item, quote paragraph and
 * table row is a block (`**bold**`, `- ` and `[links](…)` gone), with its offset in the source.
 * Front matter gives the title and date when it has them.
 *
 * @example readMarkdown("# 标题\n\n- 开办补贴：最高20万元").blocks[1].text  // "开办补贴：最高20万元"
 */
export function readMarkdown(source: string): Extracted {
  const front = FRONT_MATTER.exec(source);
  const meta = new Map<string, string>();
  for (const line of front?.[1]?.split(/\r?\n/u) ?? []) {
    const m = /^\s*([\w-]+)\s*:\s*["']?(.*?)["']?\s*$/u.exec(line);
    if (m) meta.set(m[1]!.toLowerCase(), m[2]!);
  }
  // Front matter is blanked out, not cut, so offsets still point into the source.
  const body = front ? front[0].replace(/[^\n]/gu, " ") + source.slice(front[0].length) : source;
  const blocks: Block[] = [];
  const visit = (node: Nodes | Root) => {
    switch (node.type) {
      case "heading":
      case "paragraph":
      case "tableRow":
      case "code":
        push(node, node.type === "heading");
        return;
      case "html":
      case "definition":
      case "thematicBreak":
      case "yaml":
        return;
      default:
        if ("children" in node) for (const child of node.children as RootContent[]) visit(child);
    }
  };
  const push = (node: Nodes, heading: boolean) => {
    const text =
      node.type === "tableRow" ? node.children.map((cell) => toString(cell).trim()).filter(Boolean).join(" ")
      : joinLines(toString(node).split("\n"));
    if (text.trim()) blocks.push({ text: text.trim(), start: node.position?.start.offset ?? 0, line: node.position?.start.line ?? 0, heading });
  };
  visit(fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }));
  return { blocks, title: meta.get("title"), date: parseDate(meta.get("date")) };
}
