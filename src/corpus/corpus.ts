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
  /** Offset of `text` in the source file's text. */
  start: number;
  sentences: Sentence[];
}

/** One article from `seeds/`. */
export interface Document {
  /** File name without extension. */
  id: string;
  file: string;
  title: string;
  /** ISO `YYYY-MM-DD`, or "" when the file gives no date. */
  date: string;
  passages: Passage[];
}

/** All articles, plus a content hash that the saved index is checked against. */
export interface Corpus {
  documents: Document[];
  passages: Passage[];
  /** sha256 over file names and contents, in name order. */
  hash: string;
}
