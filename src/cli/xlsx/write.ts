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
import { forEachCell, sheetFormula } from "../../core/a1";
import { finishSheet } from "../../core/report/finish";
import { uniqueSheetName, uniqueTableName } from "../../core/report/names";
import { graftInputDrawings, relationships } from "./graft";
import { qualifiesForFastRows, writeFastRows } from "./fast-rows";
import { addChartsToPackage, worksheetPaths, type SheetCharts } from "./package";
import { writeOwnedSheets, type OwnedSheet } from "./owned";
import { removeOwnedSheets, type Ordered, type PreviousSheet } from "./previous";
import { withTableHeaders } from "./table-headers";
import { decodeInlineStrings, escapeSharedStrings, escapeTableColumns, readDefinedNames, restoreDefinedNames, restoreSheetFormats } from "./passthrough";
import { carryExternalLinks } from "./external-links";
import { macroPart, macrosNotKept } from "./macros";
import { packZip } from "./zip";
import { removeStaleTemps, tempPath } from "../paths";

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

const LARGE_SHEET_CELLS = 5_000;

export async function writeResultWorkbook(options: WriteResultOptions): Promise<WriteResultSummary> {
  const { buffer, summary } = await buildResultWorkbook(options);
  // Write beside the target and rename: a failed run never leaves a half-written file.
  await removeStaleTemps(options.outPath);
  const temp = tempPath(options.outPath, process.pid);
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
  const plan = withTableHeaders(options.plan);
  const workbook = new ExcelJS.Workbook();
  const bytes = options.inputPath ? await readFile(options.inputPath) : undefined;
  if (options.inputPath) await readInput(workbook, options.inputPath, bytes!);
  const original = bytes ? await JSZip.loadAsync(bytes) : undefined;
  const planned = new Set(plan.sheets.map((sheet) => sheet.key));
  const { previous, kept, warnings } = original ? await removeOwnedSheets(workbook, original, planned) : { previous: new Map<string, PreviousSheet>(), kept: [], warnings: [] };
  const takenSheets = new Set(workbook.worksheets.map((ws) => ws.name.toLowerCase()));
  const threshold = options.largeSheetCells ?? LARGE_SHEET_CELLS;
  // A large input table (CSV input) takes the direct-rows path too: exceljs spends ~50 µs per cell.
  const fastInputs: { name: string; rows: Cell[][] }[] = [];
  for (const table of options.inputTables ?? []) {
    const name = uniqueSheetName(table.name, takenSheets);
    const rows = table.rows.map((row) => row.map(inputCell));
    const large = rows.length > 2 && rows[1]!.some((v) => v !== null) && rows.reduce((n, row) => n + row.length, 0) > threshold;
    addInputSheet(workbook.addWorksheet(name), large ? rows.slice(0, 2) : rows);
    if (large) fastInputs.push({ name, rows });
  }
  const takenNames = new Set<string>();
  for (const ws of workbook.worksheets) for (const table of ws.getTables()) takenNames.add(tableNameOf(table).toLowerCase());
  for (const defined of workbook.definedNames.model) takenNames.add(defined.name.toLowerCase());
  // exceljs drops constant names ("=0.5") on reading; a table must not take their names either.
  const originalWorkbook = (await original?.file("xl/workbook.xml")?.async("string")) ?? "";
  for (const defined of readDefinedNames(originalWorkbook)) takenNames.add(defined.name.toLowerCase());

  const sheetNames: Partial<Record<SheetKey, string>> = {};
  // An owned sheet is replaced in place (same name, same position), so its name stays taken.
  for (const sheet of plan.sheets) {
    const replaces = previous.get(sheet.key);
    if (replaces) takenSheets.add(replaces.name.toLowerCase());
  }
  for (const sheet of plan.sheets) {
    if (sheetNames[sheet.key]) throw new Error(`internal: the report plan has two "${sheet.key}" sheets`);
    const replaces = previous.get(sheet.key);
    sheetNames[sheet.key] = replaces ? replaces.name : uniqueSheetName(sheet.name, takenSheets);
  }
  const fast = plan.sheets.filter((sheet) => cellCount(sheet) > threshold && qualifiesForFastRows(sheet));
  // Replaced sheets take their old places; new ones go after every sheet, old places included.
  let lastOrder = [...workbook.worksheets.map((ws) => (ws as Ordered).orderNo), ...[...previous.values()].map((p) => p.orderNo)].reduce((m, o) => Math.max(m, o), 0);
  const owned: { key: string; ws: ExcelJS.Worksheet }[] = plan.sheets.map((sheet) => {
    const ws = writeSheet(workbook, sheet, sheetNames[sheet.key]!, takenNames, fast.includes(sheet));
    (ws as Ordered).orderNo = previous.get(sheet.key)?.orderNo ?? ++lastOrder;
    return { key: sheet.key, ws };
  });

  const resolve = (ref: RangeRef): ResolvedRange => {
    const planned = plan.sheets.find((s) => s.key === ref.sheet);
    if (!planned) throw new Error(`internal: a chart refers to sheet "${ref.sheet}", which is not in the plan`);
    return { formula: sheetFormula(sheetNames[ref.sheet]!, ref.range), values: cellsOf(planned, ref.range) };
  };
  const withCharts: SheetCharts[] = plan.sheets.map((sheet) => ({
    sheetName: sheetNames[sheet.key]!,
    charts: sheet.charts.map((chart) => ({ xml: chartXml(chart, resolve), title: chart.title, anchor: chart.anchor })),
  }));
  const written = await JSZip.loadAsync(await workbook.xlsx.writeBuffer() as ArrayBuffer);
  const paths = await worksheetPaths(written);
  const rewritten = new Set([...previous.values()].map((p) => p.name));
  if (original) for (const warning of await carryOverInput(original, written, rewritten)) warnings.push(warning);
  await escapeSharedStrings(written);
  await escapeTableColumns(written, await tableParts(written, owned.map(({ ws }) => paths.get(ws.name)!)));
  await writeOwnedSheets(written, [...owned, ...kept].map(({ key, ws }): OwnedSheet => ({ key, name: ws.name })));
  const replaced = new Map<string, string>();
  for (const sheet of fast) {
    const path = paths.get(sheetNames[sheet.key]!)!;
    replaced.set(path, await writeFastRows(written, path, sheet));
  }
  for (const { name, rows } of fastInputs) {
    const path = paths.get(name)!;
    replaced.set(path, await writeFastRows(written, path, finishSheet({ key: "weights", name, cells: rows, formats: [], colorScales: [], highlights: [], freeze: { rows: 1, cols: 0 }, charts: [] })));
  }
  await addChartsToPackage(written, withCharts);
  const buffer = await pack(written, replaced);
  return { buffer, summary: { sheetNames, charts: withCharts.reduce((n, s) => n + s.charts.length, 0), warnings } };
}

/**
 * What exceljs loses or changes of the input workbook, taken from the original package; `rewritten`:
 * the input's sheets this run replaced or removed. Returns what could not be kept.
 */
async function carryOverInput(original: JSZip, written: JSZip, rewritten: ReadonlySet<string>): Promise<string[]> {
  // Charts of the input sheets first, so that the new chart parts take the next free numbers.
  // Owned sheets of the input are gone or rewritten, and their old charts with them.
  const warnings = await graftInputDrawings(original, written, rewritten);
  for (const warning of await restoreDefinedNames(original, written, rewritten)) warnings.push(warning);
  await carryExternalLinks(original, written);
  const vba = await macroPart(original);
  if (vba) warnings.push(macrosNotKept(vba));
  const before = await worksheetPaths(original);
  const after = await worksheetPaths(written);
  const pairs = [...before].filter(([name]) => !rewritten.has(name) && after.has(name)).map(([name, path]) => ({ before: path, after: after.get(name)! }));
  await restoreSheetFormats(original, written, pairs);
  return warnings;
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
    const headers = (plan.cells[0] ?? []).slice(0, table.cols).map(String);
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
  // The plan is fully resolved (core/report/finish.ts): styles, formats, columns and print setup are applied as given.
  for (const format of plan.formats) {
    forEachCell(format.range, (r, c) => {
      if (r < rowLimit) ws.getCell(r + 1, c + 1).numFmt = format.numberFormat;
    });
  }
  for (const { range, style } of plan.styles) {
    forEachCell(range, (r, c) => {
      if (r >= rowLimit) return;
      const cell = ws.getCell(r + 1, c + 1);
      if (style.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
      if (style.bold !== undefined) cell.font = { ...cell.font, bold: style.bold };
      if (style.wrap !== undefined) cell.alignment = { ...cell.alignment, wrapText: style.wrap, vertical: "top" };
    });
  }
  plan.conditionalFormats.forEach((scale, i) => {
    ws.addConditionalFormatting({
      ref: scale.range,
      rules: [{
        type: "colorScale", priority: i + 1,
        cfvo: [{ type: "min" }, { type: "percentile", value: scale.midPercentile }, { type: "max" }],
        color: [scale.low, scale.mid, scale.high].map((color) => ({ argb: argb(color) })),
      }],
    });
  });
  if (plan.freeze.rows > 0 || plan.freeze.cols > 0) {
    ws.views = [{ state: "frozen", xSplit: plan.freeze.cols, ySplit: plan.freeze.rows }];
  }
  plan.columns.forEach(({ width, hidden }, c) => {
    const column = ws.getColumn(c + 1);
    column.width = width;
    if (hidden) column.hidden = true;
  });
  for (const { row, points } of plan.rowHeights) ws.getRow(row + 1).height = points;
  const { orientation, fitToPagesWide, repeatRows } = plan.print;
  ws.pageSetup = {
    orientation, fitToPage: true, fitToWidth: fitToPagesWide, fitToHeight: 0,
    ...(repeatRows > 0 ? { printTitlesRow: `1:${repeatRows}` } : {}),
  };
  return ws;
}

/** The table parts of the given sheets. */
async function tableParts(zip: JSZip, sheetPaths: string[]): Promise<string[]> {
  const parts: string[] = [];
  for (const path of sheetPaths) {
    for (const rel of await relationships(zip, path)) if (!rel.external && rel.tag.includes("/relationships/table\"")) parts.push(rel.path);
  }
  return parts;
}

/** Input tables (CSV): numbers that print back identically become numbers, all else stays text. */
function addInputSheet(ws: ExcelJS.Worksheet, rows: Cell[][]): void {
  for (const row of rows) ws.addRow(row);
  if (rows.length > 0) ws.views = [{ state: "frozen", xSplit: 0, ySplit: 1 }];
}

/** An input cell as written: numeric text becomes its number (as Excel would read the CSV). */
function inputCell(value: Cell): string | number | boolean | null {
  const v = cellValue(value);
  return typeof v === "string" && v.trim() !== "" && String(Number(v)) === v.trim() ? Number(v) : v;
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

async function readInput(workbook: ExcelJS.Workbook, path: string, bytes: Buffer): Promise<void> {
  try {
    const decoded = await decodeInlineStrings(bytes);
    await workbook.xlsx.load((decoded ?? bytes) as unknown as ArrayBuffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read the input workbook ${path} (${reason}): it must be an .xlsx file (save .xls or .ods files as .xlsx first)`);
  }
  // A workbook without a theme part (LibreOffice writes none) leaves exceljs with no theme to write
  // while it still lists theme1.xml; its default theme is written instead.
  const themed = workbook as unknown as { _themes?: Record<string, string> };
  if (themed._themes && Object.keys(themed._themes).length === 0) themed._themes = undefined;
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

/** "#FCE4D6" → "FFFCE4D6" (exceljs colours carry alpha first). */
function argb(color: string): string {
  return `FF${color.replace(/^#/, "").toUpperCase()}`;
}

function tableNameOf(table: unknown): string {
  const t = table as { name?: string; table?: { name?: string } };
  return t.table?.name ?? t.name ?? "";
}
