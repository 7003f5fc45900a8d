/**
 * The source text of src/answer/weights-data.ts: the fitted data as JSON, one line per array or object of plain
 * values (a tree's features, thresholds and leaves each on a line; a kind's table of answer shapes on one), so the
 * file stays readable and diffs stay small.
 *
 * @example await writeFile("src/answer/weights-data.ts", weightsSource({ span, retrieval }));
 */
export function weightsSource(data: object): string {
  return `// Written by \`npm run train\` (scripts/train.ts); do not edit by hand.\nexport const WEIGHTS: unknown = ${jsonText(data, "")};\n`;
}

/** `value` as JSON, indented by one space a level; arrays and objects of plain values on one line. */
function jsonText(value: unknown, indent: string): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const entries: [string | undefined, unknown][] = Array.isArray(value) ? value.map((v) => [undefined, v]) : Object.entries(value).filter(([, v]) => v !== undefined);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  const key = (k: string | undefined) => (k === undefined ? "" : `${JSON.stringify(k)}: `);
  if (entries.every(([, v]) => v === null || typeof v !== "object")) return `${open}${entries.map(([k, v]) => key(k) + JSON.stringify(v)).join(", ")}${close}`;
  const inner = `${indent} `;
  return `${open}\n${entries.map(([k, v]) => inner + key(k) + jsonText(v, inner)).join(",\n")}\n${indent}${close}`;
}
