/** Plain-text tables for the terminal; East Asian characters count as two columns. */

const width = (s: string) => [...s].reduce((w, c) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(c) ? 2 : 1), 0);

/** A cell: numbers are right-aligned, `null` prints as "–". */
export type Cell = string | number | null;

/**
 * Renders rows under a header, columns padded to fit.
 *
 * @example console.log(renderTable(["kind", "n"], [["figure", 13]]));
 */
export function renderTable(header: string[], rows: Cell[][], title?: string): string {
  const text = rows.map((r) => r.map(show));
  const widths = header.map((h, i) => Math.max(width(h), ...text.map((r) => width(r[i] ?? ""))));
  const line = (cells: string[], raw?: Cell[]) =>
    cells
      .map((c, i) => {
        const pad = " ".repeat(widths[i]! - width(c));
        return typeof raw?.[i] === "number" || raw?.[i] === null ? pad + c : c + pad;
      })
      .join("  ")
      .trimEnd();
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...text.map((r, i) => line(r, rows[i]))];
  return (title ? `${title}\n` : "") + out.join("\n");
}

/** The same table as Markdown (numbers formatted alike), the title in bold above it. */
export function renderMarkdown(header: string[], rows: Cell[][], title?: string): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  const align = header.map((_, i) => (rows.some((r) => typeof r[i] === "number") ? "---:" : "---"));
  const out = [line(header), `|${align.join("|")}|`, ...rows.map((r) => line(r.map(show)))];
  return (title ? `**${title}**\n\n` : "") + out.join("\n");
}

function show(c: Cell): string {
  if (c === null) return "–";
  if (typeof c === "number") return Number.isInteger(c) ? String(c) : c.toFixed(c < 10 ? 3 : 1).replace(/\.?0+$/, "");
  return c;
}

/** A share as a percentage string, e.g. 0.9125 → "91.3%". */
export const pct = (x: number | null): string | null => (x === null ? null : `${(x * 100).toFixed(1)}%`);
