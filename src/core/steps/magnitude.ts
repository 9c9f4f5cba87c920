/**
 * Weights are relative and values may lie near the largest double. Before a weighted mean, the
 * weights are scaled by a power of two so that the largest is in [1, 2) (exact: the result is
 * bit-for-bit the same, and weights of 1e308, 1.7e308 or 5e-324 give what 1 gives); values are
 * scaled by a power of two only when sums or powers of them could overflow (e.g. 1e308), and the
 * mean is scaled back (every mean here is homogeneous of degree 1; the geometric mean works on logs).
 */

/** floor(log2(x)) for a positive finite x, exact at powers of two (subnormals included). */
function exponentOf(x: number): number {
  let e = Math.floor(Math.log2(x));
  if (timesPow2(x, -e) >= 2) e++;
  else if (timesPow2(x, -e) < 1) e--;
  return e;
}

/** x · 2^k in two steps, so that k may reach ±1074 without 2^k itself overflowing. */
export function timesPow2(x: number, k: number): number {
  const half = Math.trunc(k / 2);
  return x * 2 ** half * 2 ** (k - half);
}

/** The power of two that brings the largest weight into [1, 2) (0 when it is there already, or no weight is positive). */
export function weightShiftOf(weights: readonly number[]): number {
  let maxWeight = 0;
  for (const w of weights) if (w > maxWeight) maxWeight = w;
  return maxWeight > 0 && Number.isFinite(maxWeight) && (maxWeight < 1 || maxWeight >= 2) ? -exponentOf(maxWeight) : 0;
}

/**
 * The power of two to scale values by before a power mean with this p (0 when sums of their powers
 * cannot overflow), given the largest finite |value| and the smallest non-zero one. The geometric
 * mean (p = 0) works on logs and needs none.
 */
export function valueShiftOf(maxAbs: number, minAbs: number, p: number): number {
  const big = maxAbs > 0 && Math.log2(maxAbs) * Math.max(1, p) > 900;
  const tiny = p < 0 && minAbs < Infinity && Math.log2(minAbs) * p > 900;
  return p !== 0 && (big || tiny) ? -exponentOf(maxAbs) : 0;
}

export interface SafeAggregation {
  children: Float64Array[];
  weights: number[];
  finish(out: Float64Array): Float64Array;
}

/** The inputs of one aggregation scaled by the powers of two found above (values: a shift ≠ 0), and how to scale the mean back. */
export function rescaled(
  children: readonly Float64Array[],
  weights: readonly number[],
  weightShift: number,
  valueShift: number,
): SafeAggregation {
  return {
    children: children.map((column) => column.map((v) => timesPow2(v, valueShift))),
    weights: weights.map((w) => timesPow2(w, weightShift)),
    finish: (out) => out.map((v) => timesPow2(v, -valueShift)),
  };
}

/** Weights scaled by one power of two so that the largest is in [1, 2): shares computed from them cannot overflow. */
export function relativeWeights(weights: readonly number[]): number[] {
  const shift = weightShiftOf(weights);
  return shift === 0 ? [...weights] : weights.map((w) => timesPow2(w, shift));
}

/** The power of two that brings the largest finite |value| into [1, 2) (0 for none): scaling by it is exact. */
export function unitShift(values: ArrayLike<number>): number {
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]!);
    if (a > maxAbs && a !== Infinity) maxAbs = a;
  }
  return maxAbs > 0 ? -exponentOf(maxAbs) : 0;
}

/** Values scaled exactly by a power of two when sums of them or of their squares could overflow (scale-free statistics only). */
export function scaledForSums(values: Float64Array): Float64Array {
  const shift = unitShift(values);
  return shift < -400 ? values.map((v) => timesPow2(v, shift)) : values;
}
