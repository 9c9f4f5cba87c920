/** A small index whose correlations are worked out by hand in the tests. */
import type { Cell } from "../../../src/core/types";

// P1 = {A, B}: B is A with the last two swapped (r = 16.5/17.5, collinear).
// P2 = {C (weight 3), D}: r(C, D) = -14.5/17.5, and D pulls against P2 (r = -26/√1540).
export const smallFramework: Cell[][] = [
  ["iCode", "iName", "Parent", "Weight", "Direction"],
  ["A", "Alpha", "P1", 1, 1],
  ["B", "Beta", "P1", 1, 1],
  ["C", "Gamma", "P2", 3, 1],
  ["D", "Delta", "P2", 1, 1],
  ["P1", "Pillar 1", "Index", 1, null],
  ["P2", "Pillar 2", "Index", 1, null],
  ["Index", "Index", null, null, null],
];
export const smallData: Cell[][] = [
  ["uCode", "uName", "A", "B", "C", "D"],
  ["U1", "One", 1, 1, 1, 5],
  ["U2", "Two", 2, 2, 2, 6],
  ["U3", "Three", 3, 3, 3, 3],
  ["U4", "Four", 4, 4, 4, 4],
  ["U5", "Five", 5, 6, 5, 1],
  ["U6", "Six", 6, 5, 6, 2],
];
