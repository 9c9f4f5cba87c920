import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeColumn, parseSpec, type NormalizeSpec } from "../../../src/core/engine";

const x = Float64Array.from([2, 4, NaN, 4, 10]);
const up = { code: "X", direction: 1 as const };
const down = { code: "X", direction: -1 as const };
const spec = (normalize: unknown) => parseSpec({ normalize }).normalize as NormalizeSpec;
const same = (a: Float64Array, b: number[]) =>
  b.forEach((v, i) =>
    Number.isNaN(v) ? assert.ok(Number.isNaN(a[i]!)) : assert.ok(Math.abs(a[i]! - v) < 1e-12, `${i}: ${a[i]} vs ${v}`),
  );

test("minmax: (x-min)/(max-min)·(high-low)+low, missing stays missing, direction -1 flips", () => {
  same(normalizeColumn(x, spec({ method: "minmax" }), up), [0, 25, NaN, 25, 100]);
  same(normalizeColumn(x, spec({ method: "minmax", low: 1, high: 100 }), up), [1, 1 + 99 / 4, NaN, 1 + 99 / 4, 100]);
  same(normalizeColumn(x, spec({ method: "minmax" }), down), [100, 75, NaN, 75, 0]);
});

test("zscore uses the sample sd (STDEV.S) and the requested mean and sd", () => {
  // mean 5, Σ(x-5)² = 9+1+1+25 = 36, sd = √(36/3) = √12
  const s = Math.sqrt(12);
  same(normalizeColumn(x, spec({ method: "zscore" }), up), [-3 / s, -1 / s, NaN, -1 / s, 5 / s]);
  same(normalizeColumn(x, spec({ method: "zscore", mean: 10, sd: 2 }), up), [
    10 - 6 / s,
    10 - 2 / s,
    NaN,
    10 - 2 / s,
    10 + 10 / s,
  ]);
});

test("rank, percentile and borda give ties the lowest rank", () => {
  same(normalizeColumn(x, spec({ method: "rank" }), up), [1, 2, NaN, 2, 4]);
  same(normalizeColumn(x, spec({ method: "percentile" }), up), [0, 1 / 3, NaN, 1 / 3, 1]);
  same(normalizeColumn(x, spec({ method: "borda" }), up), [0, 1, NaN, 1, 3]);
  same(normalizeColumn(x, spec({ method: "rank" }), down), [4, 2, NaN, 2, 1]);
});

test("fracmax and dist2max", () => {
  same(normalizeColumn(x, spec({ method: "fracmax" }), up), [0.2, 0.4, NaN, 0.4, 1]);
  same(normalizeColumn(x, spec({ method: "dist2max" }), up), [0, 0.25, NaN, 0.25, 1]);
});

test("dist2target on raw values, with the direction's own formula and an optional cap", () => {
  same(normalizeColumn(x, spec({ method: "dist2target" }), { ...up, target: 6 }), [0, 0.5, NaN, 0.5, 2]);
  same(normalizeColumn(x, spec({ method: "dist2target", cap: true }), { ...up, target: 6 }), [0, 0.5, NaN, 0.5, 1]);
  // direction -1: (max - x)/(max - target) = (10 - x)/(10 - 4)
  same(normalizeColumn(x, spec({ method: "dist2target" }), { ...down, target: 4 }), [8 / 6, 1, NaN, 1, 0]);
  assert.throws(() => normalizeColumn(x, spec({ method: "dist2target" }), up), /X has no Target/);
});

test("goalposts clamp to [0,1], scale, and reverse for direction -1", () => {
  const meta = { ...up, goalLow: 3, goalHigh: 8 };
  same(normalizeColumn(x, spec({ method: "goalposts", scale: 100 }), meta), [0, 20, NaN, 20, 100]);
  same(normalizeColumn(x, spec({ method: "goalposts" }), { ...meta, direction: -1 }), [1, 0.8, NaN, 0.8, 0]);
  assert.throws(() => normalizeColumn(x, spec({ method: "goalposts" }), up), /needs goalposts/);
});

test("a constant column is a clear error naming the indicator, not NaN", () => {
  const c = Float64Array.from([3, 3, NaN, 3]);
  assert.throws(
    () => normalizeColumn(c, spec({ method: "minmax" }), { code: "Const", direction: 1 }),
    /Indicator Const cannot be normalized by min-max: every value is 3/,
  );
  assert.throws(
    () => normalizeColumn(c, spec({ method: "zscore" }), { code: "Const", direction: 1 }),
    /Const.*standard deviation is 0/,
  );
});

test("minmax ends are exact: the maximum maps to high even when rounding would overshoot", () => {
  const v = Float64Array.from([0.1, 0.7, 0.3]);
  const out = normalizeColumn(v, spec({ method: "minmax", low: 0, high: 100 }), up);
  assert.equal(out[1], 100);
  assert.equal(out[0], 0);
});
