/** The tiny two-edition panel of the editions tests; every expected value is worked out by hand in engine.test.ts. */
import type { Cell } from "../../../src/core/engine";

export const FRAMEWORK: Cell[][] = [
  ["iCode", "iName", "Parent", "Level", "Direction", "Weight", "Type"],
  ["a", "A", "Idx", 1, 1, 1, "Indicator"],
  ["b", "B", "Idx", 1, -1, 1, "Indicator"],
  ["Idx", "Index", null, 2, 1, 1, "Aggregate"],
];
// X and Y in 2020; X, Y and the newcomer Z in 2021; rows deliberately not sorted by Time.
export const DATA: Cell[][] = [
  ["uCode", "uName", "Time", "a", "b"],
  ["X", "Ex", 2021, 20, 5],
  ["X", "Ex", 2020, 0, 10],
  ["Y", "Why", 2020, 10, 0],
  ["Y", "Why", 2021, 5, 20],
  ["Z", "Zed", "2021", 15, 10],
];
