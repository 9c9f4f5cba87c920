/**
 * Competition ranks ("1224", Excel RANK.EQ): ties share the lowest rank; NaN stays NaN.
 * One radix argsort (O(n), typed arrays) and one walk over the sorted order.
 */
import { argsortAvailable } from "../stats";

/** Rank 1 = the highest value (scores): 1 + the number of values above; into `out` when given (what-if: no allocation per call). */
export function rankDescending(x: ArrayLike<number>, out?: Float64Array): Float64Array {
  const order = argsortAvailable(x);
  const m = order.length;
  const ranks = (out ?? new Float64Array(x.length)).fill(NaN);
  let rank = 0;
  let prev = NaN;
  // From the top down: a new value's rank is 1 + the count of values already passed (all greater).
  for (let k = m - 1; k >= 0; k--) {
    const i = order[k]!;
    const v = x[i]!;
    if (v !== prev) {
      rank = m - k;
      prev = v;
    }
    ranks[i] = rank;
  }
  return ranks;
}

/** Rank 1 = the lowest value (rank normalization): 1 + the number of values below. */
export function rankAscending(x: ArrayLike<number>): Float64Array {
  const order = argsortAvailable(x);
  const m = order.length;
  const ranks = new Float64Array(x.length).fill(NaN);
  let rank = 0;
  let prev = NaN;
  for (let k = 0; k < m; k++) {
    const i = order[k]!;
    const v = x[i]!;
    if (v !== prev) {
      rank = k + 1;
      prev = v;
    }
    ranks[i] = rank;
  }
  return ranks;
}
