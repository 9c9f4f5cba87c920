/** Shared set-up for the adapter tests: the fake installed as the Office globals, inputs, readers. */
import { readFileSync } from "node:fs";
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
  table.forEach((cells, r) => cells.forEach((cell, c) => {
    if (cell === null || cell === undefined || cell === "") return;
    if (typeof cell === "string") sheet.setFormat(row + r, col + c, "@");
    sheet.enter(row + r, col + c, cell);
  }));
  return sheet;
}

/** RFC 4180 subset (quotes, doubled quotes, commas and newlines inside quotes); numeric text becomes numbers. */
export function readCsv(path: string): Table {
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  const rows: (string | number | null)[][] = [];
  let row: (string | number | null)[] = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  const push = () => {
    const value = !wasQuoted && field !== "" && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(field) ? Number(field) : field === "" ? null : field;
    row.push(value);
    field = "";
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') { quoted = true; wasQuoted = true; }
    else if (ch === ",") push();
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      push();
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== "" || row.length > 0) { push(); rows.push(row); }
  return rows;
}

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
