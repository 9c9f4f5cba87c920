/**
 * Variance-based sensitivity of the index ranks: the Saltelli design over the uncertain inputs,
 * output y = mean absolute rank shift against the nominal ranks.
 */
import { msg, render, type Message } from "../messages";
import { checkAnalysisBudget } from "../analysis/budget";
import type { IndexResult } from "../result";
import { indexModel } from "./montecarlo";
import type { UncertainInputs } from "./inputs";
import { saltelliTask, type SobolIndex } from "./sobol";
import type { Task } from "./task";

export interface SensitivityOptions {
  /** Base sample size N: N·(d + 2) pipeline runs for d inputs (default 1,000). */
  n?: number;
  inputs?: UncertainInputs;
  /** Bootstrap resamples for the intervals (default 1,000). */
  bootstrap?: number;
  /** Two-sided confidence of the intervals (default 0.95). */
  confidence?: number;
}

export interface SensitivityResult {
  n: number;
  runs: number;
  seed: number;
  confidence: number;
  /** One entry per uncertain input, in design order, with its description. */
  indices: (SobolIndex & { description: string; descriptionText?: Message })[];
  /** Mean and variance of the mean absolute rank shift over the runs of A and B. */
  meanRankShift: number;
  variance: number;
  notes: string[];
  /** The notes as catalogue messages (same order), for the analyst's language. */
  noteTexts?: Message[];
}

export function sensitivityRuns(result: IndexResult, options: SensitivityOptions): number {
  return (options.n ?? 1000) * (sensitivityInputCount(result, options) + 2);
}

/** The number d of uncertain inputs of the Saltelli design. */
export function sensitivityInputCount(result: IndexResult, options: SensitivityOptions): number {
  return indexModel(result, options.inputs).model.groups.length;
}

export function* sensitivityTask(
  result: IndexResult,
  options: SensitivityOptions,
  seed: number,
): Task<SensitivityResult> {
  const n = options.n ?? 1000;
  const index = indexModel(result, options.inputs);
  checkAnalysisBudget(
    {
      units: result.units.codes.length,
      indicators: result.framework.indicators.length,
      sensitivityInputs: index.model.groups.length,
    },
    { sensitivityN: n },
  );
  const { groups, descriptions, descriptionTexts } = index.model;
  const confidence = options.confidence ?? 0.95;
  const sobol = yield* saltelliTask((u) => index.run(u), groups, {
    n,
    seed,
    bootstrap: options.bootstrap ?? 1000,
    confidence,
  });
  const notes = [...index.model.notes];
  const noteTexts = [...index.model.noteTexts];
  if (!(sobol.variance > 0)) {
    notes.push(render("en", msg("note.ranksStill")));
    noteTexts.push(msg("note.ranksStill"));
  }
  return {
    n,
    runs: sobol.runs,
    seed,
    confidence,
    indices: sobol.indices.map((index, i) => ({
      ...index,
      description: descriptions[i]!,
      descriptionText: descriptionTexts[i],
    })),
    meanRankShift: sobol.mean,
    variance: sobol.variance,
    notes,
    noteTexts,
  };
}
