/**
 * `npm run report -- [--since 7d] [--json] [--top 10]`: the questions declined most often, the answers voted
 * down most often and the articles cited most often, from Redis (REDIS_URL) or DATA_DIR.
 */
import { parseCommandLine } from "../bots/cli-args.js";
import { loadSettings } from "../bots/boot.js";
import { buildReport, parseSince, renderReport } from "../bots/report.js";
import { createShared } from "../bots/shared.js";

const { values } = parseCommandLine({
  options: { since: { type: "string", default: "30d" }, json: { type: "boolean" }, top: { type: "string", default: "10" } },
}, "Usage: npm run report -- [--since 7d] [--json] [--top 10]");
let since: number;
try {
  since = parseSince(values.since!);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(2);
}
const { config, log } = loadSettings();
const shared = await createShared(config, log, { quiet: true });
try {
  const [answers, votes] = await Promise.all([shared.feedback.answers(since), shared.feedback.votes(since)]);
  const report = buildReport(answers, votes, { since, top: Math.max(1, Number(values.top) || 10) });
  process.stdout.write((values.json ? JSON.stringify(report, null, 2) : renderReport(report)) + "\n");
} finally {
  await shared.close();
}
