/** Small dense eigen-solvers: Jacobi for symmetric matrices (PCA), power iteration for positive ones (AHP). */

/** Square matrix stored row-major: entry (i, j) at i * n + j. */
export interface SquareMatrix {
  n: number;
  values: Float64Array;
}

export function squareMatrix(rows: readonly (readonly number[])[]): SquareMatrix {
  const n = rows.length;
  const values = new Float64Array(n * n);
  rows.forEach((row, i) => {
    if (row.length !== n)
      throw new RangeError(`row ${i + 1} has ${row.length} entries; a square matrix of size ${n} needs ${n}`);
    for (let j = 0; j < n; j++) values[i * n + j] = row[j]!;
  });
  return { n, values };
}

export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  values: Float64Array;
  /** Unit eigenvectors in the order of `values`. */
  vectors: Float64Array[];
}

/**
 * Cyclic Jacobi rotations: accurate for the small symmetric matrices we meet (correlations of a few
 * dozen indicators) and needs no external library.
 */
export function symmetricEigen(matrix: SquareMatrix, tolerance = 1e-14, maxSweeps = 100): SymmetricEigen {
  const { n } = matrix;
  const a = Float64Array.from(matrix.values);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let k = 0; k < n * n; k++) scale += a[k]! * a[k]!;
  const threshold = tolerance * tolerance * Math.max(scale, Number.MIN_VALUE);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let offDiagonal = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) offDiagonal += a[p * n + q]! * a[p * n + q]!;
    if (offDiagonal <= threshold) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const app = a[p * n + p]!;
        const aqq = a[q * n + q]!;
        // Rotation angle that zeroes a[p][q] (Golub & Van Loan, sym.schur2).
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j]! - a[i * n + i]!);
  const values = Float64Array.from(order, (i) => a[i * n + i]!);
  const vectors = order.map((col) => Float64Array.from({ length: n }, (_, k) => v[k * n + col]!));
  return { values, vectors };
}

export interface PrincipalEigen {
  value: number;
  /** Eigenvector scaled to sum 1 (all entries positive for a positive matrix). */
  vector: Float64Array;
  iterations: number;
}

/**
 * Power iteration for the Perron eigenvector of a matrix with positive entries: it converges
 * for any positive start, and the normalization to sum 1 is what AHP wants.
 */
export function principalEigen(matrix: SquareMatrix, tolerance = 1e-15, maxIterations = 10_000): PrincipalEigen {
  const { n, values: a } = matrix;
  let w = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j]! * w[j]!;
      next[i] = s;
      total += s;
    }
    let change = 0;
    for (let i = 0; i < n; i++) {
      next[i] = next[i]! / total;
      change = Math.max(change, Math.abs(next[i]! - w[i]!));
    }
    [w, next] = [next, w];
    if (change <= tolerance) break;
  }
  // lambda from A w = lambda w, averaged over the rows (exact at convergence).
  let lambda = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j]! * w[j]!;
    lambda += s / w[i]!;
  }
  return { value: lambda / n, vector: w, iterations };
}
