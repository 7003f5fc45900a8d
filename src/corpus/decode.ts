import chardet from "chardet";
import iconv from "iconv-lite";

/** Bytes turned into text, with the encoding they were read as. */
export interface Decoded {
  text: string;
  /** `UTF-8`, `UTF-16LE`, `GB18030`, `Big5`… as detected. */
  encoding: string;
}

/** Encodings a text article may come in, beyond UTF-8; chardet's names. GBK text is read as GB18030, its superset. */
const LEGACY = new Set(["GB18030", "Big5", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "Shift_JIS", "EUC-JP", "EUC-KR", "ISO-2022-JP", "windows-1252", "ISO-8859-1"]);

/** Bytes the detector looks at: enough to tell, cheap for a large file. */
const DETECT_SAMPLE = 64 * 1024;
/** Share of control characters (other than tab, newlines, form feed) above which decoded "text" is binary. */
const MAX_CONTROL_SHARE = 0.01;
/** Share of U+FFFD above which the bytes did not decode. */
const MAX_REPLACEMENT_SHARE = 0.01;

/**
 * Decodes a text file: a byte-order mark first (UTF-8, UTF-16 LE/BE), then strict UTF-8, then the
 * encoding chardet finds (GB18030/GBK, Big5, UTF-16 without a mark…). Returns null when the bytes are
 * not text: a NUL in what would be UTF-8, control characters, or bytes no candidate decodes cleanly.
 * `declared` is the encoding the file names for itself (an HTML `<meta charset>`), tried after a BOM.
 *
 * @example decodeText(await readFile("gbk.txt"))  // { text: "…", encoding: "GB18030" }
 */
export function decodeText(bytes: Uint8Array, declared?: string): Decoded | null {
  const bom = byteOrderMark(bytes);
  if (bom) return plausible(iconv.decode(Buffer.from(bytes), bom), bom);
  // A page's own <meta charset>, when it names a legacy encoding iconv knows (gb2312 and gbk read as GB18030).
  const named = declared && /^(gb2312|gbk|gb18030)$/iu.test(declared) ? "GB18030" : declared;
  if (named && !/^utf-?8$/iu.test(named) && iconv.encodingExists(named)) {
    const decoded = plausible(iconv.decode(Buffer.from(bytes), named), named);
    if (decoded) return decoded;
  }
  let utf8: string | null = null;
  try {
    utf8 = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8: ask the detector
  }
  const asUtf8 = utf8 === null ? null : plausible(utf8, "UTF-8");
  if (asUtf8) return asUtf8;
  const candidates = chardet.analyse(bytes.subarray(0, DETECT_SAMPLE)).map((m) => m.name as string).filter((n) => LEGACY.has(n) && iconv.encodingExists(n));
  const utf16 = utf16WithoutMark(bytes);
  if (utf16) candidates.unshift(utf16);
  for (const name of candidates) {
    const decoded = plausible(iconv.decode(Buffer.from(bytes), name), name);
    if (decoded && (!name.startsWith("UTF-16") || readable(decoded.text))) return decoded;
  }
  return null;
}

/** UTF-16 without a byte-order mark: ASCII characters (newlines, digits) leave NULs on one side only. */
function utf16WithoutMark(b: Uint8Array): string | null {
  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < b.length; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = Math.floor(b.length / 2) || 1;
  if (odd / pairs > 0.05 && even < odd / 10) return "UTF-16LE";
  if (even / pairs > 0.05 && odd < even / 10) return "UTF-16BE";
  return null;
}

/** Most characters are CJK, Latin, digits, spaces or punctuation: a guessed UTF-16 that is not noise. */
function readable(text: string): boolean {
  const usual = text.match(/[\p{Script=Han}\p{Script=Latin}\p{N}\p{P}\s\u3000-\u303f\uff00-\uffef]/gu)?.length ?? 0;
  return usual / (text.length || 1) > 0.9;
}

function byteOrderMark(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "UTF-8";
  if (b[0] === 0xff && b[1] === 0xfe) return "UTF-16LE";
  if (b[0] === 0xfe && b[1] === 0xff) return "UTF-16BE";
  return null;
}

/** The decoded text when it reads as text, else null. iconv drops the BOM; a leftover U+FEFF is removed too. */
function plausible(text: string, encoding: string): Decoded | null {
  const clean = text.replace(/^\uFEFF/, "");
  const length = clean.length || 1;
  const controls = clean.match(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/gu)?.length ?? 0;
  const replaced = clean.match(/\uFFFD/gu)?.length ?? 0;
  if (controls / length > MAX_CONTROL_SHARE || replaced / length > MAX_REPLACEMENT_SHARE) return null;
  return { text: clean, encoding };
}
