/**
 * Numbers at the ends of the double range give the right numbers or #VALUE! with a message, never a
 * silent blank or Infinity: weights are relative (any weights give what their rescaled equivalents
 * give), and the worksheet functions handle values, bounds and weights near 1e308.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { computeIndex } from "../../src/core/engine";
import { aggregateColumns } from "../../src/core/steps/aggregate";
import { timesPow2 } from "../../src/core/steps/magnitude";
import * as fns from "../../src/functions/functions";
import { FunctionError } from "../../src/functions/errors";
import type { Cell } from "../../src/core/types";
import { loadCorpus } from "./corpus";

const base = loadCorpus().find((c) => c.name === "weights-huge-indicators")!;
const withWeights = (weights: number[]): (readonly Cell[])[] =>
  base.framework.map((row, r) => (r === 0 ? row : [row[0], row[1], row[2], weights[r - 1]!, row[4]]));

test("engine: any positive weights give the result of the same weights rescaled (×1e300, ×1e-300, ×2^k), within 1e-12", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 6, maxLength: 6 }),
      fc.constantFrom(1e300, 1e-300, 2 ** 1000, 2 ** -1000, 1.7976931348623157e308 / 200),
      (weights, factor) => {
        const plain = computeIndex(base.data, withWeights(weights)).scores.columns.at(-1)!;
        const scaled = computeIndex(base.data, withWeights(weights.map((w) => w * factor))).scores.columns.at(-1)!;
        plain.forEach((v, u) =>
          assert.ok(
            Math.abs(v - scaled[u]!) <= 1e-12 * Math.max(1, Math.abs(v)),
            `unit ${u}: ${v} vs ${scaled[u]} (×${factor})`,
          ),
        );
      },
    ),
    { numRuns: 40, seed: 11 },
  );
});

test("engine: a power-of-two rescale of weights is exact (bit for bit), the effective weights too", () => {
  const one = computeIndex(base.data, withWeights([1, 1, 1, 2, 1, 3]));
  for (const k of [1000, -1000, 1020, -1070]) {
    const other = computeIndex(base.data, withWeights([1, 1, 1, 2, 1, 3].map((w) => timesPow2(w, k))));
    assert.deepEqual(Array.from(other.scores.columns.at(-1)!), Array.from(one.scores.columns.at(-1)!), `2^${k}`);
    assert.deepEqual([...other.effectiveWeights], [...one.effectiveWeights], `2^${k}`);
  }
});

test("aggregateColumns: values near the largest double give their mean, not Infinity; power means too", () => {
  const max = 1.7976931348623157e308;
  const a = Float64Array.of(max, 1e308, -1e308);
  const b = Float64Array.of(max, 0, -1e308);
  assert.deepEqual(Array.from(aggregateColumns([a, b], [1, 1], { method: "arithmetic" }, "X", ["u", "v", "w"])), [
    max,
    5e307,
    -1e308,
  ]);
  const [p2] = aggregateColumns(
    [Float64Array.of(3e200), Float64Array.of(4e200)],
    [1, 1],
    { method: "power", p: 2 },
    "X",
    ["u"],
  );
  assert.ok(
    Math.abs(p2! / Math.sqrt(12.5) / 1e200 - 1) < 1e-15,
    `quadratic mean of 3e200 and 4e200 is √12.5·1e200, got ${p2}`,
  );
  const [h] = aggregateColumns(
    [Float64Array.of(1e-310), Float64Array.of(3e-310)],
    [1, 1],
    { method: "harmonic" },
    "X",
    ["u"],
  );
  assert.ok(Math.abs(h! / 1.5e-310 - 1) < 1e-9, `harmonic mean of 1e-310 and 3e-310 is 1.5e-310, got ${h}`);
});

test("IDX.SCORE with weights of 1e308 gives what weights of 1 give (hand-computed)", () => {
  const data = [
    [1, 2],
    [3, 4],
    [5, 1],
  ];
  // min-max per column: (0, 50, 100) and (33.33, 100, 0) → row means 16.67, 75, 50
  const expected = [[(0 + 100 / 3) / 2], [75], [50]];
  for (const w of [1, 1e308, 1.7976931348623157e308, 5e-324])
    assert.deepEqual(fns.score(data, [[w, w]]), expected, `weights ${w}`);
  assert.deepEqual(fns.score(data, [[1e308, 5e307]]), fns.score(data, [[2, 1]]));
});

test('IDX.SCORE(…, "none") over values near 1e308 is their mean, not Infinity', () => {
  assert.deepEqual(
    fns.score(
      [
        [1e308, 1e308],
        [1e308, 0],
        [1.7976931348623157e308, 1.7976931348623157e308],
      ],
      [[1, 1]],
      undefined,
      "none",
    ),
    [[1e308], [5e307], [1.7976931348623157e308]],
  );
  const out = fns.score(
    [
      [1e308, -1e308],
      [-1e308, -1e308],
    ],
    [[1, 3]],
    undefined,
    "none",
  );
  assert.deepEqual(out, [[-5e307], [-1e308]]);
});

test("IDX.NORMALIZE with bounds of ±1e308 spreads the values over them; values spanning beyond a double give #VALUE! with a message", () => {
  assert.deepEqual(fns.normalize([[1], [2], [3], [5]], "minmax", -1e308, 1e308), [[-1e308], [-5e307], [0], [1e308]]);
  assert.deepEqual(fns.normalize([[1], [3]], "minmax", -1.7976931348623157e308, 1.7976931348623157e308), [
    [-1.7976931348623157e308],
    [1.7976931348623157e308],
  ]);
  const out = fns.normalize([[-1.7e308], [1.7e308]], "minmax");
  assert.ok(out[0]![0] instanceof FunctionError);
  assert.match(
    (out[0]![0] as FunctionError).message,
    /span from -1\.7e\+308 to 1\.7e\+308, beyond what a number can hold/,
  );
});

test('IDX.WEIGHTS "pca" gives the same weights for a column at 1e160 or 1e300 scale as at scale 1', () => {
  const rows = [
    [1, 2, 7],
    [2, 1, 5],
    [3, 3.5, 4],
    [4, 3, 1],
    [5, 6, 2],
  ];
  const plain = fns.weights(rows, "pca")[0] as number[];
  assert.ok(
    plain.every((w) => typeof w === "number" && w > 0) && Math.abs(plain.reduce((s, w) => s + w, 0) - 1) < 1e-12,
  );
  for (const scale of [1e160, 1e300, 1e-300]) {
    const out = fns.weights(
      rows.map((row) => [row[0]! * scale, row[1]!, row[2]! * scale]),
      "pca",
    )[0] as number[];
    out.forEach((w, k) =>
      assert.ok(Math.abs(w - plain[k]!) < 1e-12, `scale ${scale}, column ${k + 1}: ${w} vs ${plain[k]}`),
    );
  }
  assert.deepEqual(
    fns.weights(
      [
        [1e160, 2e160],
        [2e160, 1e160],
        [3e160, 3.5e160],
        [4e160, 3e160],
      ],
      "pca",
    ),
    [[0.5, 0.5]],
    "two columns: [0.5, 0.5]",
  );
});

test('IDX.WEIGHTS "entropy" and IDX.NORMALIZE "zscore" are scale-free up to 1e308 (exact power-of-two rescale)', () => {
  const rows = [
    [1, 2],
    [1.5, 1],
    [1.75, 3.5],
    [0.125, 3],
  ];
  const big = rows.map(([a, b]) => [a! * 2 ** 1020, b!]);
  assert.deepEqual(fns.weights(big, "entropy"), fns.weights(rows, "entropy"));
  assert.deepEqual(fns.normalize(big, "zscore"), fns.normalize(rows, "zscore"));
  const weights = fns.weights(rows, "entropy")[0] as number[];
  assert.ok(weights.every((w) => w > 0 && w < 1));
});
