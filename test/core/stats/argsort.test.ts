import assert from "node:assert/strict";
import { test } from "node:test";
import { argsortAvailable } from "../../../src/core/stats";
import { awkwardColumn, lowBitsColumn, prefixTieColumn } from "../../helpers/awkward-doubles";

/** The reference: positions of the non-NaN values by value (-0 = +0), ties by position. */
function bruteArgsort(x: ArrayLike<number>): number[] {
  const ids: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]!)) ids.push(i);
  return ids.sort((a, b) => (x[a]! < x[b]! ? -1 : x[a]! > x[b]! ? 1 : a - b));
}

const SIZES = [0, 1, 2, 63, 64, 65, 1000, 10_000];

test("argsortAvailable equals a stable comparison sort on awkward columns of every size", () => {
  for (const n of SIZES) {
    for (const seed of [1, 2, 3]) {
      const x = awkwardColumn(n, seed * 1000 + n);
      assert.deepEqual([...argsortAvailable(x)], bruteArgsort(x), `n=${n} seed=${seed}`);
    }
  }
});

test("argsortAvailable orders values that differ only in their low 32 bits (long runs), either sign", () => {
  for (const n of [65, 1000, 10_000]) {
    for (const sign of [1, -1] as const) {
      const x = lowBitsColumn(n, n, sign);
      assert.deepEqual([...argsortAvailable(x)], bruteArgsort(x), `n=${n} sign=${sign}`);
    }
  }
});

test("argsortAvailable orders values that differ in the lowest bits of both halves, among extremes", () => {
  for (const n of [65, 1000, 10_000]) {
    const x = prefixTieColumn(n, n);
    assert.deepEqual([...argsortAvailable(x)], bruteArgsort(x), `n=${n}`);
  }
});

test("argsortAvailable: -0 and +0 tie (input order kept), ±Infinity at the ends, NaN left out", () => {
  assert.deepEqual([...argsortAvailable([0, -0, Infinity, NaN, -Infinity, -0, 0])], [4, 0, 1, 5, 6, 2]);
  const big = Array.from({ length: 200 }, (_, i) => (i % 2 ? -0 : 0));
  assert.deepEqual([...argsortAvailable(big)], [...big.keys()]);
  assert.deepEqual([...argsortAvailable([NaN, NaN])], []);
  assert.deepEqual([...argsortAvailable([])], []);
});

test("argsortAvailable reads plain arrays and stays right when sizes shrink and grow between calls", () => {
  for (const n of [10_000, 65, 3, 1000, 64]) {
    const x = Array.from(awkwardColumn(n, 7 + n));
    assert.deepEqual([...argsortAvailable(x)], bruteArgsort(x), `n=${n}`);
  }
});
