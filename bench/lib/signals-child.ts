/**
 * Child process for `npm run train`: one source's signal rankings (scripts/train-fusion.ts). A child, so
 * the trainer never loads src/answer/weights-data.ts, which it rewrites and later reads afresh.
 */
import { HAND_FUSION } from "../../src/retrieval/fusion.js";
import { childArgs, sendResult } from "./child.js";
import { collectSignals, type SignalSource } from "./signals-run.js";

const source = childArgs<SignalSource>();
const { questions, passages } = await collectSignals(source, { fusion: HAND_FUSION });
sendResult({ passages, questions: questions.map(({ id, target, rankings }) => ({ id, target, rankings })) });
