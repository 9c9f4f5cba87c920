import assert from "node:assert/strict";
import { test } from "node:test";
import { rankAscending, rankDescending } from "../../../src/core/engine";
import { awkwardColumn, bruteRanks, lowBitsColumn } from "../../helpers/awkward-doubles";

test("descending competition ranks equal Excel RANK.EQ(x, range, 0): ties take the lowest rank", () => {
  // RANK.EQ over {7, 3.5, 3.5, 1, 2} descending: 1, 2, 2, 5, 4
  assert.deepEqual([...rankDescending([7, 3.5, 3.5, 1, 2])], [1, 2, 2, 5, 4]);
  const r = rankDescending([5, NaN, 5, 9]);
  assert.deepEqual([r[0], r[2], r[3]], [2, 2, 1]);
  assert.ok(Number.isNaN(r[1]!));
});

test("ascending ranks (rank normalization): 1,2,2,4", () => {
  assert.deepEqual([...rankAscending([1, 2, 2, 3])], [1, 2, 2, 4]);
});

test("ranks equal the definition (1 + count strictly above / below) on awkward columns of every size", () => {
  for (const n of [0, 1, 2, 63, 64, 65, 1000, 10_000]) {
    const x = awkwardColumn(n, 31 + n);
    assert.deepEqual([...rankDescending(x)], bruteRanks(x, true), `descending n=${n}`);
    assert.deepEqual([...rankAscending(x)], bruteRanks(x, false), `ascending n=${n}`);
  }
  for (const sign of [1, -1] as const) {
    const x = lowBitsColumn(1000, 5, sign);
    assert.deepEqual([...rankDescending(x)], bruteRanks(x, true), `low bits, sign ${sign}`);
    assert.deepEqual([...rankAscending(x)], bruteRanks(x, false), `low bits, sign ${sign}`);
  }
});

test("ranks: -0 ties with 0, ±Infinity rank at the ends, an all-NaN column stays NaN", () => {
  const x = [0, -Infinity, -0, NaN, Infinity, 5e-324, -5e-324];
  // descending: Infinity 1, 5e-324 2, both zeros 3, -5e-324 5, -Infinity 6
  assert.deepEqual([...rankDescending(x)], [3, 6, 3, NaN, 1, 2, 5]);
  assert.deepEqual([...rankAscending(x)], [3, 1, 3, NaN, 6, 5, 2]);
  assert.deepEqual([...rankDescending([NaN, NaN])], [NaN, NaN]);
  assert.deepEqual([...rankAscending([])], []);
});
