/**
 * One entry for the whole robustness analysis of a computed index: statistical audit, Monte Carlo
 * uncertainty and Saltelli sensitivity, seeded, with progress and cancel. Core's analysis package:
 * other layers import the audit, uncertainty, sensitivity and budget from here.
 */
import { standaloneEdition } from "../editions";
import { auditIndex, type AuditOptions, type AuditResult } from "../audit";
import type { IndexResult } from "../result";
import { uncertaintyTask, type UncertaintyOptions, type UncertaintyResult } from "../uncertainty/montecarlo";
import { checkAnalysisBudget, checkAuditBudget } from "./budget";
import {
  sensitivityInputCount,
  sensitivityTask,
  type SensitivityOptions,
  type SensitivityResult,
} from "../uncertainty/sensitivity";
import { AnalysisCancelledError } from "../uncertainty/task";

export type { UncertaintyOptions, UncertaintyResult, UnitUncertainty } from "../uncertainty/montecarlo";
export type { SensitivityOptions, SensitivityResult } from "../uncertainty/sensitivity";
export type { UncertainInputs } from "../uncertainty/inputs";
export { DEFAULT_INPUTS } from "../uncertainty/inputs";
export type { AuditOptions, AuditResult } from "../audit";
export { AnalysisCancelledError } from "../uncertainty/task";
export { auditIndex, indicatorStats, DEFAULT_THRESHOLDS } from "../audit";
export type {
  IndicatorStats,
  StatThresholds,
  NodeCorrelation,
  CollinearPair,
  GroupAudit,
  WeightImportance,
} from "../audit";
export { parseUncertainInputs } from "../uncertainty/inputs-schema";
export { analysisFindings, type AnalysisFindings } from "./findings";
export { sensitivityInputCount } from "../uncertainty/sensitivity";
export { analysisCost, type AnalysisSize } from "./budget";
export {
  checkAnalysisBudget,
  checkAuditBudget,
  maxSensitivityN,
  maxUncertaintyRuns,
  MAX_ANALYSIS_BYTES,
  MAX_ANALYSIS_CELL_RUNS,
  MAX_ANALYSIS_RUNS,
} from "./budget";

export type AnalysisPhase = "audit" | "uncertainty" | "sensitivity";

export interface AnalysisProgress {
  phase: AnalysisPhase;
  /** Pipeline runs done and planned over all phases (the audit counts as one). */
  done: number;
  total: number;
}

export interface AnalysisOptions {
  audit?: boolean | AuditOptions;
  uncertainty?: UncertaintyOptions;
  sensitivity?: SensitivityOptions;
  /** Seed of every random draw (default 1); the same seed gives the same numbers on every machine. */
  seed?: number;
  onProgress?: (progress: AnalysisProgress) => void;
  /** Polled after every run; true stops the analysis with AnalysisCancelledError. */
  shouldCancel?: () => boolean;
}

export interface AnalysisResult {
  seed: number;
  audit?: AuditResult;
  uncertainty?: UncertaintyResult;
  sensitivity?: SensitivityResult;
}

export function runAnalysis(result: IndexResult, options: AnalysisOptions): AnalysisResult {
  const task = analysisTask(result, options);
  for (;;) {
    const step = task.next();
    if (step.done) return step.value;
    options.onProgress?.(step.value);
    if (options.shouldCancel?.()) throw new AnalysisCancelledError();
  }
}

/** The analysis as a generator of progress, for callers that must yield between runs (the Web Worker). */
export function* analysisTask(
  result: IndexResult,
  options: Omit<AnalysisOptions, "onProgress" | "shouldCancel">,
): Generator<AnalysisProgress, AnalysisResult> {
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new RangeError(`the seed must be a whole number, got ${seed}`);
  const uncertaintyRuns = options.uncertainty ? (options.uncertainty.runs ?? 1000) : 0;
  const sensitivityInputs = options.sensitivity ? sensitivityInputCount(result, options.sensitivity) : 0;
  // The whole request against the one budget, before the audit or any run allocates anything.
  if (options.audit)
    checkAuditBudget(
      result.units.codes.length,
      result.framework.indicators.length,
      result.framework.aggregates.map((a) => a.children.length),
    );
  checkAnalysisBudget(
    { units: result.units.codes.length, indicators: result.framework.indicators.length, sensitivityInputs },
    {
      ...(options.uncertainty ? { uncertaintyRuns } : {}),
      ...(options.sensitivity ? { sensitivityN: options.sensitivity.n ?? 1000 } : {}),
    },
  );
  const sobolRuns = options.sensitivity ? (options.sensitivity.n ?? 1000) * (sensitivityInputs + 2) : 0;
  const total = (options.audit ? 1 : 0) + uncertaintyRuns + sobolRuns;
  const out: AnalysisResult = { seed };
  let before = 0;
  if (options.audit) {
    out.audit = auditIndex(result, options.audit === true ? {} : options.audit);
    before = 1;
    yield { phase: "audit", done: before, total };
  }
  // Editions: the runs re-run one dataset, so they analyse the shown edition as an index of its own.
  if (options.uncertainty || options.sensitivity) result = standaloneEdition(result);
  if (options.uncertainty) {
    const task = uncertaintyTask(result, options.uncertainty, seed);
    out.uncertainty = yield* progressOf(task, "uncertainty", before, total);
    before += uncertaintyRuns;
  }
  if (options.sensitivity) {
    const task = sensitivityTask(result, options.sensitivity, seed);
    out.sensitivity = yield* progressOf(task, "sensitivity", before, total);
  }
  return out;
}

function* progressOf<T>(
  task: Generator<number, T>,
  phase: AnalysisPhase,
  before: number,
  total: number,
): Generator<AnalysisProgress, T> {
  for (;;) {
    const step = task.next();
    if (step.done) return step.value;
    yield { phase, done: before + step.value, total };
  }
}
