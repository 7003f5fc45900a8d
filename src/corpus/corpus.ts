import type { ArticleFound } from "./load.js";

/** A sentence of a passage, with offsets into the passage text. */
export interface Sentence {
  /** `doc#paragraph.sentence`, 1-based. */
  id: string;
  text: string;
  start: number;
  end: number;
}

/** A paragraph of an article: the unit that is embedded, cited and shown by `/source`. */
export interface Passage {
  /** `doc#paragraph`. */
  id: string;
  doc: string;
  /** 1-based paragraph number within the article body. */
  paragraph: number;
  /** Original text, trimmed. */
  text: string;
  /** Offset of `text` in the decoded text file (Markdown: of its block); block number for HTML, PDF, Word. */
  start: number;
  sentences: Sentence[];
}

/** One article from `seeds/`. */
export interface Document {
  /** File name without `.txt`; the whole file name for other formats (`report.pdf`). */
  id: string;
  file: string;
  title: string;
  /** ISO `YYYY-MM-DD`, or "" when the file gives no date. */
  date: string;
  passages: Passage[];
  /** sha256 of the file name and bytes (`readArticle`): what the saved index records for the file. */
  hash?: string;
}

/** A file of `seeds/` that is not an article, and why. */
export interface SkippedFile {
  skipped: true;
  /** File name within the seeds folder. */
  file: string;
  reason:
    | "hidden file"
    | "unsupported type"
    | "link outside the seeds folder"
    | "not a regular file"
    | "too large"
    | "unreadable"
    | "empty"
    | "not text";
  /** The specifics: the extension, the size, the error. */
  detail?: string;
}

/** All articles, plus a content hash that the saved index is checked against. */
export interface Corpus {
  documents: Document[];
  passages: Passage[];
  /** sha256 over file names and contents, in name order. */
  hash: string;
  /** Files of the folder that are not articles, with the reason (when read by `loadCorpus`). */
  skipped?: SkippedFile[];
  /** How each article's file was read, by file name (when read by `loadCorpus`): what the index saves to skip the next read. */
  reads?: ReadonlyMap<string, ArticleFound>;
}

/** How many sentences a passage has, without making them (a passage read back from the index makes them on first use). */
export const sentenceCount = (p: Passage): number => ("sentenceCount" in p ? (p.sentenceCount as number) : p.sentences.length);

/**
 * The text of a passage's sentence `i` (0-based), without making its sentences: a look-up that reads many
 * passages once (a phrase search) would otherwise fill the read-back passages' cache and turn it over.
 */
export const sentenceTextAt = (p: Passage, i: number): string | undefined =>
  "sentenceTextAt" in p ? (p.sentenceTextAt as (i: number) => string | undefined)(i) : p.sentences[i]?.text;
