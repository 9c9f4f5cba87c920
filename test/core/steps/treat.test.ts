import assert from "node:assert/strict";
import { test } from "node:test";
import type { WinsorizeSpec } from "../../../src/core/engine";
import { winsorizeColumn } from "../../../src/core/steps/treat";
import { kurt, skew } from "../../../src/core/stats";

const spec: WinsorizeSpec = { method: "winsorize", winmax: 5, skewThreshold: 2, kurtThreshold: 3.5, fallback: "log" };
const units = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);

test("a passing indicator is left alone", () => {
  const x = Float64Array.from([3, 4, 5, 2, 3, 4, 5, 6, 4, 7]);
  const { values, record } = winsorizeColumn(x, spec, "X", units(10));
  assert.equal(record.action, "none");
  assert.deepEqual([...values], [...x]);
});

test("tied maxima are winsorized together to the next value below", () => {
  // 1..15 plus two outliers of 100: skew 2.52, kurt 5.13 fail; one high step moves both 100s to 15.
  const x = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 100, 100]);
  assert.ok(skew(x) > 2 && kurt(x) > 3.5);
  const { values, record } = winsorizeColumn(x, spec, "X", units(17));
  assert.equal(record.action, "winsorized");
  assert.deepEqual(record.winsorizedHigh, ["u15", "u16"]);
  assert.equal(values[15], 15);
  assert.equal(values[16], 15);
  assert.deepEqual([...values.subarray(0, 15)], [...x.subarray(0, 15)]);
  assert.ok(Math.abs(record.skewAfter - skew(values)) < 1e-15);
});

test("negative skew winsorizes the low side", () => {
  const x = Float64Array.from([-1000, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  const { values, record } = winsorizeColumn(x, spec, "X", units(15));
  assert.deepEqual(record.winsorizedLow, ["u0"]);
  assert.equal(values[0], 1);
});

test("winmax counts tied points: a tie of 2 exhausts winmax 2 after one step, then the log fallback applies to the original", () => {
  // 30 zeros, 1, 2, 60 and two tied 500s: after both 500s move to 60, skew 3.09 and kurt 8.02 still fail.
  const x = Float64Array.from([...Array(30).fill(0), 1, 2, 60, 500, 500]);
  const { values, record } = winsorizeColumn(x, { ...spec, winmax: 2 }, "X", units(35));
  const afterOne = Float64Array.from(x);
  afterOne[33] = afterOne[34] = 60;
  assert.ok(!(Math.abs(skew(afterOne)) < 2 || kurt(afterOne) < 3.5), "the test data must still fail after one step");
  assert.equal(record.action, "log");
  // log(x - min + 0.01·(max - min)) on the untreated values: min 0, max 500.
  x.forEach((v, i) => assert.ok(Math.abs(values[i]! - Math.log(v + 5)) < 1e-12));
});

test("fallback none leaves the winsorized column and reports failure", () => {
  const x = Float64Array.from([...Array(30).fill(0), 1, 2, 60, 500, 500]);
  const { values, record } = winsorizeColumn(x, { ...spec, winmax: 2, fallback: "none" }, "X", units(35));
  assert.equal(record.action, "failed");
  assert.deepEqual(record.winsorizedHigh, ["u33", "u34"]);
  assert.equal(values[34], 60);
});

test("missing values are ignored and stay missing", () => {
  const x = Float64Array.from([1, 2, NaN, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 100, 100]);
  const { values } = winsorizeColumn(x, spec, "X", units(18));
  assert.ok(Number.isNaN(values[2]!));
  assert.equal(values[16], 15);
});
