/**
 * Competition ranks ("1224", Excel RANK.EQ): ties share the lowest rank; NaN stays NaN.
 * Typed arrays and a native numeric sort: no per-element objects, so no GC pressure on large runs.
 */
import { sortedAvailable } from "../stats";

/** Index of the first element of `sorted` (ascending) that is > v. */
function upperBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element of `sorted` (ascending) that is >= v. */
function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Rank 1 = the highest value (scores): 1 + the number of values above. */
export function rankDescending(x: ArrayLike<number>): Float64Array {
  const sorted = sortedAvailable(x);
  const n = sorted.length;
  const ranks = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    ranks[i] = v === v ? n - upperBound(sorted, v) + 1 : NaN;
  }
  return ranks;
}

/** Rank 1 = the lowest value (rank normalization): 1 + the number of values below. */
export function rankAscending(x: ArrayLike<number>): Float64Array {
  const sorted = sortedAvailable(x);
  const ranks = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    ranks[i] = v === v ? lowerBound(sorted, v) + 1 : NaN;
  }
  return ranks;
}
