/**
 * Principal components of standardized columns (the correlation matrix), over the rows where every
 * column has a value (listwise, so the matrix stays positive semi-definite), as COINr's get_PCA.
 */
import { IndexComputeError } from "../errors";
import { msg } from "../messages";
import { symmetricEigen } from "../linalg/eigen";
import { mean, sd } from "../stats";
import { timesPow2, unitShift } from "../steps/magnitude";

export interface PcaResult {
  /** Eigenvalues of the correlation matrix, largest first. */
  eigenvalues: Float64Array;
  /** Share of the total variance each component explains. */
  varianceExplained: Float64Array;
  /** First principal component (unit length), oriented so that its entries sum to a positive number. */
  loadings: Float64Array;
  /** Rows used (every column present). */
  rowsUsed: number;
}

/** Correlations over the rows where every column has a value (listwise), unlike the audit's pairwise ones. */
function completeRowsCorrelations(
  columns: readonly Float64Array[],
  codes: readonly string[],
): { matrix: Float64Array; rowsUsed: number } {
  const k = columns.length;
  const rows = columns[0]?.length ?? 0;
  const complete: number[] = [];
  for (let i = 0; i < rows; i++) {
    if (columns.every((column) => !Number.isNaN(column[i]!))) complete.push(i);
  }
  const n = complete.length;
  if (n < 3) throw new IndexComputeError(msg("pca.fewRows", { n }));
  const standardized = columns.map((raw, j) => {
    // Scaled by a power of two first (exact, so standardized values are unchanged): columns at 1e160
    // or 1e300 would overflow the squares and sums.
    const shift = unitShift(Float64Array.from(complete, (i) => raw[i]!));
    const values = Float64Array.from(complete, (i) => (shift === 0 ? raw[i]! : timesPow2(raw[i]!, shift)));
    const m = mean(values);
    const s = sd(values);
    if (!(s > 0))
      throw new IndexComputeError(msg("pca.constant", { column: codes[j] ?? msg("pca.column", { n: j + 1 }) }));
    return values.map((v) => (v - m) / s);
  });
  const matrix = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      const za = standardized[a]!;
      const zb = standardized[b]!;
      for (let i = 0; i < n; i++) s += za[i]! * zb[i]!;
      const r = a === b ? 1 : s / (n - 1);
      matrix[a * k + b] = r;
      matrix[b * k + a] = r;
    }
  }
  return { matrix, rowsUsed: n };
}

export function pca(columns: readonly Float64Array[], codes: readonly string[]): PcaResult {
  const k = columns.length;
  if (k < 2) throw new IndexComputeError(msg("pca.fewColumns", { k }));
  const { matrix, rowsUsed } = completeRowsCorrelations(columns, codes);
  const { values, vectors } = symmetricEigen({ n: k, values: matrix });
  const first = vectors[0]!;
  let sum = 0;
  for (const x of first) sum += x;
  const loadings = sum < 0 ? first.map((x) => -x) : first;
  const total = values.reduce((s, x) => s + x, 0); // = k, the trace of a correlation matrix
  return { eigenvalues: values, varianceExplained: values.map((x) => x / total), loadings, rowsUsed };
}

/** Squared loadings of the first component: they sum to 1 because the component has unit length. */
export function pcaWeights(columns: readonly Float64Array[], codes: readonly string[]): Float64Array {
  const { loadings } = pca(columns, codes);
  let total = 0;
  for (const x of loadings) total += x * x;
  return loadings.map((x) => (x * x) / total);
}
