/** Order statistics over the available (non-NaN) values. */

/** The available values, sorted ascending, in a new array. */
export function sortedAvailable(x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length);
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v === v) out[n++] = v;
  }
  return out.subarray(0, n).sort();
}

export function median(x: ArrayLike<number>): number {
  return quantileSorted(sortedAvailable(x), 0.5);
}

/** Quantile with linear interpolation between order statistics (Excel PERCENTILE.INC, R type 7). */
export function quantile(x: ArrayLike<number>, p: number): number {
  return quantileSorted(sortedAvailable(x), p);
}

export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
