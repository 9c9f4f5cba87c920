/**
 * Entropy weights (Shannon; Hwang & Yoon 1981): p_ij = y_ij / sum_i y_ij,
 * e_j = -sum_i p_ij ln p_ij / ln n_j, w_j proportional to 1 - e_j. Columns with more spread carry
 * more information and get more weight. Missing values (NaN) are left out; n_j counts the rest.
 */
import { IndexComputeError } from "../errors";
import { msg } from "../messages";
import { scaledForSums } from "../steps/magnitude";

export function entropyWeights(columns: readonly Float64Array[], codes: readonly string[]): Float64Array {
  const divergence = new Float64Array(columns.length);
  columns.forEach((original, j) => {
    let column = original;
    const code = codes[j] ?? `column ${j + 1}`;
    column = scaledForSums(column); // p = y / Σy is scale-free; values near 1e308 would overflow Σy
    let sum = 0;
    let n = 0;
    for (let i = 0; i < column.length; i++) {
      const y = column[i]!;
      if (Number.isNaN(y)) continue;
      if (y < 0) {
        throw new IndexComputeError(msg("entropy.negative", { code, value: y }));
      }
      sum += y;
      n++;
    }
    if (n < 2) throw new IndexComputeError(msg("entropy.fewValues", { code, n }));
    if (sum === 0) throw new IndexComputeError(msg("entropy.zeroTotal", { code }));
    let plogp = 0;
    for (let i = 0; i < column.length; i++) {
      const y = column[i]!;
      if (Number.isNaN(y) || y === 0) continue; // p ln p -> 0 as p -> 0
      const p = y / sum;
      plogp += p * Math.log(p);
    }
    divergence[j] = 1 + plogp / Math.log(n);
  });
  let total = 0;
  for (const d of divergence) total += d;
  if (!(total > 0)) {
    throw new IndexComputeError(msg("entropy.even"));
  }
  return divergence.map((d) => d / total);
}
