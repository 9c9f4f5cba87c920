/**
 * AHP (Saaty): weights are the principal eigenvector of a reciprocal pairwise-comparison matrix;
 * CI = (lambda_max - n) / (n - 1), CR = CI / RI(n); CR > 0.1 is flagged as inconsistent.
 */
import { IndexComputeError } from "../errors";
import { msg } from "../messages";
import { principalEigen } from "../linalg/eigen";

/** Saaty's random index for n = 3..10 (n <= 2 is always consistent). */
export const RANDOM_INDEX: Readonly<Record<number, number>> = {
  1: 0,
  2: 0,
  3: 0.58,
  4: 0.9,
  5: 1.12,
  6: 1.24,
  7: 1.32,
  8: 1.41,
  9: 1.45,
  10: 1.49,
};

/** a_ij * a_ji may be this far from 1, so that judgments typed with two decimals (0.33 for 1/3, 0.13 for 1/8) pass. */
export const RECIPROCAL_TOLERANCE = 0.05;
export const CR_LIMIT = 0.1;

export interface AhpResult {
  weights: Float64Array;
  lambdaMax: number;
  ci: number;
  /** NaN when n > 10 (no random index). */
  ri: number;
  /** NaN when n > 10. */
  cr: number;
  consistent: boolean;
}

const at = (i: number, j: number) => msg("ahp.at", { row: i + 1, col: j + 1 });

/**
 * Checks and completes a comparison matrix: NaN marks a blank; a blank diagonal is 1 and a blank
 * judgment whose mirror is filled becomes its reciprocal (so the upper triangle alone is enough).
 */
export function completeComparisonMatrix(rows: readonly (readonly number[])[]): Float64Array {
  const n = rows.length;
  if (n === 0) throw new IndexComputeError(msg("ahp.empty"));
  rows.forEach((row, i) => {
    if (row.length !== n) throw new IndexComputeError(msg("ahp.notSquare", { n, row: i + 1, cols: row.length }));
  });
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const value = rows[i]![j]!;
      const mirror = rows[j]![i]!;
      if (i === j) {
        if (!Number.isNaN(value) && Math.abs(value - 1) > 1e-9)
          throw new IndexComputeError(msg("ahp.diagonal", { at: at(i, j), value }));
        a[i * n + j] = 1;
        continue;
      }
      if (Number.isNaN(value) && Number.isNaN(mirror))
        throw new IndexComputeError(msg("ahp.bothBlank", { at: at(i, j), mirror: at(j, i) }));
      const own = Number.isNaN(value) ? 1 / mirror : value;
      if (!(own > 0) || !Number.isFinite(own))
        throw new IndexComputeError(msg("ahp.notPositive", { at: at(i, j), value: own }));
      if (!Number.isNaN(value) && !Number.isNaN(mirror) && Math.abs(value * mirror - 1) > RECIPROCAL_TOLERANCE) {
        throw new IndexComputeError(
          msg("ahp.notReciprocal", {
            at: at(i, j),
            value,
            mirror: at(j, i),
            inverse: (1 / value).toPrecision(3),
            got: mirror,
          }),
        );
      }
      a[i * n + j] = own;
    }
  }
  return a;
}

export function ahp(rows: readonly (readonly number[])[]): AhpResult {
  const n = rows.length;
  const values = completeComparisonMatrix(rows);
  const { value: lambdaMax, vector } = principalEigen({ n, values });
  // lambda_max >= n for a positive reciprocal matrix; clamp rounding noise of a consistent one.
  const ci = n <= 2 ? 0 : Math.max(0, (lambdaMax - n) / (n - 1));
  const ri = RANDOM_INDEX[n] ?? Number.NaN;
  const cr = n <= 2 ? 0 : ci / ri;
  return { weights: vector, lambdaMax, ci, ri, cr, consistent: !(cr > CR_LIMIT) };
}
