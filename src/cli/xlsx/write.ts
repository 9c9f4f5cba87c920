/**
 * writeResultWorkbook: the input workbook (or input tables) plus the plan's sheets, written with
 * exceljs, then native charts added as DrawingML parts. Text is always written as string cells,
 * so nothing from the data ever becomes a formula. The output file appears only when complete.
 */
import { readFile, rename, unlink, writeFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { RangeRef, ReportPlan, SheetKey, SheetPlan } from "../../core/report/types";
import type { Cell } from "../../core/types";
import { chartXml, type ResolvedRange } from "./chart-xml";
import { parseRange, sheetFormula, uniqueSheetName, uniqueTableName } from "./names";
import { graftInputDrawings } from "./graft";
import { qualifiesForFastRows, writeFastRows } from "./fast-rows";
import { addChartsToPackage, worksheetPaths, type SheetCharts } from "./package";
import { readOwnedSheets, writeOwnedSheets, type OwnedSheet } from "./owned";
import { packZip } from "./zip";

export interface WriteResultOptions {
  inputPath?: string;
  inputTables?: { name: string; rows: Cell[][] }[];
  plan: ReportPlan;
  outPath: string;
  /** Sheets with more cells than this have their body rows written directly (default 5,000). */
  largeSheetCells?: number;
}

export interface WriteResultSummary {
  /** Actual sheet name of each planned sheet (collisions renamed). */
  sheetNames: Partial<Record<SheetKey, string>>;
  /** Charts written from the plan (input charts carried over are not counted). */
  charts: number;
  /** What could not be kept from the input workbook. */
  warnings: string[];
}

const HEAT_COLORS = ["FFF8696B", "FFFFEB84", "FF63BE7B"];
const LARGE_SHEET_CELLS = 5_000;

export async function writeResultWorkbook(options: WriteResultOptions): Promise<WriteResultSummary> {
  const { buffer, summary } = await buildResultWorkbook(options);
  // Write beside the target and rename: a failed run never leaves a half-written file.
  const temp = `${options.outPath}.${process.pid}.tmp`;
  try {
    await writeFile(temp, buffer);
    await rename(temp, options.outPath);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return summary;
}

/** The finished .xlsx as bytes (for callers that stream or test without a file). */
export async function buildResultWorkbook(options: Omit<WriteResultOptions, "outPath">): Promise<{ buffer: Buffer; summary: WriteResultSummary }> {
  const workbook = new ExcelJS.Workbook();
  if (options.inputPath) await readInput(workbook, options.inputPath);
  const original = options.inputPath ? await JSZip.loadAsync(await readFile(options.inputPath)) : undefined;
  const previous = original ? await removeOwnedSheets(workbook, original) : new Map<string, PreviousSheet>();
  const takenSheets = new Set(workbook.worksheets.map((ws) => ws.name.toLowerCase()));
  for (const table of options.inputTables ?? []) {
    addInputSheet(workbook.addWorksheet(uniqueSheetName(table.name, takenSheets)), table.rows);
  }
  const takenNames = new Set<string>();
  for (const ws of workbook.worksheets) for (const table of ws.getTables()) takenNames.add(tableNameOf(table).toLowerCase());
  for (const defined of workbook.definedNames.model) takenNames.add(defined.name.toLowerCase());

  const sheetNames: Partial<Record<SheetKey, string>> = {};
  // An owned sheet is replaced in place (same name, same position), so its name stays taken.
  for (const sheet of options.plan.sheets) {
    const replaces = previous.get(sheet.key);
    if (replaces) takenSheets.add(replaces.name.toLowerCase());
  }
  for (const sheet of options.plan.sheets) {
    if (sheetNames[sheet.key]) throw new Error(`internal: the report plan has two "${sheet.key}" sheets`);
    const replaces = previous.get(sheet.key);
    sheetNames[sheet.key] = replaces ? replaces.name : uniqueSheetName(sheet.name, takenSheets);
  }
  const threshold = options.largeSheetCells ?? LARGE_SHEET_CELLS;
  const fast = options.plan.sheets.filter((sheet) => cellCount(sheet) > threshold && qualifiesForFastRows(sheet));
  // Replaced sheets take their old places; new ones go after every sheet, old places included.
  let lastOrder = [...workbook.worksheets.map((ws) => (ws as Ordered).orderNo), ...[...previous.values()].map((p) => p.orderNo)].reduce((m, o) => Math.max(m, o), 0);
  const owned: { key: string; ws: ExcelJS.Worksheet }[] = options.plan.sheets.map((sheet) => {
    const ws = writeSheet(workbook, sheet, sheetNames[sheet.key]!, takenNames, fast.includes(sheet));
    (ws as Ordered).orderNo = previous.get(sheet.key)?.orderNo ?? ++lastOrder;
    return { key: sheet.key, ws };
  });

  const resolve = (ref: RangeRef): ResolvedRange => {
    const planned = options.plan.sheets.find((s) => s.key === ref.sheet);
    if (!planned) throw new Error(`internal: a chart refers to sheet "${ref.sheet}", which is not in the plan`);
    return { formula: sheetFormula(sheetNames[ref.sheet]!, ref.range), values: cellsOf(planned, ref.range) };
  };
  const withCharts: SheetCharts[] = options.plan.sheets.map((sheet) => ({
    sheetName: sheetNames[sheet.key]!,
    charts: sheet.charts.map((chart) => ({ xml: chartXml(chart, resolve), title: chart.title, anchor: chart.anchor })),
  }));
  const written = await JSZip.loadAsync(await workbook.xlsx.writeBuffer() as ArrayBuffer);
  // Charts of the input sheets first, so that the new chart parts take the next free numbers.
  // Owned sheets of the input are gone or rewritten, and their old charts with them.
  const warnings = original ? await graftInputDrawings(original, written, new Set([...previous.values()].map((p) => p.name))) : [];
  await writeOwnedSheets(written, owned.map(({ key, ws }): OwnedSheet => ({ key, sheetId: ws.id, name: ws.name })));
  const paths = await worksheetPaths(written);
  const replaced = new Map<string, string>();
  for (const sheet of fast) {
    const path = paths.get(sheetNames[sheet.key]!)!;
    replaced.set(path, await writeFastRows(written, path, sheet));
  }
  await addChartsToPackage(written, withCharts);
  const buffer = await pack(written, replaced);
  return { buffer, summary: { sheetNames, charts: withCharts.reduce((n, s) => n + s.charts.length, 0), warnings } };
}

/**
 * One planned sheet through exceljs. With `firstRowsOnly`, only the header and the first body row
 * are written (the rest follows in writeFastRows).
 */
function writeSheet(workbook: ExcelJS.Workbook, plan: SheetPlan, name: string, takenNames: Set<string>, firstRowsOnly: boolean): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name);
  const rowLimit = firstRowsOnly ? 2 : plan.cells.length;
  const table = plan.table && plan.table.rows > 1 && plan.table.cols > 0 ? plan.table : undefined;
  if (table) {
    const headers = (plan.cells[0] ?? []).slice(0, table.cols).map((h, c) => (h === null || h === undefined ? `Column${c + 1}` : String(h)));
    ws.addTable({
      name: uniqueTableName(table.name, takenNames),
      ref: "A1",
      headerRow: true,
      style: { theme: "TableStyleLight9", showRowStripes: true },
      columns: headers.map((header) => ({ name: header, filterButton: true })),
      rows: plan.cells.slice(1, Math.min(table.rows, rowLimit)).map((row) => headers.map((_, c) => cellValue(row[c]))),
    });
  }
  plan.cells.slice(0, rowLimit).forEach((row, r) => {
    row.forEach((value, c) => {
      if (table && r < table.rows && c < table.cols) return;
      const v = cellValue(value);
      if (v !== null) ws.getCell(r + 1, c + 1).value = v;
    });
  });
  if (!table && plan.cells.length > 0) ws.getRow(1).font = { bold: true };
  for (const format of plan.formats) {
    forEachCell(format.range, (r, c) => {
      if (r < rowLimit) ws.getCell(r + 1, c + 1).numFmt = format.numberFormat;
    });
  }
  for (const range of plan.highlights) {
    forEachCell(range, (r, c) => {
      const cell = ws.getCell(r + 1, c + 1);
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
      cell.font = { bold: true };
    });
  }
  plan.colorScales.forEach((range, i) => {
    ws.addConditionalFormatting({
      ref: range,
      rules: [{
        type: "colorScale", priority: i + 1,
        cfvo: [{ type: "min" }, { type: "percentile", value: 50 }, { type: "max" }],
        color: HEAT_COLORS.map((argb) => ({ argb })),
      }],
    });
  });
  if (plan.freeze.rows > 0 || plan.freeze.cols > 0) {
    ws.views = [{ state: "frozen", xSplit: plan.freeze.cols, ySplit: plan.freeze.rows }];
  }
  plan.columnWidths?.forEach((width, c) => (ws.getColumn(c + 1).width = width));
  if (plan.charts.length > 0) ws.pageSetup = { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return ws;
}

interface PreviousSheet { name: string; orderNo: number }
/** exceljs orders sheets by this field, which its type definitions leave out. */
type Ordered = ExcelJS.Worksheet & { orderNo: number };

/**
 * Removes the sheets an earlier run wrote (found by their marks, see owned.ts) and returns where
 * each was, by report key; owned sheets the plan no longer has are simply gone, as in the add-in.
 */
async function removeOwnedSheets(workbook: ExcelJS.Workbook, original: JSZip): Promise<Map<string, PreviousSheet>> {
  const previous = new Map<string, PreviousSheet>();
  const xml = (await original.file("xl/workbook.xml")?.async("string")) ?? "";
  for (const { key, sheetId, name } of readOwnedSheets(xml)) {
    const ws = workbook.getWorksheet(sheetId);
    if (!ws || ws.name !== name) continue;
    previous.set(key, { name: ws.name, orderNo: (ws as Ordered).orderNo });
    workbook.removeWorksheet(sheetId);
  }
  return previous;
}

/** Input tables (CSV): numbers that print back identically become numbers, all else stays text. */
function addInputSheet(ws: ExcelJS.Worksheet, rows: Cell[][]): void {
  rows.forEach((row, r) => {
    row.forEach((value, c) => {
      let v = cellValue(value);
      if (typeof v === "string" && v.trim() !== "" && String(Number(v)) === v.trim()) v = Number(v);
      if (v !== null) ws.getCell(r + 1, c + 1).value = v;
    });
  });
  if (rows.length > 0) ws.views = [{ state: "frozen", xSplit: 0, ySplit: 1 }];
}

/**
 * Plain values only: strings stay strings (exceljs writes them as shared strings, never formulas);
 * an empty string is an empty cell, as NaN is.
 */
function cellValue(value: Cell): string | number | boolean | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  return value;
}

async function readInput(workbook: ExcelJS.Workbook, path: string): Promise<void> {
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read the input workbook ${path} (${reason}): it must be an .xlsx file (save .xls or .ods files as .xlsx first)`);
  }
}

/** Every part, [Content_Types].xml first, through the native zip writer. */
async function pack(zip: JSZip, replaced: Map<string, string>): Promise<Buffer> {
  const names = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
  names.sort((a, b) => Number(b === "[Content_Types].xml") - Number(a === "[Content_Types].xml"));
  const entries = await Promise.all(names.map(async (name) => {
    const xml = replaced.get(name);
    return { name, data: xml !== undefined ? Buffer.from(xml, "utf8") : await zip.file(name)!.async("uint8array") };
  }));
  return packZip(entries);
}

function cellCount(plan: SheetPlan): number {
  return plan.cells.reduce((n, row) => n + row.length, 0);
}

function cellsOf(plan: SheetPlan, range: string): Cell[] {
  const out: Cell[] = [];
  forEachCell(range, (r, c) => out.push(plan.cells[r]?.[c] ?? null));
  return out;
}

function forEachCell(range: string, visit: (row: number, col: number) => void): void {
  const box = parseRange(range);
  for (let r = box.row0; r <= box.row1; r++) for (let c = box.col0; c <= box.col1; c++) visit(r, c);
}

function tableNameOf(table: unknown): string {
  const t = table as { name?: string; table?: { name?: string } };
  return t.table?.name ?? t.name ?? "";
}
