/** Test helpers: read planned cells back through the plan's own range references. */
import type { RangeRef, ReportPlan, SheetKey, SheetPlan } from "../../../src/core/report/types";
import type { Cell } from "../../../src/core/types";
import { parseRange } from "../../../src/cli/xlsx/names";

export function sheetOf(plan: ReportPlan | SheetPlan[], key: SheetKey): SheetPlan {
  const sheets = Array.isArray(plan) ? plan : plan.sheets;
  const sheet = sheets.find((s) => s.key === key);
  if (!sheet) throw new Error(`no ${key} sheet in the plan`);
  return sheet;
}

/** The cells a range covers, row-major. */
export function valuesAt(plan: ReportPlan, ref: RangeRef | string): Cell[] {
  if (typeof ref === "string") return [ref];
  const sheet = sheetOf(plan, ref.sheet);
  const box = parseRange(ref.range);
  const out: Cell[] = [];
  for (let r = box.row0; r <= box.row1; r++)
    for (let c = box.col0; c <= box.col1; c++) out.push(sheet.cells[r]?.[c] ?? null);
  return out;
}

/** Column of a sheet by its header text (0-based index), or throws. */
export function columnIndex(sheet: SheetPlan, header: string): number {
  const c = sheet.cells[0]!.indexOf(header);
  if (c < 0) throw new Error(`no column "${header}" in ${sheet.key}: ${JSON.stringify(sheet.cells[0])}`);
  return c;
}

export function overlaps(a: { row: number; col: number; rows: number; cols: number }, b: typeof a): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

export function near(actual: Cell, expected: number, tolerance = 1e-9): boolean {
  return typeof actual === "number" && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
}

/** Median by hand (sort, middle or mean of the two middles). */
export function handMedian(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
