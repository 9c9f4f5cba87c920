/**
 * Excel's sheet size limits, checked on the report plan before anything is written: a result that
 * cannot fit gets a clear error naming the sheet and the fix, never a half-written workbook.
 */
import { IndexComputeError } from "../errors";
import { msg, render, type Message } from "../messages";
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

/** One message per sheet that exceeds a limit (empty when everything fits), in English. */
export function sheetLimitProblems(extents: SheetExtent[]): string[] {
  return sheetLimitTexts(extents).map((text) => render("en", text));
}

/** The same as catalogue messages, for the analyst's language. */
export function sheetLimitTexts(extents: SheetExtent[]): Message[] {
  const problems: Message[] = [];
  const n = (x: number) => x.toLocaleString("en-US");
  for (const { name, rows, cols } of extents) {
    if (rows > EXCEL_MAX_ROWS) {
      problems.push(msg("limits.rows", { name, rows: n(rows), max: n(EXCEL_MAX_ROWS) }));
    }
    if (cols > EXCEL_MAX_COLS) {
      problems.push(msg("limits.cols", { name, cols: n(cols), max: n(EXCEL_MAX_COLS) }));
    }
  }
  return problems;
}

/** Throws before writing when a sheet cannot fit in Excel. */
export function checkSheetLimits(extents: SheetExtent[]): void {
  const [first, ...rest] = sheetLimitTexts(extents);
  // One message, one line per problem.
  if (first) throw new IndexComputeError(rest.reduce((lines, text) => msg("limits.lines", { lines, text }), first));
}
