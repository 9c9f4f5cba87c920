/**
 * Excel's sheet size limits, checked on the report plan before anything is written: a result that
 * cannot fit gets a clear error naming the sheet and the fix, never a half-written workbook.
 */
import { IndexComputeError } from "../errors";
import type { ReportPlan } from "./types";

export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLS = 16_384;

/** A sheet about to be written: its name and the size of its cell block. */
export interface SheetExtent {
  name: string;
  rows: number;
  cols: number;
}

export function planExtents(plan: ReportPlan): SheetExtent[] {
  return plan.sheets.map((sheet) => {
    let cols = 0;
    for (const row of sheet.cells) if (row.length > cols) cols = row.length;
    return { name: sheet.name, rows: sheet.cells.length, cols };
  });
}

/** One message per sheet that exceeds a limit (empty when everything fits). */
export function sheetLimitProblems(extents: SheetExtent[]): string[] {
  const problems: string[] = [];
  const n = (x: number) => x.toLocaleString("en-US");
  for (const { name, rows, cols } of extents) {
    if (rows > EXCEL_MAX_ROWS) {
      problems.push(
        `The ${name} sheet would need ${n(rows)} rows, more than Excel's ${n(EXCEL_MAX_ROWS)}; compute fewer units at a time, or use the command line's --csv or --json output, which has no row limit.`,
      );
    }
    if (cols > EXCEL_MAX_COLS) {
      problems.push(
        `The ${name} sheet would need ${n(cols)} columns, more than Excel's ${n(EXCEL_MAX_COLS)}; use fewer indicators, or the command line's --csv or --json output.`,
      );
    }
  }
  return problems;
}

/** Throws before writing when a sheet cannot fit in Excel. */
export function checkSheetLimits(extents: SheetExtent[]): void {
  const problems = sheetLimitProblems(extents);
  if (problems.length > 0) throw new IndexComputeError(problems.join("\n"));
}
