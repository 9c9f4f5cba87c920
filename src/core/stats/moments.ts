/** Moments over the available (non-NaN) values; NaN when too few values to define them. */

export function countAvailable(x: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) n++;
  return n;
}

/** Sum and count of the available values, in one pass. */
function sumAndCount(x: ArrayLike<number>): [number, number] {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v === v) {
      sum += v;
      n++;
    }
  }
  return [sum, n];
}

export function mean(x: ArrayLike<number>): number {
  const [sum, n] = sumAndCount(x);
  return n === 0 ? NaN : sum / n;
}

/** Sample variance (n - 1), as Excel VAR.S; two-pass for accuracy. */
export function variance(x: ArrayLike<number>): number {
  const m = mean(x);
  let ss = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v === v) {
      ss += (v - m) * (v - m);
      n++;
    }
  }
  return n < 2 ? NaN : ss / (n - 1);
}

/** Sample standard deviation, as Excel STDEV.S. */
export function sd(x: ArrayLike<number>): number {
  return Math.sqrt(variance(x));
}

/** Skewness as Excel SKEW: n/((n-1)(n-2)) Σ((x-m)/s)^3; NaN for n < 3 or s = 0. */
export function skew(x: ArrayLike<number>): number {
  return skewKurt(x)[0];
}

/** Excess kurtosis as Excel KURT; NaN for n < 4 or s = 0. */
export function kurt(x: ArrayLike<number>): number {
  return skewKurt(x)[1];
}

/** Excel SKEW and KURT together in two passes (the treatment loop needs both after every step). */
export function skewKurt(x: ArrayLike<number>): [number, number] {
  const [sum, n] = sumAndCount(x);
  const m = sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v === v) {
      const d = v - m;
      const d2 = d * d;
      m2 += d2;
      m3 += d2 * d;
      m4 += d2 * d2;
    }
  }
  if (n < 3 || m2 === 0) return [NaN, NaN];
  const s2 = m2 / (n - 1);
  const s = Math.sqrt(s2);
  const sk = (n / ((n - 1) * (n - 2))) * (m3 / (s2 * s));
  if (n < 4) return [sk, NaN];
  const ku =
    ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * (m4 / (s2 * s2)) - (3 * (n - 1) * (n - 1)) / ((n - 2) * (n - 3));
  return [sk, ku];
}

/** Smallest and largest available value; [NaN, NaN] when none. */
export function minMax(x: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === Infinity ? [NaN, NaN] : [lo, hi];
}
