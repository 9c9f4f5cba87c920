/** A small index for hand checks: two pillars, four indicators, five units, a region group and a population denominator (of C). */
import type { Cell } from "../../src/core/engine";

export const twoPillarFramework: Cell[][] = [
  ["iCode", "iName", "Parent", "Weight", "Direction", "Denominator"],
  ["A", "Alpha", "P1", 1, 1, null],
  ["B", "Beta", "P1", 1, -1, null],
  ["C", "Gamma", "P2", 2, 1, "Pop"],
  ["D", "Delta", "P2", 1, 1, null],
  ["P1", "Pillar 1", "Index", 1, null, null],
  ["P2", "Pillar 2", "Index", 1, null, null],
  ["Index", "Index", null, null, null, null],
  ["Region", "Region", null, null, null, null],
  ["Pop", "Population", null, null, null, null],
];

export const twoPillarData: Cell[][] = [
  ["uCode", "uName", "Region", "Pop", "A", "B", "C", "D"],
  ["U1", "One", "East", 10, 1, 5, 100, 3],
  ["U2", "Two", "East", 20, 2, 4, 100, null],
  ["U3", "Three", "West", 10, 3, 3, 50, 9],
  ["U4", "Four", "West", 5, null, 2, 25, 6],
  ["U5", "Five", "West", 4, null, null, null, 1],
];
