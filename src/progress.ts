import type { SkippedFile } from "./corpus/corpus.js";

/**
 * What a long step of start-up reports, for a progress bar or a heartbeat line: each file read
 * (with its passage count) or skipped (with the reason), each batch embedded, and the steps after
 * the last batch that take time of their own (packing the keyword index, saving, and preparing
 * what answers need: policies and suggested questions).
 */
export type Progress =
  | { stage: "read"; done: number; total: number; file: string; passages?: number; encoding?: string; skipped?: SkippedFile }
  | { stage: "embed"; done: number; total: number }
  | { stage: "pack" | "save" | "finish" };
