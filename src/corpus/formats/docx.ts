import JSZip from "jszip";
import { parseHTML } from "linkedom";
import mammoth from "mammoth";
import { parseDate } from "../date.js";
import type { Extracted } from "../parse.js";
import { htmlBlocks } from "./html.js";

/** Word's Title and Subtitle styles read as headings, like Heading 1…6 (mammoth's defaults). */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/**
 * Reads a Word `.docx` with mammoth: each paragraph, heading, list item and table row a block;
 * title and date from the document properties (`docProps/core.xml`).
 *
 * @example await readDocx(await readFile("notice.docx"))
 */
export async function readDocx(bytes: Uint8Array): Promise<Extracted> {
  const buffer = Buffer.from(bytes);
  const { value: html } = await mammoth.convertToHtml({ buffer }, { styleMap: STYLE_MAP });
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const core = await coreProperties(buffer);
  return { blocks: htmlBlocks(document.body), title: core.title, date: parseDate(core.created) || undefined };
}

/** `dc:title` and `dcterms:created` of a Word file, when it has them. */
async function coreProperties(buffer: Buffer): Promise<{ title?: string; created?: string }> {
  const xml = await (await JSZip.loadAsync(buffer)).file("docProps/core.xml")?.async("string");
  if (!xml) return {};
  const { document } = parseHTML(xml.replace(/<\?xml[^>]*>/u, ""));
  const field = (tag: string) => document.getElementsByTagName(tag)[0]?.textContent?.trim() || undefined;
  return { title: field("dc:title"), created: field("dcterms:created") };
}
