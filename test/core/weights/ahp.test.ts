import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { ahp, completeComparisonMatrix } from "../../../src/core/weights/index";

const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);

test("a consistent matrix a_ij = w_i / w_j gives back w, lambda = n and CR = 0", () => {
  const w = [0.4, 0.3, 0.2, 0.1];
  const result = ahp(w.map((wi) => w.map((wj) => wi / wj)));
  w.forEach((wi, i) => close(result.weights[i]!, wi, 1e-12, `w${i + 1}`));
  close(result.lambdaMax, 4, 1e-12, "lambda");
  close(result.cr, 0, 1e-12, "CR");
  assert.equal(result.consistent, true);
});

test("3x3 judgments [1 3 5; 1/3 1 3; 1/5 1/3 1] match the closed form for n = 3", () => {
  // For n = 3 the principal eigenvector is the normalized row geometric mean, and
  // lambda_max = 1 + rho + 1/rho with rho = (a12 a23 / a13)^(1/3) (Saaty 1980; Crawford & Williams 1985).
  const a = [
    [1, 3, 5],
    [1 / 3, 1, 3],
    [1 / 5, 1 / 3, 1],
  ];
  const geo = a.map((row) => Math.cbrt(row[0]! * row[1]! * row[2]!));
  const sum = geo[0]! + geo[1]! + geo[2]!;
  const rho = Math.cbrt((3 * 3) / 5);
  const lambda = 1 + rho + 1 / rho;
  const result = ahp(a);
  geo.forEach((g, i) => close(result.weights[i]!, g / sum, 1e-12, `w${i + 1}`));
  close(result.lambdaMax, lambda, 1e-12, "lambda");
  close(result.ci, (lambda - 3) / 2, 1e-12, "CI");
  close(result.cr, (lambda - 3) / 2 / 0.58, 1e-12, "CR");
  // The published rounded values of this classic example: w = (0.637, 0.258, 0.105), CR = 0.033.
  close(result.weights[0]!, 0.637, 5e-4, "published w1");
  close(result.cr, 0.033, 5e-4, "published CR");
});

test("Saaty's school-choice criteria (Saaty 1990, EJOR 48:9-26) give the published weights", () => {
  // Criteria: learning, friends, school life, vocational training, college prep, music classes.
  const a = [
    [1, 4, 3, 1, 3, 4],
    [1 / 4, 1, 7, 3, 1 / 5, 1],
    [1 / 3, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 6],
    [1, 1 / 3, 5, 1, 1, 1 / 3],
    [1 / 3, 5, 5, 1, 1, 3],
    [1 / 4, 1, 6, 3, 1 / 3, 1],
  ];
  const published = [0.32, 0.14, 0.03, 0.13, 0.24, 0.14];
  const result = ahp(a);
  published.forEach((p, i) => close(result.weights[i]!, p, 0.0051, `criterion ${i + 1}`));
  // A w = lambda w holds at the returned lambda (the definition of the principal eigenpair).
  a.forEach((row, i) =>
    close(
      row.reduce((s, aij, j) => s + aij * result.weights[j]!, 0),
      result.lambdaMax * result.weights[i]!,
      1e-12,
      `row ${i + 1}`,
    ),
  );
  assert.ok(result.cr > 0.1, "this matrix is known to be inconsistent (CR above 0.1)");
  assert.equal(result.consistent, false);
});

test("blank lower triangle and diagonal are completed as reciprocals", () => {
  const full = ahp([
    [1, 3, 5],
    [1 / 3, 1, 3],
    [1 / 5, 1 / 3, 1],
  ]);
  const upper = ahp([
    [NaN, 3, 5],
    [NaN, NaN, 3],
    [NaN, NaN, NaN],
  ]);
  full.weights.forEach((w, i) => close(upper.weights[i]!, w, 1e-14, `w${i + 1}`));
});

test("n <= 2 has CR 0; n > 10 has no random index", () => {
  assert.equal(
    ahp([
      [1, 4],
      [0.25, 1],
    ]).cr,
    0,
  );
  close(
    ahp([
      [1, 4],
      [0.25, 1],
    ]).weights[0]!,
    0.8,
    1e-14,
    "2x2 weight",
  );
  const big = Array.from({ length: 11 }, () => new Array<number>(11).fill(1));
  assert.ok(Number.isNaN(ahp(big).cr));
});

test("bad matrices are rejected with the cell to fix", () => {
  assert.throws(
    () =>
      completeComparisonMatrix([
        [1, 3],
        [3, 1],
      ]),
    /not reciprocal: row 1, column 2 is 3 so row 2, column 1 must be 1\/3/,
  );
  assert.throws(
    () =>
      completeComparisonMatrix([
        [1, 2, 3],
        [0.5, 1, 2],
      ]),
    /must be square/,
  );
  assert.throws(
    () =>
      completeComparisonMatrix([
        [1, -2],
        [-0.5, 1],
      ]),
    /positive numbers/,
  );
  assert.throws(
    () =>
      completeComparisonMatrix([
        [2, 1],
        [1, 1],
      ]),
    /diagonal must be 1/,
  );
  assert.throws(
    () =>
      completeComparisonMatrix([
        [1, NaN],
        [NaN, 1],
      ]),
    /both blank/,
  );
  // Two-decimal reciprocals are accepted.
  assert.doesNotThrow(() =>
    completeComparisonMatrix([
      [1, 8, 3],
      [0.13, 1, 0.33],
      [0.33, 3, 1],
    ]),
  );
});

test("any reciprocal matrix on Saaty's scale: A w = lambda w, lambda >= n, weights positive and summing to 1", () => {
  const scale = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9];
  fc.assert(
    fc.property(
      fc.integer({ min: 3, max: 10 }),
      fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 45, maxLength: 45 }),
      (n, picks) => {
        const a = Array.from({ length: n }, () => new Array<number>(n).fill(1));
        let k = 0;
        for (let i = 0; i < n; i++)
          for (let j = i + 1; j < n; j++) ((a[i]![j] = scale[picks[k++]!]!), (a[j]![i] = 1 / a[i]![j]!));
        const { weights, lambdaMax, cr } = ahp(a);
        assert.ok(lambdaMax >= n - 1e-9, `lambda ${lambdaMax} >= ${n}`);
        close(
          weights.reduce((s, w) => s + w, 0),
          1,
          1e-12,
          "sum",
        );
        a.forEach((row, i) => {
          assert.ok(weights[i]! > 0);
          close(
            row.reduce((s, aij, j) => s + aij * weights[j]!, 0),
            lambdaMax * weights[i]!,
            1e-9,
            `row ${i + 1}`,
          );
        });
        assert.ok(cr >= 0);
      },
    ),
    { numRuns: 200 },
  );
});
