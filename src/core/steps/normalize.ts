/** Normalize: bring every indicator onto a common scale, direction applied first. */
import { IndexComputeError } from "../errors";
import type { NormalizeBlock, NormalizeSpec } from "../spec";
import { mean, minMax, sd } from "../stats";
import type { ColumnSet, Framework, IndicatorNode, MethodSource } from "../types";
import { scaledForSums } from "./magnitude";
import { rankAscending } from "./rank";

export interface NormalizeMeta {
  code: string;
  direction: 1 | -1;
  target?: number;
  goalLow?: number;
  goalHigh?: number;
}

export function normalizeColumn(x: Float64Array, spec: NormalizeSpec, meta: NormalizeMeta): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  // dist2target and goalposts read the raw values and apply the direction themselves.
  if (spec.method === "dist2target") return distanceToTarget(x, meta, spec.cap);
  if (spec.method === "goalposts") return goalposts(x, meta, spec.scale);
  const y = meta.direction === 1 ? x : negate(x);
  switch (spec.method) {
    case "minmax": {
      const [lo, hi] = rangeOf(y, meta.code, "min-max");
      const f = (spec.high - spec.low) / (hi - lo);
      const { low, high } = spec;
      // Rounding can put the maximum one ulp above `high`: the scale's ends are exact by definition.
      if (Number.isFinite(f)) {
        for (let i = 0; i < n; i++) {
          const v = (y[i]! - lo) * f + low;
          out[i] = v > high ? high : v;
        }
      } else {
        // A subnormal range (e.g. values 0 and -7e-323), or bounds such as ±1e308 whose difference
        // overflows, make f infinite: divide first, and weigh the bounds (no high - low).
        for (let i = 0; i < n; i++) {
          const t = (y[i]! - lo) / (hi - lo);
          const v = low * (1 - t) + high * t;
          out[i] = v > high ? high : v;
        }
      }
      return out;
    }
    case "zscore": {
      const ys = scaledForSums(y); // z-scores are scale-free: values near 1e308 are scaled exactly first
      const m = mean(ys);
      const s = sd(ys);
      if (!(s > 0)) throw constantError(meta.code, "z-score", "its standard deviation is 0");
      if (!Number.isFinite(s)) throw constantError(meta.code, "z-score", "its values are too large to compute a standard deviation (check for mistyped values)");
      const f = spec.sd / s;
      for (let i = 0; i < n; i++) out[i] = (ys[i]! - m) * f + spec.mean;
      return out;
    }
    case "rank":
      return rankAscending(y);
    case "percentile": {
      const r = rankAscending(y);
      let available = 0;
      for (let i = 0; i < n; i++) if (r[i] === r[i]) available++;
      if (available < 2) throw constantError(meta.code, "percentile", "it has fewer than 2 values");
      for (let i = 0; i < n; i++) out[i] = (r[i]! - 1) / (available - 1);
      return out;
    }
    case "borda": {
      const r = rankAscending(y);
      for (let i = 0; i < n; i++) out[i] = r[i]! - 1;
      return out;
    }
    case "fracmax":
      return fractionOfBest(x, meta);
    case "none":
      return y === x ? x.slice() : y;
    case "dist2max": {
      const [lo, hi] = rangeOf(y, meta.code, "distance to maximum");
      for (let i = 0; i < n; i++) out[i] = 1 - (hi - y[i]!) / (hi - lo);
      return out;
    }
  }
}

/**
 * x / max(x); for direction -1, min(x) / x on the raw values, so the lowest (best) value scores 1
 * (COINr negates first, which reverses the order). A ratio needs positive values.
 */
function fractionOfBest(x: Float64Array, meta: NormalizeMeta): Float64Array {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v <= 0) {
      throw new ValueError(
        `Indicator ${meta.code} cannot be normalized by fraction of the best value (fracmax): this value is ${v}, and the ratio needs values > 0. ` +
          "Use min-max or distance to maximum for indicators with zero or negative values.",
        i,
        meta.code,
      );
    }
  }
  const [lo, hi] = minMax(x);
  if (lo !== lo) throw constantError(meta.code, "fraction of the best value", "it has no values");
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = meta.direction === 1 ? x[i]! / hi : lo / x[i]!;
  return out;
}

/** A problem with one value: the pipeline turns it into an issue naming the Data cell (unit row, indicator column). */
export class ValueError extends IndexComputeError {
  constructor(message: string, readonly unitIndex: number, readonly indicator: string) {
    super(message);
  }
}

function negate(x: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = -x[i]!;
  return out;
}

function rangeOf(y: Float64Array, code: string, method: string): [number, number] {
  const [lo, hi] = minMax(y);
  if (lo !== lo) throw constantError(code, method, "it has no values");
  if (hi === lo) throw constantError(code, method, `every value is ${lo}`);
  if (!Number.isFinite(hi - lo)) throw new IndexComputeError(`Indicator ${code} cannot be normalized by ${method}: its values span from ${lo} to ${hi}, beyond what a number can hold. Check its data for mistyped values.`);
  return [lo, hi];
}

function constantError(code: string, method: string, why: string): IndexComputeError {
  return new IndexComputeError(
    `Indicator ${code} cannot be normalized by ${method}: ${why}. Remove it from the Framework, give it a weight of 0 and another method, or check its data.`,
  );
}

function distanceToTarget(x: Float64Array, meta: NormalizeMeta, cap: boolean): Float64Array {
  const t = meta.target;
  if (t === undefined || t !== t) {
    throw new IndexComputeError(`Indicator ${meta.code} has no Target: fill its Target cell in the Framework to use dist2target.`);
  }
  const [lo, hi] = rangeOf(x, meta.code, "distance to target");
  const denom = meta.direction === 1 ? t - lo : hi - t;
  if (denom === 0) throw new IndexComputeError(`Indicator ${meta.code}: its Target equals its ${meta.direction === 1 ? "minimum" : "maximum"}, so the distance to target is undefined; choose another Target.`);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = meta.direction === 1 ? (x[i]! - lo) / denom : (hi - x[i]!) / denom;
    out[i] = cap && v > 1 ? 1 : v;
  }
  return out;
}

function goalposts(x: Float64Array, meta: NormalizeMeta, scale: number): Float64Array {
  const { goalLow: low, goalHigh: high } = meta;
  if (low === undefined || high === undefined || !(high > low)) {
    throw new IndexComputeError(`Indicator ${meta.code} needs goalposts: fill GoalLow and GoalHigh in the Framework with GoalHigh > GoalLow.`);
  }
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v !== v) {
      out[i] = NaN;
      continue;
    }
    const f = Math.min(1, Math.max(0, (v - low) / (high - low)));
    out[i] = (meta.direction === 1 ? f : 1 - f) * scale;
  }
  return out;
}

/** The method each indicator gets: the spec's byIndicator, then the Framework's Normalize column, then the global method. */
export function normalizeMethodOf(node: IndicatorNode, spec: NormalizeBlock): { spec: NormalizeSpec; source: MethodSource } {
  const own = spec.byIndicator?.[node.code];
  if (own) return { spec: own, source: "spec" };
  if (node.normalize) return { spec: node.normalize, source: "framework" };
  const { byIndicator: _, ...global } = spec;
  return { spec: global as NormalizeSpec, source: "global" };
}

export function normalize(set: ColumnSet, framework: Framework, spec: NormalizeBlock): ColumnSet {
  const perIndicator = !!spec.byIndicator || framework.indicators.some((node) => node.normalize);
  const columns = set.columns.map((column, j) => {
    const node = framework.indicators[j]!;
    return normalizeColumn(column, perIndicator ? normalizeMethodOf(node, spec).spec : spec, node);
  });
  return { codes: set.codes, columns };
}
