/**
 * The shown edition as an index of its own, for the uncertainty and sensitivity analysis, whose
 * runs re-run the pipeline on one dataset: normalization on this edition alone (as "separate"),
 * carry-forward values taken as given (the other editions are not in the runs).
 */
import { runPipeline } from "../pipeline";
import type { IndexResult } from "../result";
import type { IndexSpec } from "../spec";

export function standaloneEdition(result: IndexResult): IndexResult {
  if (!result.editions) return result;
  const carried = result.spec.impute.method === "carry-forward";
  const { editions: _editions, ...rest } = result.spec;
  // Carried values are already in steps.imputed, which is after denominating: neither step runs again.
  const spec: IndexSpec = carried ? { ...rest, denominate: false, impute: { method: "none" } } : rest;
  const indicators = carried ? result.steps.imputed : result.steps.raw;
  return runPipeline({ units: result.units, indicators }, result.framework, spec);
}
