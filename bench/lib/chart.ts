/** A hand-written SVG line chart: log-log panels, one line per series. No dependencies. */

export interface Series {
  name: string;
  /** [x, y] points; non-positive or missing y values are skipped (log scale). */
  points: [number, number | null][];
}

export interface Panel {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
}

const COLORS = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
const W = 440;
const H = 300;
const M = { left: 60, right: 16, top: 34, bottom: 46 };

/**
 * Renders panels in rows of `columns` (default: all side by side) with a shared legend.
 *
 * @example writeFile("chart.svg", renderChart([{ title: "Query p50", xLabel: "passages", yLabel: "ms", series }]));
 */
export function renderChart(panels: Panel[], caption = "", columns = panels.length): string {
  const names = [...new Set(panels.flatMap((p) => p.series.map((s) => s.name)))];
  const cols = Math.max(1, Math.min(columns, panels.length));
  const rowsH = H * Math.ceil(panels.length / cols);
  const legendH = 22 * Math.ceil(names.length / 3);
  const body = panels.map((p, i) => `<g transform="translate(${(i % cols) * W},${Math.floor(i / cols) * H})">${panel(p, names)}</g>`).join("");
  const legend = names
    .map((n, i) => {
      const x = 20 + (i % 3) * 280;
      const y = rowsH + 18 + Math.floor(i / 3) * 22;
      return `<rect x="${x}" y="${y - 9}" width="14" height="4" fill="${color(names, n)}"/><text x="${x + 20}" y="${y - 3}">${esc(n)}</text>`;
    })
    .join("");
  const height = rowsH + legendH + (caption ? 24 : 8);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W * cols}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    body,
    legend,
    caption ? `<text x="20" y="${height - 8}" fill="#555">${esc(caption)}</text>` : "",
    "</svg>\n",
  ].join("");
}

function panel(p: Panel, names: string[]): string {
  const pts = p.series.flatMap((s) => s.points.filter((pt): pt is [number, number] => pt[1] !== null && pt[1] > 0 && pt[0] > 0));
  if (pts.length === 0) return `<text x="${W / 2}" y="${H / 2}" text-anchor="middle">${esc(p.title)}: no data</text>`;
  const [x0, x1] = logRange(pts.map((q) => q[0]));
  const [y0, y1] = logRange(pts.map((q) => q[1]));
  const px = (x: number) => M.left + ((Math.log10(x) - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - ((Math.log10(y) - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const grid: string[] = [];
  for (let e = Math.ceil(x0); e <= x1; e++) {
    grid.push(`<line x1="${px(10 ** e)}" x2="${px(10 ** e)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#eee"/>`);
    grid.push(`<text x="${px(10 ** e)}" y="${H - M.bottom + 16}" text-anchor="middle">${tick(10 ** e)}</text>`);
  }
  for (let e = Math.ceil(y0); e <= y1; e++) {
    grid.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${py(10 ** e)}" y2="${py(10 ** e)}" stroke="#eee"/>`);
    grid.push(`<text x="${M.left - 6}" y="${py(10 ** e) + 4}" text-anchor="end">${tick(10 ** e)}</text>`);
  }
  const lines = p.series.map((s) => {
    const ok = s.points.filter((pt): pt is [number, number] => pt[1] !== null && pt[1] > 0);
    const c = color(names, s.name);
    const path = ok.map(([x, y], i) => `${i ? "L" : "M"}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join("");
    const dots = ok.map(([x, y]) => `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${c}"/>`).join("");
    return `<path d="${path}" fill="none" stroke="${c}" stroke-width="2"/>${dots}`;
  });
  return [
    `<text x="${M.left}" y="20" font-weight="bold">${esc(p.title)}</text>`,
    ...grid,
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#999"/>`,
    ...lines,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 10}" text-anchor="middle">${esc(p.xLabel)}</text>`,
    `<text transform="translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(p.yLabel)}</text>`,
  ].join("");
}

/** Decades covering the values, widened to at least one decade. */
function logRange(values: number[]): [number, number] {
  const lo = Math.floor(Math.log10(Math.min(...values)));
  let hi = Math.ceil(Math.log10(Math.max(...values)));
  if (hi === lo) hi += 1;
  return [lo, hi];
}

const color = (names: string[], n: string) => COLORS[names.indexOf(n) % COLORS.length]!;
const tick = (v: number) => (v >= 1000 ? `${v / 1000}k` : v >= 1 ? String(v) : String(Number(v.toPrecision(1))));
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
