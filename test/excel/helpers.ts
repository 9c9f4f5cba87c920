/** Shared set-up for the adapter tests: the fake installed as the Office globals, inputs, readers. */
import type { Table } from "../../src/core/types";
import { installFakeOffice, WorkbookModel, type SheetModel } from "./fake-excel";

export function freshWorkbook(): WorkbookModel {
  const wb = new WorkbookModel();
  installFakeOffice(globalThis as unknown as Record<string, unknown>, wb);
  return wb;
}

/** Puts a table on a sheet as a user would have it: numbers as numbers, text stored as text. */
export function putTable(wb: WorkbookModel, sheetName: string, table: Table, row = 0, col = 0): SheetModel {
  const sheet = wb.sheetByName(sheetName) ?? wb.addSheet(sheetName);
  table.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      if (cell === null || cell === undefined || cell === "") return;
      if (typeof cell === "string") sheet.setFormat(row + r, col + c, "@");
      sheet.enter(row + r, col + c, cell);
    }),
  );
  return sheet;
}

/** A CSV file with numeric text as numbers (as Excel's Range.values gives it). */
export { readCsvNumeric as readCsv } from "../helpers/conformance";

/** A sheet's cells as a matrix of values ("" for empty), over its used rectangle from A1. */
export function sheetValues(sheet: SheetModel): (string | number | boolean)[][] {
  const used = sheet.usedRect(true);
  if (!used) return [];
  const out: (string | number | boolean)[][] = [];
  for (let r = 0; r < used.row + used.rows; r++) {
    const row: (string | number | boolean)[] = [];
    for (let c = 0; c < used.col + used.cols; c++) row.push(sheet.value(r, c) ?? "");
    out.push(row);
  }
  return out;
}

export function sheetNamed(wb: WorkbookModel, name: string): SheetModel {
  const sheet = wb.sheetByName(name);
  if (!sheet) throw new Error(`no sheet ${name}; sheets: ${wb.sheets.map((s) => s.name).join(", ")}`);
  return sheet;
}
