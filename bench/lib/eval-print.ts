import type { EvalReport } from "./eval-run.js";
import { ownSet, type EvalSet } from "./eval-sets.js";
import { pct, renderTable } from "./table.js";

/** The eval report as terminal tables. */
export function formatEval(r: EvalReport): string {
  const rows = [...Object.entries(r.byKind), ["overall", r.overall] as const].map(([kind, q]) => [
    kind, q.total, pct(q.correctShare), q.em, q.f1, pct(q.contains), pct(q.hit1), pct(q.hit3), pct(q.declined), pct(q.unanswerableDeclined),
    q.medianAnswerChars, q.medianShortChars,
  ]);
  const { set, split, count, passages, embedder, ms } = r.meta;
  const quality = renderTable(
    ["kind", "n", "right", "EM", "F1", "contains", "hit@1", "hit@3", "declined", "unans. declined", "answer chars", "short chars"],
    rows,
    `Answer quality — set ${set}, split ${split}: ${count} questions over ${passages} passages, embedder ${embedder}; ` +
      `ms/answer p50 ${ms.p50}, p95 ${ms.p95}, mean ${ms.mean}`,
  );
  const systems = [{ name: "assistant.ask (citations)", status: "ok" as const, overall: r.overall, buildMs: null }, ...r.baselines];
  const retrieval = renderTable(
    ["system", "n", "hit@1", "hit@3", "MRR", "build ms", "note"],
    systems.map((s) =>
      s.status === "ok"
        ? [s.name, s.overall.n, pct(s.overall.hit1), pct(s.overall.hit3), s.overall.mrr, s.buildMs, ""]
        : [s.name, null, null, null, null, null, `unavailable: ${s.reason}`],
    ),
    `Retrieval of the answer ${ownSet(set as EvalSet) ? "passage" : "article"} — same questions, same ${passages} passages`,
  );
  const misses = r.results
    .filter((x) => x.outcome === "wronglyAnswered" || x.outcome === "wronglyDeclined")
    .slice(0, 40)
    .map((x) => `  ${x.id} ${x.kind} ${x.outcome}: ${x.question} → ${oneLine(x.short)} | ${oneLine(x.text)}${x.golds.length ? ` (gold ${x.golds[0]})` : ""}`);
  const missed = r.results.filter((x) => x.outcome === "wronglyAnswered" || x.outcome === "wronglyDeclined").length;
  return [quality, retrieval, `Misses (${missed}${missed > misses.length ? `, first ${misses.length}` : ""}):\n${misses.join("\n")}`].join("\n\n");
}

const oneLine = (text: string, max = 50) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return [...flat].length > max ? `${[...flat].slice(0, max).join("")}…` : flat;
};
