/**
 * The source text of src/answer/weights-data.ts: the fitted data as JSON, one line per array of plain values
 * (a tree's features, thresholds and leaves each on a line), so the file stays readable and diffs stay small.
 *
 * @example await writeFile("src/answer/weights-data.ts", weightsSource({ span, retrieval }));
 */
export function weightsSource(data: object): string {
  const json = JSON.stringify(data, null, 1).replace(/\[[^[\]{}]*\]/gu, (list) => list.replace(/\s*\n\s*/gu, " ").replace(/\[ /u, "[").replace(/ \]$/u, "]"));
  return `// Written by \`npm run train\` (scripts/train.ts); do not edit by hand.\nexport const WEIGHTS: unknown = ${json};\n`;
}
