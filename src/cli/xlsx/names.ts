/**
 * Range boxes for the package code. Names and A1 live in core (core/report/names.ts, core/a1.ts),
 * one rule set for both writers; this adapter only keeps the corner form the row writer uses.
 */
import { requireA1 } from "../../core/engine";

export interface CellBox {
  row0: number;
  col0: number;
  row1: number;
  col1: number;
}

/** 0-based corners of "B2:D38" (or a single cell "B2"); throws on anything else. */
export function parseRange(range: string): CellBox {
  const { row, col, rows, cols } = requireA1(range);
  return { row0: row, col0: col, row1: row + rows - 1, col1: col + cols - 1 };
}
