/** Pearson and Spearman correlations over pairwise-complete rows, and Cronbach's alpha. */
import { argsortAvailable } from "./argsort";

/** Pearson r over the rows where both values are present; NaN with fewer than 3 such rows or no variation. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (a !== a || b !== b) continue;
    n++;
    sx += a;
    sy += b;
  }
  if (n < 3) return NaN;
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (a !== a || b !== b) continue;
    sxy += (a - mx) * (b - my);
    sxx += (a - mx) * (a - mx);
    syy += (b - my) * (b - my);
  }
  if (sxx === 0 || syy === 0) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Ranks 1..n ascending with ties sharing their average rank (as R's rank()); NaN stays NaN. */
export function averageRanks(x: ArrayLike<number>): Float64Array {
  const order = argsortAvailable(x); // O(n), ties in input order; -0 and 0 tie
  const ranks = new Float64Array(x.length).fill(NaN);
  for (let k = 0; k < order.length;) {
    let end = k + 1;
    while (end < order.length && x[order[end]!] === x[order[k]!]) end++;
    const rank = (k + 1 + end) / 2; // average of ranks k+1 .. end
    for (let t = k; t < end; t++) ranks[order[t]!] = rank;
    k = end;
  }
  return ranks;
}

/**
 * Spearman rho: Pearson r of the average ranks, ranked within the pairwise-complete rows
 * (as R's cor(use = "pairwise")).
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i] && y[i] === y[i]) m++;
  const xs = new Float64Array(m);
  const ys = new Float64Array(m);
  for (let i = 0, k = 0; i < x.length; i++) {
    if (x[i] === x[i] && y[i] === y[i]) {
      xs[k] = x[i]!;
      ys[k++] = y[i]!;
    }
  }
  return pearson(averageRanks(xs), averageRanks(ys));
}

/** The two columns miss values in the same rows (then their pairwise-complete rows are each one's available rows). */
function sameMissing(x: ArrayLike<number>, y: ArrayLike<number>): boolean {
  for (let i = 0; i < x.length; i++) if ((x[i] !== x[i]) !== (y[i] !== y[i])) return false;
  return true;
}

export type CorrelationMethod = "pearson" | "spearman";

/**
 * Symmetric k×k correlation matrix (row-major), 1 on the diagonal, each pair over the rows where both
 * are present (R's cor(use = "pairwise")). PCA's complete-rows matrix is `completeRowsCorrelations` in weights/pca.
 */
export function pairwiseCorrelations(columns: readonly Float64Array[], method: CorrelationMethod): Float64Array {
  const k = columns.length;
  const out = new Float64Array(k * k);
  // Spearman: each column ranked once; a pair with the same missing rows is Pearson of those ranks,
  // value for value what ranking its pairwise-complete rows gives (k² sorts → k at 300 indicators).
  const ranks = method === "spearman" ? columns.map((column) => averageRanks(column)) : null;
  const f = (a: number, b: number) =>
    !ranks
      ? pearson(columns[a]!, columns[b]!)
      : sameMissing(columns[a]!, columns[b]!)
        ? pearson(ranks[a]!, ranks[b]!)
        : spearman(columns[a]!, columns[b]!);
  for (let a = 0; a < k; a++) {
    out[a * k + a] = 1;
    for (let b = a + 1; b < k; b++) {
      const r = f(a, b);
      out[a * k + b] = r;
      out[b * k + a] = r;
    }
  }
  return out;
}

/** Sample covariance (n - 1) over the rows where both are present. */
export function covariance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== x[i] || y[i] !== y[i]) continue;
    n++;
    sx += x[i]!;
    sy += y[i]!;
  }
  if (n < 2) return NaN;
  const mx = sx / n;
  const my = sy / n;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== x[i] || y[i] !== y[i]) continue;
    s += (x[i]! - mx) * (y[i]! - my);
  }
  return s / (n - 1);
}

/**
 * Cronbach's alpha of k columns: k² · mean(off-diagonal covariances) / sum(all covariance entries),
 * covariances pairwise-complete (as COINr's get_cronbach). NaN for fewer than 2 columns.
 */
export function cronbachAlpha(columns: readonly Float64Array[]): number {
  const k = columns.length;
  if (k < 2) return NaN;
  let all = 0;
  let offDiagonal = 0;
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const c = covariance(columns[a]!, columns[b]!);
      if (a === b) all += c;
      else {
        all += 2 * c;
        offDiagonal += 2 * c;
      }
    }
  }
  return (k * k * (offDiagonal / (k * (k - 1)))) / all;
}
