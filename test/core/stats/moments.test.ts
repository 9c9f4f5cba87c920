import assert from "node:assert/strict";
import { test } from "node:test";
import { kurt, mean, median, quantile, sd, skew, variance } from "../../../src/core/stats";

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("SKEW and KURT match Excel's documented examples", () => {
  // Microsoft's SKEW and KURT help pages use {3,4,5,2,3,4,5,6,4,7}: SKEW = 0.359543, KURT = -0.151799637.
  const x = [3, 4, 5, 2, 3, 4, 5, 6, 4, 7];
  close(skew(x), 0.359543, 1e-6);
  close(kurt(x), -0.151799637, 1e-9);
});

test("moments skip missing values and follow Excel's sample definitions", () => {
  const x = [2, NaN, 4, 4, 4, 5, 5, 7, 9];
  close(mean(x), 5);
  close(variance(x), 32 / 7); // Σ(x-5)² = 32 over n-1 = 7 (VAR.S)
  close(sd(x), Math.sqrt(32 / 7));
  close(median(x), 4.5);
  close(quantile([1, 2, 3, 4], 0.25), 1.75); // PERCENTILE.INC
  assert.ok(Number.isNaN(skew([1, 2])), "skew needs 3 values");
  assert.ok(Number.isNaN(kurt([1, 1, 1, 1])), "kurt of a constant is undefined");
});
