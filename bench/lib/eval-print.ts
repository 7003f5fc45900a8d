import type { EvalReport } from "./eval-run.js";
import { pct, renderTable } from "./table.js";

/** The eval report as terminal tables. */
export function formatEval(r: EvalReport): string {
  const rows = [...Object.entries(r.byKind), ["overall", r.overall] as const].map(([kind, q]) => [
    kind, q.total, q.answeredCorrectly, q.declinedCorrectly, q.wronglyAnswered, q.wronglyDeclined,
    pct(q.correctShare), pct(q.hit1), pct(q.hit3), q.mrr, q.medianAnswerChars,
  ]);
  const quality = renderTable(
    ["kind", "n", "answered ✓", "declined ✓", "wrong answer", "wrong decline", "correct", "hit@1", "hit@3", "MRR", "median chars"],
    rows,
    `Answer quality — ${r.meta.count} questions, embedder ${r.meta.embedder}`,
  );
  const systems = [{ name: "assistant.ask (citations)", status: "ok" as const, overall: r.overall, byKind: r.byKind, buildMs: null }, ...r.baselines];
  const retrieval = renderTable(
    ["system", "n", "hit@1", "hit@3", "MRR", "build ms", "note"],
    systems.map((s) =>
      s.status === "ok"
        ? [s.name, s.overall.n, pct(s.overall.hit1), pct(s.overall.hit3), s.overall.mrr, s.buildMs, ""]
        : [s.name, null, null, null, null, null, `unavailable: ${s.reason}`],
    ),
    `Retrieval of the answer passage — same questions, same ${r.meta.passages} passages`,
  );
  const ok = systems.filter((s) => s.status === "ok");
  const kinds = Object.keys(r.byKind).filter((k) => r.byKind[k]!.n > 0);
  const perKind = renderTable(
    ["hit@1 by kind", ...ok.map((s) => s.name)],
    kinds.map((k) => [k, ...ok.map((s) => pct(s.byKind[k]?.hit1 ?? null))]),
  );
  const misses = r.results
    .filter((x) => x.outcome === "wronglyAnswered" || x.outcome === "wronglyDeclined")
    .map((x) => `  ${x.id} ${x.kind} ${x.outcome}: ${x.question} → ${oneLine(x.text)}`);
  return [quality, retrieval, perKind, `Misses (${misses.length}):\n${misses.join("\n")}`].join("\n\n");
}

const oneLine = (text: string, max = 60) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return [...flat].length > max ? `${[...flat].slice(0, max).join("")}…` : flat;
};
