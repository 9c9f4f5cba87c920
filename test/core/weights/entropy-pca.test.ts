import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { columnWeights, entropyWeights, equalWeights, pca, pcaWeights } from "../../../src/core/weights/index";
import { symmetricEigen } from "../../../src/core/linalg/eigen";

const f = (xs: number[]) => Float64Array.from(xs);
const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);

test("entropy: closed-form columns (even spread, one point, two points)", () => {
  // [1,1,1,1]: p = 1/4 each, e = 1, d = 0. [1,0,0,0]: e = 0, d = 1. [1,1,0,0]: e = ln 2 / ln 4 = 1/2.
  const w = entropyWeights([f([1, 1, 1, 1]), f([1, 0, 0, 0]), f([1, 1, 0, 0])], ["a", "b", "c"]);
  close(w[0]!, 0, 1e-15, "a");
  close(w[1]!, 2 / 3, 1e-15, "b");
  close(w[2]!, 1 / 3, 1e-15, "c");
});

test("entropy: worked example computed step by step (Hwang & Yoon's method)", () => {
  // Decision matrix, 3 alternatives x 2 benefit criteria.
  const x1 = [7, 8, 9];
  const x2 = [1, 5, 9];
  const ent = (xs: number[]) => {
    const s = xs.reduce((a, b) => a + b, 0);
    return -xs.reduce((a, v) => a + (v / s) * Math.log(v / s), 0) / Math.log(xs.length);
  };
  const d1 = 1 - ent(x1);
  const d2 = 1 - ent(x2);
  const w = entropyWeights([f(x1), f(x2)], ["x1", "x2"]);
  close(w[0]!, d1 / (d1 + d2), 1e-15, "x1");
  close(w[1]!, d2 / (d1 + d2), 1e-15, "x2");
  // By hand: p2 = (1/15, 1/3, 3/5); -sum p ln p = 0.18054 + 0.36620 + 0.30650 = 0.85324; / ln 3 = 0.7766.
  close(1 - d2, 0.7766, 5e-5, "e2 by hand");
  assert.ok(w[1]! > 0.9);
});

test("entropy: missing values are left out and n counts what is there", () => {
  const withGap = entropyWeights([f([1, NaN, 0, 0]), f([1, 1, NaN, 1])], ["a", "b"]);
  // a: n = 3, p = (1,0,0) -> e = 0; b: n = 3, even -> e = 1.
  close(withGap[0]!, 1, 1e-15, "a");
  close(withGap[1]!, 0, 1e-15, "b");
});

test("entropy: negative values and all-even data are errors that say what to do", () => {
  assert.throws(() => entropyWeights([f([1, -2, 3]), f([1, 2, 3])], ["LPI", "Ship"]), /LPI holds -2; normalize first/);
  assert.throws(() => entropyWeights([f([2, 2]), f([5, 5])], ["a", "b"]), /equal weights/);
});

test("PCA: 3 columns with a closed-form first component", () => {
  // u, v, w: zero-mean orthogonal rows of a Hadamard matrix. y = v, z = w, x = u + v + 2w, so
  // corr(x,y) = 1/sqrt6, corr(x,z) = 2/sqrt6, corr(y,z) = 0. For R = [1 a b; a 1 0; b 0 1] the
  // largest eigenvalue is 1 + s (s = sqrt(a^2+b^2)) with vector (s, a, b)/(s sqrt2): squared
  // loadings 1/2, a^2/(2s^2), b^2/(2s^2) = 0.5, 0.1, 0.4.
  const u = [1, -1, 1, -1];
  const v = [1, 1, -1, -1];
  const w = [1, -1, -1, 1];
  const x = u.map((ui, i) => ui + v[i]! + 2 * w[i]! + 10);
  const result = pca([f(x), f(v.map((a) => 3 * a + 1)), f(w)], ["x", "y", "z"]);
  const s = Math.sqrt(5 / 6);
  close(result.eigenvalues[0]!, 1 + s, 1e-12, "lambda1");
  close(result.eigenvalues[1]!, 1, 1e-12, "lambda2");
  close(result.eigenvalues[2]!, 1 - s, 1e-12, "lambda3");
  close(result.varianceExplained[0]!, (1 + s) / 3, 1e-12, "explained");
  const weights = pcaWeights([f(x), f(v), f(w)], ["x", "y", "z"]);
  [0.5, 0.1, 0.4].forEach((e, i) => close(weights[i]!, e, 1e-12, `w${i + 1}`));
  assert.ok(result.loadings[0]! > 0, "oriented to a positive sum");
});

test("PCA: two columns split the weight evenly, whatever their correlation", () => {
  const weights = columnWeights("pca", [f([1, 2, 3, 4, 6]), f([2, 1, 4, 3, 5])], ["a", "b"]);
  close(weights[0]!, 0.5, 1e-12, "a");
  close(weights[1]!, 0.5, 1e-12, "b");
});

test("PCA: rows with a missing value are left out; constant columns are an error", () => {
  const a = pcaWeights([f([1, 2, 3, 4, NaN]), f([2, 1, 4, 3, 100]), f([5, 3, 1, 2, 4])], ["a", "b", "c"]);
  const b = pcaWeights([f([1, 2, 3, 4]), f([2, 1, 4, 3]), f([5, 3, 1, 2])], ["a", "b", "c"]);
  a.forEach((wa, i) => close(wa, b[i]!, 1e-14, `w${i + 1}`));
  assert.throws(() => pca([f([1, 1, 1, 1]), f([1, 2, 3, 4])], ["flat", "b"]), /flat is constant/);
});

test("Jacobi eigen-decomposition satisfies R v = lambda v with orthonormal vectors", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 8 }),
      fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 64, maxLength: 64 }),
      (n, raw) => {
        const values = new Float64Array(n * n);
        for (let i = 0; i < n; i++)
          for (let j = 0; j <= i; j++) values[i * n + j] = values[j * n + i] = raw[i * 8 + j]!;
        const { values: lambdas, vectors } = symmetricEigen({ n, values });
        for (let k = 0; k < n; k++) {
          if (k > 0) assert.ok(lambdas[k - 1]! >= lambdas[k]!);
          for (let i = 0; i < n; i++) {
            let av = 0;
            for (let j = 0; j < n; j++) av += values[i * n + j]! * vectors[k]![j]!;
            close(av, lambdas[k]! * vectors[k]![i]!, 1e-9, "R v = lambda v");
          }
          for (let m = 0; m < n; m++) {
            const dot = vectors[k]!.reduce((s, x, i) => s + x * vectors[m]![i]!, 0);
            close(dot, k === m ? 1 : 0, 1e-9, "orthonormal");
          }
        }
      },
    ),
  );
});

test("equal weights", () => {
  assert.deepEqual(Array.from(equalWeights(4)), [0.25, 0.25, 0.25, 0.25]);
});
