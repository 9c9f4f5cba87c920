/** What computeIndex returns: every step's output, the scores and ranks, and the audit log. */
import type { EditionsInfo } from "./editions/types";
import type { ValidationIssue } from "./errors";
import type { IndexSpec } from "./spec";
import type { ColumnSet, Framework, Units } from "./types";

export interface ImputedCell {
  unit: string;
  indicator: string;
  value: number;
  /** "mean", "median", "group-mean (Europe)", ... */
  method: string;
}

export interface ExcludedUnit {
  unit: string;
  coverage: number;
}

export interface TreatmentRecord {
  indicator: string;
  skewBefore: number;
  kurtBefore: number;
  skewAfter: number;
  kurtAfter: number;
  /** Units whose value was moved down to the next value (high side) or up (low side). */
  winsorizedHigh: string[];
  winsorizedLow: string[];
  /** "none" (passed), "winsorized", "log" (fallback on the original column), "failed" (still failing, no fallback). */
  action: "none" | "winsorized" | "log" | "failed";
}

export interface PipelineLog {
  imputed: ImputedCell[];
  excluded: ExcludedUnit[];
  /** Coverage of every unit (share of non-missing indicator values before imputation). */
  coverage: Float64Array;
  treatment: TreatmentRecord[];
}

export interface IndexResult {
  spec: IndexSpec;
  framework: Framework;
  units: Units;
  /** 1 = the unit takes part in normalization and aggregation, 0 = excluded by screening. */
  included: Uint8Array;
  /** Indicator columns after each step; a step that is off shares its input's arrays. */
  steps: {
    raw: ColumnSet;
    denominated: ColumnSet;
    imputed: ColumnSet;
    screened: ColumnSet;
    treated: ColumnSet;
    normalized: ColumnSet;
  };
  /** Scores of every aggregate, bottom-up as framework.aggregates (the root last). */
  scores: ColumnSet;
  /** Ranks of every aggregate (1 = best, ties share the lowest rank, NaN = no score). */
  ranks: ColumnSet;
  /** Weight of each node's share within its parent, times its ancestors' shares (root = 1). */
  effectiveWeights: Map<string, number>;
  /** The weights in force for each node (the Framework's, or the spec's overrides). */
  weights: Map<string, number>;
  log: PipelineLog;
  warnings: ValidationIssue[];
  /** Data with editions (a Time column): every edition, with this result showing one of them. */
  editions?: EditionsInfo;
}
