import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { parseDate } from "../date.js";
import type { Block, Extracted } from "../parse.js";
import { joinLines } from "./text.js";

/** Elements that hold one block of text each; the innermost one wins. */
const BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,blockquote,pre,tr,dt,dd,figcaption,caption";
/** Page furniture and non-text elements, never article text. */
const SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|NAV|HEADER|FOOTER|ASIDE|FORM|BUTTON|SELECT|svg|SVG)$/u;
const HEADINGS = new Set(["H1", "H2", "H3", "H4", "H5", "H6"]);
/** Meta tags that carry a page's publication date, most specific first (Open Graph, Dublin Core, Chinese government sites). */
const DATE_META = ["article:published_time", "og:published_time", "pubdate", "publishdate", "publish-date", "dc.date", "dc.date.issued", "dcterms.created", "date", "firstpublishedtime"];
const TITLE_META = ["og:title", "articletitle", "dc.title", "title"];

/**
 * Reads a saved web page: its main content by Readability (menus, sidebars and footers left out),
 * one block per paragraph, heading, list item or table row; title and date from meta tags,
 * Readability's title or `<title>`.
 *
 * @example readHtml("<html><head><title>标题</title></head><body><article><p>正文。</p></article></body></html>")
 */
export function readHtml(source: string): Extracted {
  const { document } = parseHTML(source);
  const meta = new Map<string, string>();
  for (const el of document.querySelectorAll("meta")) {
    const key = (el.getAttribute("property") ?? el.getAttribute("name") ?? el.getAttribute("itemprop") ?? "").toLowerCase();
    const content = el.getAttribute("content")?.trim();
    if (key && content && !meta.has(key)) meta.set(key, content);
  }
  const metaTitle = TITLE_META.map((k) => meta.get(k)).find(Boolean);
  const pageTitle = document.querySelector("title")?.textContent?.trim();
  const date = DATE_META.map((k) => parseDate(meta.get(k))).find(Boolean) ?? parseDate(document.querySelector("time[datetime]")?.getAttribute("datetime"));
  // Readability changes the document it reads: it gets a copy, and the whole body stays as a fallback.
  const article = new Readability(parseHTML(source).document as unknown as Document, { charThreshold: 20, serializer: (n) => n }).parse();
  const root = (article?.content as Element | null | undefined) ?? document.body ?? document.documentElement;
  let blocks = htmlBlocks(root);
  // Readability leaves the page's own <h1> out of the content; put it back as the heading when it is there.
  const h1 = document.querySelector("h1")?.textContent?.trim();
  if (h1 && !blocks.some((b) => b.text === h1)) blocks = [{ text: h1, start: 0, line: 0, heading: true }, ...blocks];
  return { blocks, title: metaTitle ?? article?.title ?? pageTitle, date: parseDate(article?.publishedTime) || date || undefined };
}

/**
 * The blocks of an HTML tree: each innermost block element's text (`<br>` and newlines joined the
 * way the script wants), plus loose text outside any block. `start` numbers blocks in order.
 */
export function htmlBlocks(root: Element): Block[] {
  const blocks: Block[] = [];
  const push = (text: string, heading: boolean) => {
    if (text) blocks.push({ text, start: blocks.length, line: blocks.length + 1, heading });
  };
  const walk = (el: Element) => {
    const isBlock = el.matches(BLOCKS) && !el.querySelector(BLOCKS);
    if (isBlock) {
      push(textOf(el), HEADINGS.has(el.tagName));
      return;
    }
    let loose: string[] = [];
    for (const node of el.childNodes) {
      if (node.nodeType === 3) loose.push(node.textContent ?? "");
      else if (node.nodeType === 1) {
        const child = node as Element;
        if (SKIP.test(child.tagName)) continue;
        if (child.tagName === "BR" || child.matches(BLOCKS) || child.querySelector(BLOCKS) || /^(DIV|SECTION|ARTICLE|MAIN|TABLE|TBODY|THEAD|UL|OL|DL)$/u.test(child.tagName)) {
          push(joinLines(loose), false);
          loose = [];
          if (child.tagName !== "BR") walk(child);
        } else loose.push(child.textContent ?? "");
      }
    }
    push(joinLines(loose), false);
  };
  walk(root);
  return blocks;
}

/** An element's text with `<br>` as line breaks, lines joined as the script wants, spaces collapsed. */
function textOf(el: Element): string {
  const parts: string[] = [];
  const collect = (node: Node) => {
    if (node.nodeType === 3) parts.push(node.textContent ?? "");
    else if ((node as Element).tagName === "BR") parts.push("\n");
    else if (node.nodeType === 1) {
      if (SKIP.test((node as Element).tagName)) return;
      // Cells of a row are separated by a space, whatever the script.
      if (el.tagName === "TR" && /^(TD|TH)$/u.test((node as Element).tagName) && parts.length) parts.push(" ");
      for (const c of node.childNodes) collect(c);
    }
  };
  collect(el);
  return joinLines(parts.join("").replace(/[ \t\u00a0]+/gu, " ").split("\n"));
}
