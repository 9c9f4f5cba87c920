/** Per-indicator statistics and flags, column for column as COINr's get_stats (thresholds included). */
import { countAvailable, kurt, mean, median, minMax, sd, skew } from "../stats";

export interface StatThresholds {
  /** Flag outliers when |skew| > skew AND kurt > kurt (COINr t_skew, t_kurt). */
  skew: number;
  kurt: number;
  /** Flag low availability when available / units < this (t_avail). */
  availability: number;
  /** Flag many zeros when non-zero / units < this (t_zero). */
  nonZero: number;
  /** Flag near-constant columns when distinct values / units < this (t_unq). */
  unique: number;
}

export const DEFAULT_THRESHOLDS: StatThresholds = { skew: 2, kurt: 3.5, availability: 0.65, nonZero: 0.5, unique: 0.5 };

export interface IndicatorStats {
  code: string;
  min: number;
  max: number;
  mean: number;
  median: number;
  sd: number;
  skew: number;
  kurt: number;
  available: number;
  nonZero: number;
  unique: number;
  /** Size of the largest set of equal values. */
  same: number;
  /** Shares: available over all units; the others over the available values. */
  shareAvailable: number;
  shareNonZero: number;
  shareUnique: number;
  shareSame: number;
  flags: {
    lowAvailability: boolean;
    manyZeros: boolean;
    nearConstant: boolean;
    outliers: boolean;
  };
}

export function indicatorStats(
  code: string,
  x: Float64Array,
  thresholds: StatThresholds = DEFAULT_THRESHOLDS,
): IndicatorStats {
  const units = x.length;
  const available = countAvailable(x);
  const counts = new Map<number, number>();
  let nonZero = 0;
  for (let i = 0; i < units; i++) {
    const v = x[i]!;
    if (v !== v) continue;
    if (v !== 0) nonZero++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let same = 0;
  for (const c of counts.values()) if (c > same) same = c;
  const [lo, hi] = minMax(x);
  const s = skew(x);
  const k = kurt(x);
  return {
    code,
    min: lo,
    max: hi,
    mean: mean(x),
    median: median(x),
    sd: sd(x),
    skew: s,
    kurt: k,
    available,
    nonZero,
    unique: counts.size,
    same,
    shareAvailable: units ? available / units : NaN,
    shareNonZero: available ? nonZero / available : NaN,
    shareUnique: available ? counts.size / available : NaN,
    shareSame: available ? same / available : NaN,
    // As COINr: the zero and unique flags divide by all units, not by the available ones.
    flags: {
      lowAvailability: !(available / units >= thresholds.availability),
      manyZeros: !(nonZero / units >= thresholds.nonZero),
      nearConstant: !(counts.size / units >= thresholds.unique),
      outliers: Math.abs(s) > thresholds.skew && k > thresholds.kurt,
    },
  };
}
