/**
 * Generated seeds folders of mixed formats for the ingestion bench: CMRC/DRCD passages written as
 * UTF-8 text, Markdown, HTML, Word, GBK and UTF-16 text and PDF, in the shares an operator's folder
 * might have. Only the formats the corpus reader on this checkout actually reads are written (a
 * probe file of each is tried first); the share of the others goes to plain text.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCorpus } from "../../src/index.js";
import { prng } from "../../scripts/prng.js";
import { loadDataset, SETS, type DatasetPassage } from "./datasets.js";
import { dirBytes } from "./latency.js";

export const FORMATS = ["txt", "md", "html", "docx", "gbk", "utf16", "pdf"] as const;
export type Format = (typeof FORMATS)[number];

/** Shares of a mixed folder (of 100). */
const SHARES: Record<Format, number> = { txt: 35, md: 15, html: 15, docx: 10, gbk: 10, utf16: 5, pdf: 10 };
const EXT: Record<Format, string> = { txt: "txt", md: "md", html: "html", docx: "docx", gbk: "txt", utf16: "txt", pdf: "pdf" };
/** The committed PDF fixture (CJK font embedded); generating CJK PDFs needs a font the machine may not have. */
const PDF_FIXTURE = fileURLToPath(new URL("../../test/corpus/fixtures/report.pdf", import.meta.url));
/** The Word writer the corpus tests use (JSZip), when this checkout has it. */
const DOCX_MAKER = new URL("../../test/corpus/make-fixtures.ts", import.meta.url).href;

interface Article {
  title: string;
  date: string;
  paragraphs: string[];
}

type Writer = (file: string, a: Article) => Promise<void>;

interface Libs {
  iconv?: { encode(text: string, encoding: string, options?: { addBOM?: boolean }): Buffer };
  makeDocx?: (o: { title?: string; created?: string; paragraphs: { text: string; style?: string }[] }) => Promise<Buffer>;
}

/** Optional modules, by name so the bench type-checks and runs on a checkout without them. */
async function optionalLibs(): Promise<Libs> {
  const load = async (specifier: string) => {
    try {
      return (await import(specifier)) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  const iconv = (await load("iconv-lite"))?.default as Libs["iconv"];
  const makeDocx = (await load(DOCX_MAKER))?.makeDocx as Libs["makeDocx"];
  return { iconv, makeDocx };
}

const esc = (s: string) => s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");
const plain = (a: Article, nl = "\n") => `${a.title}${nl}${nl}${a.date}${nl}${nl}${a.paragraphs.join(`${nl}${nl}`)}${nl}`;

function writers(libs: Libs): Partial<Record<Format, Writer>> {
  const { iconv, makeDocx } = libs;
  return {
    txt: (f, a) => writeFile(f, plain(a)),
    md: (f, a) => writeFile(f, `# ${a.title}\n\n${a.date}\n\n${a.paragraphs.map((p, i) => (i === 1 ? `**${p}**` : p)).join("\n\n")}\n`),
    html: (f, a) =>
      writeFile(
        f,
        `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>${esc(a.title)}</title></head><body>` +
          `<nav><a href="/">首页</a> | <a href="/news">新闻</a></nav><article><h1>${esc(a.title)}</h1><p class="date">${a.date}</p>` +
          `${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join("")}</article><footer>版权所有</footer></body></html>\n`,
      ),
    ...(iconv && {
      gbk: (f: string, a: Article) => writeFile(f, iconv.encode(plain(a), "gbk")),
      utf16: (f: string, a: Article) => writeFile(f, iconv.encode(plain(a, "\r\n"), "utf16-le", { addBOM: true })),
    }),
    ...(makeDocx && {
      docx: async (f: string, a: Article) => writeFile(f, await makeDocx({ title: a.title, paragraphs: [{ text: a.title, style: "Title" }, { text: a.date }, ...a.paragraphs.map((text) => ({ text }))] })),
    }),
    ...(existsSync(PDF_FIXTURE) && { pdf: (f: string) => copyFile(PDF_FIXTURE, f) }),
  };
}

/** The formats this checkout reads: one probe file of each, loaded through `loadCorpus`. */
export async function readableFormats(): Promise<Format[]> {
  const all = writers(await optionalLibs());
  const dir = await mkdtemp(join(tmpdir(), "ingest-probe-"));
  try {
    // Simplified characters only, so GBK can encode the probe.
    const probe: Article = { title: "探针文章", date: "2016-05-11", paragraphs: ["这是一个用于检测格式的段落，内容足够长，可以被读出来。"] };
    const names = new Map<string, Format>();
    for (const f of FORMATS) {
      const write = all[f];
      if (!write) continue;
      const name = `probe_${f}.${EXT[f]}`;
      await write(join(dir, name), probe);
      names.set(name, f);
    }
    const corpus = await loadCorpus(dir);
    const read = new Set(corpus.documents.filter((d) => d.passages.length > 0).map((d) => names.get(d.file)));
    return FORMATS.filter((f) => read.has(f));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface IngestFolder {
  files: number;
  bytes: number;
  /** Files written per format. */
  byFormat: Partial<Record<Format, number>>;
  /** Formats the probe found unread on this checkout (their share went to UTF-8 text). */
  unread: Format[];
}

/**
 * Writes `files` articles of 1–4 CMRC/DRCD passages each into `dir`, formats mixed in fixed shares.
 *
 * @example const folder = await writeMixedFolder("/tmp/ingest", 10_000);
 */
export async function writeMixedFolder(dir: string, files: number, seed = 9): Promise<IngestFolder> {
  const formats = await readableFormats();
  const all = writers(await optionalLibs());
  await mkdir(dir, { recursive: true });
  const passages: DatasetPassage[] = [];
  for (const set of SETS) passages.push(...(await loadDataset(set, "all")).passages);
  const rand = prng(seed);
  // A fixed deal of formats over 100 files, then repeated: exact shares at any size.
  const deal: Format[] = FORMATS.flatMap((f) => Array<Format>(SHARES[f]).fill(formats.includes(f) ? f : "txt"));
  const byFormat: Partial<Record<Format, number>> = {};
  for (let i = 0; i < files; i++) {
    const format = deal[(i * 37) % deal.length]!;
    const start = Math.floor(rand() * passages.length);
    const count = 1 + Math.floor(rand() * 4);
    const ps = Array.from({ length: count }, (_, k) => passages[(start + k) % passages.length]!);
    const article: Article = { title: ps[0]!.title, date: `2016-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`, paragraphs: ps.map((p) => p.context.replace(/\s+/gu, " ")) };
    await all[format]!(join(dir, `a${String(i).padStart(5, "0")}_${format}.${EXT[format]}`), article);
    byFormat[format] = (byFormat[format] ?? 0) + 1;
  }
  const bytes = await dirBytes(dir);
  return { files, bytes, byFormat, unread: FORMATS.filter((f) => !formats.includes(f)) };
}
