/**
 * Monte Carlo uncertainty analysis: N seeded runs of the pipeline on the already parsed data, each
 * with its own draw of the uncertain inputs; per unit the nominal rank, median rank, 5th–95th
 * percentile rank interval, and mean score with its interval.
 */
import { msg, render, type Message } from "../messages";
import { IndexComputeError, IndexInputError } from "../errors";
import { checkAnalysisBudget } from "../analysis/budget";
import { runPipeline } from "../pipeline";
import type { IndexResult } from "../result";
import { describeNormalize, type IndexSpec, type TreatOverride } from "../spec";
import { quantileSorted } from "../stats";
import type { DataSet } from "../types";
import { buildInputModel, DEFAULT_INPUTS, type InputModel, type UncertainInputs } from "./inputs";
import { Random, mixSeed } from "../stats/random";
import type { Task } from "./task";

export interface UncertaintyOptions {
  /** Number of runs (default 1,000). */
  runs?: number;
  inputs?: UncertainInputs;
  /** Percentiles of the intervals (default 0.05 and 0.95). */
  low?: number;
  high?: number;
}

export interface UnitUncertainty {
  code: string;
  name: string;
  nominalRank: number;
  nominalScore: number;
  medianRank: number;
  rankLow: number;
  rankHigh: number;
  meanScore: number;
  scoreLow: number;
  scoreHigh: number;
}

export interface UncertaintyResult {
  runs: number;
  seed: number;
  inputs: string[];
  notes: string[];
  /** The notes as catalogue messages (same order), for the analyst's language. */
  noteTexts?: Message[];
  low: number;
  high: number;
  /** Units with a nominal rank, sorted by it (then by code); unranked units last. */
  units: UnitUncertainty[];
  /** Runs that used the nominal normalization: mean scores and their interval are over these only. */
  scoreRuns: number;
  /** Mean absolute rank shift against the nominal ranks, per run. */
  rankShift: Float64Array;
}

/** A function of one input row that runs the pipeline and keeps the index scores and ranks of that run. */
export interface IndexModel {
  model: InputModel;
  /** Runs the pipeline for one row; returns the mean absolute rank shift and fills `scores` and `ranks`. */
  run(u: Float64Array): number;
  scores: Float64Array;
  ranks: Float64Array;
  /** The latest run used the nominal normalization (its scores are on the nominal scale). */
  nominalScale: boolean;
  nominalRanks: Float64Array;
  nominalScores: Float64Array;
}

export function indexModel(result: IndexResult, inputs: UncertainInputs = DEFAULT_INPUTS): IndexModel {
  // When neither imputation nor treatment is uncertain, denominate → impute → screen → treat give the
  // same columns in every run: start the runs from the nominal treated columns (screened-out units are
  // already NaN there) and skip those steps, which are most of the cost of a run.
  const frontSteps = ["denominate", "impute", "screen", "treat"];
  const frontFixed =
    !inputs.impute?.length &&
    !inputs.winsorize &&
    !(inputs.paths ?? []).some((p) => frontSteps.includes(p.path.split(".")[0]!));
  const model = frontFixed
    ? buildInputModel(result, inputs, {
        denominate: false,
        impute: { method: "none" },
        screen: null,
        treat: untreated(result),
      })
    : buildInputModel(result, inputs);
  const dataset: DataSet = { units: result.units, indicators: frontFixed ? result.steps.treated : result.steps.raw };
  const rootIndex = result.scores.codes.indexOf(result.framework.root);
  const nominalRanks = result.ranks.columns[rootIndex]!;
  const nominalScores = result.scores.columns[rootIndex]!;
  const n = nominalRanks.length;
  const scores = new Float64Array(n);
  const ranks = new Float64Array(n);
  let runNumber = 0;
  const index: IndexModel = {
    model,
    scores,
    ranks,
    nominalScale: true,
    nominalRanks,
    nominalScores,
    run(u) {
      runNumber++;
      const spec = model.specFor(u);
      index.nominalScale = JSON.stringify(spec.normalize) === model.nominalNormalize;
      let out: IndexResult;
      try {
        out = runPipeline(dataset, result.framework, spec);
      } catch (error) {
        if (error instanceof IndexComputeError || error instanceof IndexInputError) {
          const what = `normalize ${spec.normalize.method}, aggregate ${spec.aggregate.method}, impute ${spec.impute.method}, treat ${spec.treat.method}`;
          throw new IndexComputeError(
            `uncertainty run ${runNumber} (${what}) could not be computed: ${error.message}. Drop that alternative from the uncertain inputs.`,
          );
        }
        throw error;
      }
      scores.set(out.scores.columns[rootIndex]!);
      ranks.set(out.ranks.columns[rootIndex]!);
      let shift = 0;
      let count = 0;
      for (let i = 0; i < n; i++) {
        const a = ranks[i]!;
        const b = nominalRanks[i]!;
        if (a === a && b === b) {
          shift += Math.abs(a - b);
          count++;
        }
      }
      return count ? shift / count : 0;
    },
  };
  return index;
}

/** No treatment at all, also for indicators with their own (the Framework's Treat column): the runs start from treated columns. */
function untreated(result: IndexResult): IndexSpec["treat"] {
  const byIndicator: Record<string, TreatOverride> = Object.create(null) as Record<string, TreatOverride>;
  for (const node of result.framework.indicators) byIndicator[node.code] = { method: "none" };
  return { method: "none", byIndicator };
}

/** Runs the analysis step by step, yielding the number of runs done (for progress and cancelling). */
export function* uncertaintyTask(
  result: IndexResult,
  options: UncertaintyOptions,
  seed: number,
): Task<UncertaintyResult> {
  const runs = options.runs ?? 1000;
  // Every run's ranks and scores are kept for the percentiles: 16 bytes per unit and run, within the budget.
  checkAnalysisBudget(
    { units: result.units.codes.length, indicators: result.framework.indicators.length, sensitivityInputs: 0 },
    { uncertaintyRuns: runs },
  );
  const low = options.low ?? 0.05;
  const high = options.high ?? 0.95;
  const index = indexModel(result, options.inputs);
  const n = index.nominalRanks.length;
  const width = index.model.groups.reduce((s, g) => s + g.size, 0);
  const rng = new Random(mixSeed(seed, 0x3c));
  const row = new Float64Array(width);
  // Run-major storage, transposed per unit at the end: one allocation for all runs.
  const allRanks = new Float64Array(runs * n);
  const allScores = new Float64Array(runs * n);
  const rankShift = new Float64Array(runs);
  // Scores of runs under another normalization are on another scale: they are kept out of the mean.
  const onScale = new Uint8Array(runs);
  let scoreRuns = 0;
  for (let r = 0; r < runs; r++) {
    for (let j = 0; j < width; j++) row[j] = rng.uniform();
    rankShift[r] = index.run(row);
    allRanks.set(index.ranks, r * n);
    allScores.set(index.scores, r * n);
    if (index.nominalScale) {
      onScale[r] = 1;
      scoreRuns++;
    }
    yield r + 1;
  }
  const unitRanks = new Float64Array(runs);
  const unitScores = new Float64Array(runs);
  const units: UnitUncertainty[] = result.units.codes.map((code, i) => {
    let kr = 0;
    let ks = 0;
    let sum = 0;
    for (let r = 0; r < runs; r++) {
      const rank = allRanks[r * n + i]!;
      const score = allScores[r * n + i]!;
      if (rank === rank) unitRanks[kr++] = rank;
      if (score === score && onScale[r] === 1) {
        unitScores[ks++] = score;
        sum += score;
      }
    }
    const ranks = unitRanks.subarray(0, kr).sort();
    const scores = unitScores.subarray(0, ks).sort();
    return {
      code,
      name: result.units.names[i] ?? code,
      nominalRank: index.nominalRanks[i]!,
      nominalScore: index.nominalScores[i]!,
      medianRank: quantileSorted(ranks, 0.5),
      rankLow: quantileSorted(ranks, low),
      rankHigh: quantileSorted(ranks, high),
      meanScore: ks ? sum / ks : NaN,
      scoreLow: quantileSorted(scores, low),
      scoreHigh: quantileSorted(scores, high),
    };
  });
  units.sort((a, b) => order(a.nominalRank) - order(b.nominalRank) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const notes = [...index.model.notes];
  const noteTexts = [...index.model.noteTexts];
  if (scoreRuns < runs) {
    const text = msg("note.scoreRuns", { scoreRuns, runs, method: describeNormalize(result.spec.normalize) });
    notes.push(render("en", text));
    noteTexts.push(text);
  }
  return { runs, seed, inputs: index.model.descriptions, notes, noteTexts, low, high, units, rankShift, scoreRuns };
}

const order = (rank: number) => (rank === rank ? rank : Infinity);
