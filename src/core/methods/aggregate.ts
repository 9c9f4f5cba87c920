/** Each weighted mean once: its options, its formula, the values it is defined for, its names and docs. */
import { z } from "zod";
import { registry, schemasOf, type MethodEntry, type MethodSchema } from "./entry";

const num = z.number().refine(Number.isFinite, "must be a finite number");

/** A weighted mean as a sum of weighted terms, mapped back by finish (the quasi-arithmetic form). */
export interface MeanKernel {
  /**
   * Adds one child's weighted terms (w·x, w·ln x, w / x, w·x^p) to `sum`, skipping missing values.
   * A whole column per call, each entry with its own loop: one shared per-value callback ran 2–4× slower.
   */
  add(sum: Float64Array, x: Float64Array, w: number): void;
  /** `sum` = the terms' sum, `weight` = Σ w (> 0). */
  finish(sum: number, weight: number): number;
}

/** Values a mean is defined for: positive (x > 0), non-negative (x ≥ 0), or any. */
export interface MeanDomain {
  positive: boolean;
  nonNegative: boolean;
}

export interface AggregateEntry<S extends MethodSchema = MethodSchema> extends MethodEntry<S> {
  kernel(spec: z.output<S>): MeanKernel;
  domain(spec: z.output<S>): MeanDomain;
  /** The p of the power mean it is (the geometric mean is the limit p → 0): steps/magnitude rescales by it. */
  powerOf(spec: z.output<S>): number;
}

const entry = <S extends MethodSchema>(e: AggregateEntry<S>): AggregateEntry<S> => e;
const ANY: MeanDomain = { positive: false, nonNegative: false };
const POSITIVE: MeanDomain = { positive: true, nonNegative: false };

export const AGGREGATE_REGISTRY = registry({
  arithmetic: entry({
    schema: z.strictObject({ method: z.literal("arithmetic") }),
    label: { en: "Arithmetic mean", zh: "算术平均" },
    doc: "weighted arithmetic mean Σ w·x / Σ w (fully compensatory)",
    kernel: () => ({
      add: (sum, x, w) => {
        for (let i = 0; i < x.length; i++) if (x[i] === x[i]) sum[i]! += w * x[i]!;
      },
      finish: (s, w) => s / w,
    }),
    domain: () => ANY,
    powerOf: () => 1,
  }),
  geometric: entry({
    schema: z.strictObject({ method: z.literal("geometric") }),
    label: { en: "Geometric mean", zh: "几何平均" },
    doc: "weighted geometric mean exp(Σ w·ln x / Σ w); values must be > 0",
    kernel: () => ({
      add: (sum, x, w) => {
        for (let i = 0; i < x.length; i++) if (x[i] === x[i]) sum[i]! += w * Math.log(x[i]!);
      },
      finish: (s, w) => Math.exp(s / w),
    }),
    domain: () => POSITIVE,
    powerOf: () => 0,
  }),
  harmonic: entry({
    schema: z.strictObject({ method: z.literal("harmonic") }),
    label: { en: "Harmonic mean", zh: "调和平均" },
    doc: "weighted harmonic mean Σ w / Σ (w / x); values must be > 0",
    kernel: () => ({
      add: (sum, x, w) => {
        for (let i = 0; i < x.length; i++) if (x[i] === x[i]) sum[i]! += w / x[i]!;
      },
      finish: (s, w) => w / s,
    }),
    domain: () => POSITIVE,
    powerOf: () => -1,
  }),
  power: entry({
    schema: z.strictObject({
      method: z.literal("power"),
      p: num.refine((v) => v !== 0, "p must not be 0 (p = 0 is the geometric mean)"),
    }),
    label: { en: "Power mean", zh: "幂平均" },
    doc: "weighted power mean (Σ w·x^p / Σ w)^(1/p), p ≠ 0; p < 0 needs values > 0, odd or fractional p > 1 values ≥ 0",
    powerOf: ({ p }) => p,
    kernel: ({ p }) => ({
      add: (sum, x, w) => {
        for (let i = 0; i < x.length; i++) if (x[i] === x[i]) sum[i]! += w * Math.pow(x[i]!, p);
      },
      finish: (s, w) => Math.pow(s / w, 1 / p),
    }),
    /**
     * p < 0 divides by powers of x (as the harmonic mean, p = -1), so x > 0; an odd or non-integer
     * p > 1 has no real root of a negative sum, so x ≥ 0; an even p and p = 1 take any value.
     */
    domain: ({ p }) => {
      if (p < 0) return POSITIVE;
      const evenOrOne = p === 1 || (Number.isInteger(p) && p % 2 === 0);
      return { positive: false, nonNegative: !evenOrOne };
    },
  }),
});

export type AggregateMethod = keyof typeof AGGREGATE_REGISTRY;
export const AGGREGATE_METHODS = Object.keys(AGGREGATE_REGISTRY) as readonly AggregateMethod[];
/** One level's method, or its string shorthand ("geometric"). */
export const aggregateOneSchema = z.preprocess(
  (v) => (typeof v === "string" ? { method: v } : v),
  z.discriminatedUnion("method", schemasOf(AGGREGATE_REGISTRY)),
);
export type AggregateOneSpec = z.output<typeof aggregateOneSchema>;

/** An entry typed for the spec at hand (entries differ in their parameters, the call sites do not). */
export function aggregateEntry(spec: AggregateOneSpec): AggregateEntry<MethodSchema> {
  return AGGREGATE_REGISTRY[spec.method] as unknown as AggregateEntry<MethodSchema>;
}
