/** Each normalization once: its options, its formula, its names and its line of docs. */
import { z } from "zod";
import { IndexComputeError } from "../errors";
import { msg, type Message } from "../messages";
import { mean, minMax, sd } from "../stats";
import { scaledForSums } from "../steps/magnitude";
import { rankAscending } from "../steps/rank";
import { copyColumn, newColumn } from "../column-arena";
import { registry, schemasOf, type MethodEntry, type MethodSchema } from "./entry";

const num = z.number().refine(Number.isFinite, "must be a finite number");

/** What a normalization knows of its indicator (the Framework's row, or a worksheet column). */
export interface NormalizeMeta {
  code: string;
  direction: 1 | -1;
  target?: number;
  goalLow?: number;
  goalHigh?: number;
}

export interface NormalizeEntry<S extends MethodSchema = MethodSchema> extends MethodEntry<S> {
  /** "directed": gets the values with the direction applied (negated for -1); "raw": applies it itself. */
  input: "directed" | "raw";
  /** The Framework columns it reads; such methods cannot run on a bare worksheet range. */
  frameworkColumns?: readonly string[];
  /** Leaves values as they are: IDX.SCORE offers it ("data already normalized"), IDX.NORMALIZE does not. */
  identity?: true;
  apply(x: Float64Array, spec: z.output<S>, meta: NormalizeMeta): Float64Array;
  /** The method with its parameters for the log ("minmax [0, 100]"); the name alone when absent. */
  describe?(spec: z.output<S>): string;
}

const entry = <S extends MethodSchema>(e: NormalizeEntry<S>): NormalizeEntry<S> => e;

export const NORMALIZE_REGISTRY = registry({
  minmax: entry({
    schema: z
      .strictObject({ method: z.literal("minmax"), low: num.default(0), high: num.default(100) })
      .refine((v) => v.high > v.low, "high must be greater than low"),
    label: { en: "Min–max", zh: "最小–最大" },
    doc: "rescales to [low, high] (default 0–100): (x − min) / (max − min) · (high − low) + low",
    input: "directed",
    apply: minMaxScale,
    describe: (s) => `minmax [${s.low}, ${s.high}]`,
  }),
  zscore: entry({
    schema: z
      .strictObject({ method: z.literal("zscore"), mean: num.default(0), sd: num.default(1) })
      .refine((v) => v.sd > 0, "sd must be greater than 0"),
    label: { en: "z-score", zh: "z 分数" },
    doc: "standardizes to the given mean and sd (default 0 and 1), sample standard deviation",
    input: "directed",
    apply: zScore,
    describe: (s) => `zscore (mean ${Math.round(s.mean * 1000) / 1000}, sd ${s.sd})`,
  }),
  rank: entry({
    schema: z.strictObject({ method: z.literal("rank") }),
    label: { en: "Rank", zh: "排名" },
    doc: "rank from the lowest value (1) up; ties share the lowest rank",
    input: "directed",
    apply: (y) => rankAscending(y),
  }),
  percentile: entry({
    schema: z.strictObject({ method: z.literal("percentile") }),
    label: { en: "Percentile rank", zh: "百分位排名" },
    doc: "percentile rank (rank − 1) / (n − 1), from 0 to 1",
    input: "directed",
    apply: percentileRank,
  }),
  borda: entry({
    schema: z.strictObject({ method: z.literal("borda") }),
    label: { en: "Borda", zh: "Borda 计分" },
    doc: "Borda score: rank − 1, the number of units below",
    input: "directed",
    apply: (y) => {
      const r = rankAscending(y);
      for (let i = 0; i < r.length; i++) r[i] = r[i]! - 1;
      return r;
    },
  }),
  fracmax: entry({
    schema: z.strictObject({ method: z.literal("fracmax") }),
    label: { en: "Fraction of max", zh: "占最大值比例" },
    doc: "fraction of the best value: x / max (min / x when lower is better); values must be > 0",
    input: "raw",
    apply: (x, _spec, meta) => fractionOfBest(x, meta),
  }),
  dist2max: entry({
    schema: z.strictObject({ method: z.literal("dist2max") }),
    label: { en: "Distance to max", zh: "距最大值" },
    doc: "distance to the maximum: 1 − (max − x) / (max − min)",
    input: "directed",
    apply: (y, _spec, meta) => {
      const [lo, hi] = rangeOf(y, meta.code, msg("by.dist2max"));
      const out = newColumn(y.length);
      for (let i = 0; i < y.length; i++) out[i] = 1 - (hi - y[i]!) / (hi - lo);
      return out;
    },
  }),
  dist2target: entry({
    schema: z.strictObject({ method: z.literal("dist2target"), cap: z.boolean().default(false) }),
    label: { en: "Distance to target", zh: "距目标值" },
    doc: "distance to each indicator's Target (Framework column), optionally capped at 1",
    input: "raw",
    frameworkColumns: ["Target"],
    apply: (x, spec, meta) => distanceToTarget(x, meta, spec.cap),
    describe: (s) => (s.cap ? "dist2target (capped at 1)" : "dist2target"),
  }),
  goalposts: entry({
    schema: z.strictObject({ method: z.literal("goalposts"), scale: num.default(1) }),
    label: { en: "Goalposts", zh: "门柱法" },
    doc: "position between GoalLow and GoalHigh (Framework columns), clipped to [0, 1], times scale",
    input: "raw",
    frameworkColumns: ["GoalLow", "GoalHigh"],
    apply: (x, spec, meta) => goalposts(x, meta, spec.scale),
    describe: (s) => `goalposts (scale ${s.scale})`,
  }),
  // Data already on a common scale: only the direction is applied (COINr f_n = "none").
  none: entry({
    schema: z.strictObject({ method: z.literal("none") }),
    label: { en: "None", zh: "无" },
    doc: "no rescaling: only the direction is applied (data already on a common scale)",
    input: "directed",
    identity: true,
    apply: (y) => copyColumn(y),
  }),
});

export type NormalizeMethod = keyof typeof NORMALIZE_REGISTRY;
export const NORMALIZE_METHODS = Object.keys(NORMALIZE_REGISTRY) as readonly NormalizeMethod[];
/** The normalize block, or its string shorthand ("rank" = { "method": "rank" }). */
export const normalizeSchema = z.preprocess(
  (v) => (typeof v === "string" ? { method: v } : v),
  z.discriminatedUnion("method", schemasOf(NORMALIZE_REGISTRY)),
);
export type NormalizeSpec = z.output<typeof normalizeSchema>;

/** An entry typed for the spec at hand (entries differ in their parameters, the call sites do not). */
export function normalizeEntry(spec: NormalizeSpec): NormalizeEntry {
  return NORMALIZE_REGISTRY[spec.method] as unknown as NormalizeEntry;
}

function minMaxScale(y: Float64Array, spec: { low: number; high: number }, meta: NormalizeMeta): Float64Array {
  const n = y.length;
  const out = newColumn(n);
  const [lo, hi] = rangeOf(y, meta.code, msg("by.minmax"));
  const { low, high } = spec;
  const f = (high - low) / (hi - lo);
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

function zScore(y: Float64Array, spec: { mean: number; sd: number }, meta: NormalizeMeta): Float64Array {
  const ys = scaledForSums(y); // z-scores are scale-free: values near 1e308 are scaled exactly first
  const m = mean(ys);
  const s = sd(ys);
  if (!(s > 0)) throw constantError(meta.code, msg("by.zscore"), msg("compute.sdZero"));
  if (!Number.isFinite(s)) throw constantError(meta.code, msg("by.zscore"), msg("compute.sdTooLarge"));
  const f = spec.sd / s;
  const out = newColumn(y.length);
  for (let i = 0; i < y.length; i++) out[i] = (ys[i]! - m) * f + spec.mean;
  return out;
}

function percentileRank(y: Float64Array, _spec: unknown, meta: NormalizeMeta): Float64Array {
  const r = rankAscending(y);
  let available = 0;
  for (let i = 0; i < r.length; i++) if (r[i] === r[i]) available++;
  if (available < 2) throw constantError(meta.code, msg("by.percentile"), msg("compute.fewerThan2"));
  for (let i = 0; i < r.length; i++) r[i] = (r[i]! - 1) / (available - 1);
  return r;
}

/** A problem with one value: the pipeline turns it into an issue naming the Data cell (unit row, indicator column). */
export class ValueError extends IndexComputeError {
  constructor(
    message: string | Message,
    readonly unitIndex: number,
    readonly indicator: string,
  ) {
    super(message);
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
  if (lo !== lo) throw constantError(meta.code, msg("by.fracmax"), msg("compute.noValues"));
  const out = newColumn(n);
  for (let i = 0; i < n; i++) out[i] = meta.direction === 1 ? x[i]! / hi : lo / x[i]!;
  return out;
}

function rangeOf(y: Float64Array, code: string, method: Message): [number, number] {
  const [lo, hi] = minMax(y);
  if (lo !== lo) throw constantError(code, method, msg("compute.noValues"));
  if (hi === lo) throw constantError(code, method, msg("compute.everyValue", { value: lo }));
  if (!Number.isFinite(hi - lo)) throw new IndexComputeError(msg("compute.span", { code, method, lo, hi }));
  return [lo, hi];
}

function constantError(code: string, method: Message, why: Message): IndexComputeError {
  return new IndexComputeError(msg("compute.constant", { code, method, why }));
}

function distanceToTarget(x: Float64Array, meta: NormalizeMeta, cap: boolean): Float64Array {
  const t = meta.target;
  if (t === undefined || t !== t) {
    throw new IndexComputeError(
      `Indicator ${meta.code} has no Target: fill its Target cell in the Framework to use dist2target.`,
    );
  }
  const [lo, hi] = rangeOf(x, meta.code, msg("by.dist2target"));
  const denom = meta.direction === 1 ? t - lo : hi - t;
  if (denom === 0)
    throw new IndexComputeError(
      `Indicator ${meta.code}: its Target equals its ${meta.direction === 1 ? "minimum" : "maximum"}, so the distance to target is undefined; choose another Target.`,
    );
  const out = newColumn(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = meta.direction === 1 ? (x[i]! - lo) / denom : (hi - x[i]!) / denom;
    out[i] = cap && v > 1 ? 1 : v;
  }
  return out;
}

function goalposts(x: Float64Array, meta: NormalizeMeta, scale: number): Float64Array {
  const { goalLow: low, goalHigh: high } = meta;
  if (low === undefined || high === undefined || !(high > low)) {
    throw new IndexComputeError(
      `Indicator ${meta.code} needs goalposts: fill GoalLow and GoalHigh in the Framework with GoalHigh > GoalLow.`,
    );
  }
  const out = newColumn(x.length);
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
