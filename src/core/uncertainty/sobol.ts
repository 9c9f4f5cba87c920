/**
 * Variance-based sensitivity analysis: the Saltelli design (matrices A, B and A_B^i, N·(d+2)
 * model runs), first-order indices by Saltelli et al. (2010), total indices by Jansen (1999), and
 * bootstrap percentile intervals. Inputs may be groups of columns (e.g. all weights of a level):
 * A_B^i takes every column of input i from B.
 */
import { quantileSorted, sortedAvailable } from "../stats";
import { Random, mixSeed } from "../stats/random";
import { drive, type Task } from "./task";

/** The columns [start, start + size) of the design that belong to one uncertain input. */
export interface InputGroup {
  name: string;
  start: number;
  size: number;
}

export interface SobolIndex {
  input: string;
  /** First-order index S_i: the share of Var(y) explained by input i alone. */
  first: number;
  /** Total index ST_i: the share that involves input i, interactions included. */
  total: number;
  firstLow: number;
  firstHigh: number;
  totalLow: number;
  totalHigh: number;
}

export interface SobolResult {
  indices: SobolIndex[];
  /** Var(y) over the runs of A and B together; 0 means no input moves the output. */
  variance: number;
  mean: number;
  n: number;
  runs: number;
  /** Outputs of A, B and each A_B^i, kept for inspection and further bootstraps. */
  yA: Float64Array;
  yB: Float64Array;
  yAB: Float64Array[];
}

export interface SaltelliOptions {
  /** Base sample size N (rows of A and of B). */
  n: number;
  seed: number;
  /** Bootstrap resamples for the intervals (0 = none). */
  bootstrap?: number;
  /** Two-sided confidence of the intervals (default 0.95). */
  confidence?: number;
}

/** Total number of design columns of the groups (checks that they tile 0..dims-1). */
export function designWidth(groups: readonly InputGroup[]): number {
  let width = 0;
  for (const group of groups) {
    if (group.start !== width || group.size < 1)
      throw new RangeError(`input "${group.name}" must own the design columns from ${width} on`);
    width += group.size;
  }
  return width;
}

/**
 * Runs the model over the Saltelli design. `model` gets one row of uniforms in [0, 1) (the caller
 * maps them onto its inputs) and returns the scalar output; the row buffer is reused between calls.
 */
export function runSaltelli(
  model: (u: Float64Array) => number,
  groups: readonly InputGroup[],
  options: SaltelliOptions & { onProgress?: (done: number, total: number) => void; shouldCancel?: () => boolean },
): SobolResult {
  return drive(
    saltelliTask(model, groups, options),
    options.n * (groups.length + 2),
    options.onProgress,
    options.shouldCancel,
  );
}

/** The same as a task that yields the number of model runs done after each row of the design. */
export function* saltelliTask(
  model: (u: Float64Array) => number,
  groups: readonly InputGroup[],
  options: SaltelliOptions,
): Task<SobolResult> {
  const { n } = options;
  if (!Number.isInteger(n) || n < 2)
    throw new RangeError(`the sensitivity sample size N must be a whole number of at least 2, got ${n}`);
  const d = groups.length;
  const width = designWidth(groups);
  const rng = new Random(mixSeed(options.seed, 0x5a17e111));
  const rowA = new Float64Array(width);
  const rowB = new Float64Array(width);
  const rowAB = new Float64Array(width);
  const yA = new Float64Array(n);
  const yB = new Float64Array(n);
  const yAB = groups.map(() => new Float64Array(n));
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < width; j++) rowA[j] = rng.uniform();
    for (let j = 0; j < width; j++) rowB[j] = rng.uniform();
    yA[r] = model(rowA);
    yB[r] = model(rowB);
    for (let i = 0; i < d; i++) {
      const group = groups[i]!;
      rowAB.set(rowA);
      for (let j = group.start; j < group.start + group.size; j++) rowAB[j] = rowB[j]!;
      yAB[i]![r] = model(rowAB);
    }
    yield (r + 1) * (d + 2);
  }
  return sobolFromOutputs(
    yA,
    yB,
    yAB,
    groups.map((g) => g.name),
    options,
  );
}

/** The indices and their bootstrap intervals from the outputs of A, B and A_B^i. */
export function sobolFromOutputs(
  yA: Float64Array,
  yB: Float64Array,
  yAB: Float64Array[],
  names: readonly string[],
  options: { seed: number; bootstrap?: number; confidence?: number },
): SobolResult {
  const n = yA.length;
  const all = Array.from({ length: n }, (_, r) => r);
  const point = estimate(yA, yB, yAB, all);
  const resamples = options.bootstrap ?? 1000;
  const alpha = (1 - (options.confidence ?? 0.95)) / 2;
  const bootFirst = yAB.map(() => new Float64Array(resamples));
  const bootTotal = yAB.map(() => new Float64Array(resamples));
  const rng = new Random(mixSeed(options.seed, 0xb007));
  const rows = new Array<number>(n);
  for (let b = 0; b < resamples; b++) {
    for (let r = 0; r < n; r++) rows[r] = rng.int(n);
    const est = estimate(yA, yB, yAB, rows);
    for (let i = 0; i < yAB.length; i++) {
      bootFirst[i]![b] = est.first[i]!;
      bootTotal[i]![b] = est.total[i]!;
    }
  }
  // Resamples whose outputs happen to be constant have no indices; they are left out of the interval.
  const interval = (values: Float64Array): [number, number] => {
    const sorted = sortedAvailable(values);
    if (sorted.length < Math.max(1, resamples / 2)) return [NaN, NaN];
    return [quantileSorted(sorted, alpha), quantileSorted(sorted, 1 - alpha)];
  };
  const indices = names.map((input, i): SobolIndex => {
    const [firstLow, firstHigh] = interval(bootFirst[i]!);
    const [totalLow, totalHigh] = interval(bootTotal[i]!);
    return { input, first: point.first[i]!, total: point.total[i]!, firstLow, firstHigh, totalLow, totalHigh };
  });
  return { indices, variance: point.variance, mean: point.mean, n, runs: n * (names.length + 2), yA, yB, yAB };
}

/** S_i = mean(y_B (y_ABi - y_A)) / V and ST_i = mean((y_A - y_ABi)^2) / (2V), V the sample variance over A and B. */
function estimate(yA: Float64Array, yB: Float64Array, yAB: Float64Array[], rows: readonly number[]) {
  const n = rows.length;
  let sum = 0;
  for (const r of rows) sum += yA[r]! + yB[r]!;
  const mean = sum / (2 * n);
  let ss = 0;
  for (const r of rows) ss += (yA[r]! - mean) ** 2 + (yB[r]! - mean) ** 2;
  // The sample variance (2N - 1), as COINr's var(c(yA, yB)).
  const variance = ss / (2 * n - 1);
  const first = new Float64Array(yAB.length);
  const total = new Float64Array(yAB.length);
  for (let i = 0; i < yAB.length; i++) {
    const yi = yAB[i]!;
    let s = 0;
    let t = 0;
    for (const r of rows) {
      s += yB[r]! * (yi[r]! - yA[r]!);
      t += (yA[r]! - yi[r]!) ** 2;
    }
    first[i] = variance > 0 ? s / n / variance : NaN;
    total[i] = variance > 0 ? t / (2 * n * variance) : NaN;
  }
  return { first, total, variance, mean };
}
