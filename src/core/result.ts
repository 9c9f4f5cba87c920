/** What computeIndex returns: every step's output, the scores and ranks, and the audit log. */
import type { EditionsInfo } from "./editions/types";
import type { ValidationIssue } from "./errors";
import type { IndexSpec } from "./spec";
import type { BelowCoverage } from "./steps/aggregate";
import type { ColumnSet, Framework, MethodSource, Units } from "./types";

export interface ImputedCell {
  unit: string;
  indicator: string;
  value: number;
  /** "mean", "median", "group-mean (Europe)", ... */
  method: string;
}

export interface ExcludedUnit {
  unit: string;
  /** Share of non-missing indicator values on the screening basis (raw or imputed). */
  coverage: number;
  /** Share of non-zero values among the available ones, when screen.minNonZero is set. */
  nonZero?: number;
  /** Why: below minCoverage, below minNonZero, or listed in screen.exclude. */
  reason: "coverage" | "nonzero" | "forced";
}

/** A unit kept by screen.include. */
export interface ForcedUnit {
  unit: string;
  coverage: number;
  nonZero?: number;
  /** The thresholds alone would have excluded it. */
  wouldBeExcluded: boolean;
}

/** The method one indicator got, and where it came from (COINr indiv_specs). */
export interface IndicatorMethod {
  indicator: string;
  normalize: string;
  normalizeSource: MethodSource;
  treat: string;
  treatSource: MethodSource;
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
  /** Units kept by screen.include (empty without screening). */
  forced: ForcedUnit[];
  /** Coverage of every unit (share of non-missing indicator values on the screening basis, raw by default). */
  coverage: Float64Array;
  treatment: TreatmentRecord[];
  /** Normalization and treatment of every indicator, in Framework order. */
  methods: IndicatorMethod[];
  /** Aggregate scores left missing because too few children had a value (aggregate.minCoverage). */
  belowCoverage: BelowCoverage[];
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
