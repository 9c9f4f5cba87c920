import assert from "node:assert/strict";
import { test } from "node:test";
import { rankAscending, rankDescending } from "../../../src/core/engine";

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
