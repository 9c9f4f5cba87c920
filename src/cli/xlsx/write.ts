/**
 * writeResultWorkbook: the input workbook (or input tables) plus the plan's sheets, written with
 * exceljs, then edited as an OOXML package (ooxml/): what exceljs loses of the input put back, native
 * charts added as DrawingML parts, large sheets' rows streamed into the zip. Text is always written as string cells,
 * so nothing from the data ever becomes a formula. The output file appears only when complete.
 */
import { readFile, rename, unlink, writeFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { RangeRef, ReportPlan, SheetKey, SheetPlan } from "../../core/report";
import type { Cell } from "../../core/engine";
import { chartXml, type ResolvedRange } from "./chart-xml";
import { forEachCell, sheetFormula } from "../../core/engine";
import { uniqueSheetName, uniqueTableName } from "../../core/report";
import { graftInputDrawings } from "./graft";
import { qualifiesForFastRows, writeFastRows } from "./fast-rows";
import { addChartsToPackage, type SheetCharts } from "./drawings";
import { OoxmlPackage } from "./ooxml/package";
import { readDefinedNames, worksheetPaths } from "./ooxml/workbook";
import { writeOwnedSheets, type OwnedSheet } from "./owned";
import { removeOwnedSheets, type Ordered, type PreviousSheet } from "./previous";
import { withTableHeaders } from "./table-headers";
import {
  decodeInlineStrings,
  escapeSharedStrings,
  escapeTableColumns,
  restoreDefinedNames,
  restoreSheetFormats,
} from "./passthrough";
import { carryExternalLinks } from "./external-links";
import { macroPart, macrosNotKept } from "./macros";
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

export interface BuiltWorkbook {
  /** The file in the zip writer's chunks: written one after another, a large workbook is never one buffer. */
  chunks: Uint8Array[];
  /** The file as one buffer (joined when asked for). */
  readonly buffer: Buffer;
  summary: WriteResultSummary;
}

const LARGE_SHEET_CELLS = 5_000;

export async function writeResultWorkbook(options: WriteResultOptions): Promise<WriteResultSummary> {
  const { chunks, summary } = await buildResultWorkbook(options);
  // Write beside the target and rename: a failed run never leaves a half-written file.
  await removeStaleTemps(options.outPath);
  const temp = tempPath(options.outPath, process.pid);
  try {
    await writeFile(temp, chunks);
    await rename(temp, options.outPath);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return summary;
}

/** The finished .xlsx as bytes (for callers that stream or test without a file). */
export async function buildResultWorkbook(options: Omit<WriteResultOptions, "outPath">): Promise<BuiltWorkbook> {
  const plan = withTableHeaders(options.plan);
  const workbook = new ExcelJS.Workbook();
  const bytes = options.inputPath ? await readFile(options.inputPath) : undefined;
  if (options.inputPath) await readInput(workbook, options.inputPath, bytes!);
  const original = bytes ? OoxmlPackage.load(bytes) : undefined;
  const planned = new Set(plan.sheets.map((sheet) => sheet.key));
  const { previous, kept, warnings } = original
    ? removeOwnedSheets(workbook, original, planned)
    : { previous: new Map<string, PreviousSheet>(), kept: [], warnings: [] };
  const takenSheets = new Set(workbook.worksheets.map((ws) => ws.name.toLowerCase()));
  const threshold = options.largeSheetCells ?? LARGE_SHEET_CELLS;
  // A large input table (CSV input) takes the direct-rows path too: exceljs spends ~50 µs per cell.
  const fastInputs: { name: string; rows: Cell[][] }[] = [];
  for (const table of options.inputTables ?? []) {
    const name = uniqueSheetName(table.name, takenSheets);
    const { rows } = table;
    const large =
      rows.length > 2 &&
      rows[1]!.some((v) => inputCell(v) !== null) &&
      rows.reduce((n, row) => n + row.length, 0) > threshold;
    // A large table's cells are converted as they are streamed: no second copy of millions of cells.
    addInputSheet(
      workbook.addWorksheet(name),
      (large ? rows.slice(0, 2) : rows).map((row) => row.map(inputCell)),
    );
    if (large) fastInputs.push({ name, rows });
  }
  const takenNames = new Set<string>();
  for (const ws of workbook.worksheets)
    for (const table of ws.getTables()) takenNames.add(tableNameOf(table).toLowerCase());
  for (const defined of workbook.definedNames.model) takenNames.add(defined.name.toLowerCase());
  // exceljs drops constant names ("=0.5") on reading; a table must not take their names either.
  for (const defined of original ? readDefinedNames(original) : []) takenNames.add(defined.name.toLowerCase());

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
  let lastOrder = [
    ...workbook.worksheets.map((ws) => (ws as Ordered).orderNo),
    ...[...previous.values()].map((p) => p.orderNo),
  ].reduce((m, o) => Math.max(m, o), 0);
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
  const written = OoxmlPackage.load(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
  const paths = worksheetPaths(written);
  const rewritten = new Set([...previous.values()].map((p) => p.name));
  if (original) for (const warning of carryOverInput(original, written, rewritten)) warnings.push(warning);
  escapeSharedStrings(written);
  escapeTableColumns(
    written,
    tableParts(
      written,
      owned.map(({ ws }) => paths.get(ws.name)!),
    ),
  );
  writeOwnedSheets(
    written,
    [...owned, ...kept].map(({ key, ws }): OwnedSheet => ({ key, name: ws.name })),
  );
  for (const sheet of fast) writeFastRows(written, paths.get(sheetNames[sheet.key]!)!, sheet);
  for (const { name, rows } of fastInputs) writeFastRows(written, paths.get(name)!, { cells: rows }, inputCell);
  addChartsToPackage(written, withCharts);
  const chunks = written.packChunks();
  const summary = { sheetNames, charts: withCharts.reduce((n, s) => n + s.charts.length, 0), warnings };
  return {
    chunks,
    get buffer() {
      return Buffer.concat(chunks);
    },
    summary,
  };
}

/**
 * What exceljs loses or changes of the input workbook, taken from the original package; `rewritten`:
 * the input's sheets this run replaced or removed. Returns what could not be kept.
 */
function carryOverInput(original: OoxmlPackage, written: OoxmlPackage, rewritten: ReadonlySet<string>): string[] {
  // Charts of the input sheets first, so that the new chart parts take the next free numbers.
  // Owned sheets of the input are gone or rewritten, and their old charts with them.
  const warnings = graftInputDrawings(original, written, rewritten);
  for (const warning of restoreDefinedNames(original, written, rewritten)) warnings.push(warning);
  carryExternalLinks(original, written);
  const vba = macroPart(original);
  if (vba) warnings.push(macrosNotKept(vba));
  const before = worksheetPaths(original);
  const after = worksheetPaths(written);
  const pairs = [...before]
    .filter(([name]) => !rewritten.has(name) && after.has(name))
    .map(([name, path]) => ({ before: path, after: after.get(name)! }));
  restoreSheetFormats(original, written, pairs);
  return warnings;
}

/**
 * One planned sheet through exceljs. With `firstRowsOnly`, only the header and the first body row
 * are written (the rest follows in writeFastRows).
 */
function writeSheet(
  workbook: ExcelJS.Workbook,
  plan: SheetPlan,
  name: string,
  takenNames: Set<string>,
  firstRowsOnly: boolean,
): ExcelJS.Worksheet {
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
      rules: [
        {
          type: "colorScale",
          priority: i + 1,
          cfvo: [{ type: "min" }, { type: "percentile", value: scale.midPercentile }, { type: "max" }],
          color: [scale.low, scale.mid, scale.high].map((color) => ({ argb: argb(color) })),
        },
      ],
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
    orientation,
    fitToPage: true,
    fitToWidth: fitToPagesWide,
    fitToHeight: 0,
    ...(repeatRows > 0 ? { printTitlesRow: `1:${repeatRows}` } : {}),
  };
  return ws;
}

/** The table parts of the given sheets. */
function tableParts(pkg: OoxmlPackage, sheetPaths: string[]): string[] {
  return sheetPaths.flatMap((path) =>
    pkg
      .relationships(path)
      .filter((rel) => !rel.external && rel.type.endsWith("/relationships/table"))
      .map((rel) => rel.path),
  );
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
    const decoded = decodeInlineStrings(bytes);
    await workbook.xlsx.load((decoded ?? bytes) as unknown as ArrayBuffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot read the input workbook ${path} (${reason}): it must be an .xlsx file (save .xls or .ods files as .xlsx first)`,
    );
  }
  // A workbook without a theme part (LibreOffice writes none) leaves exceljs with no theme to write
  // while it still lists theme1.xml; its default theme is written instead.
  const themed = workbook as unknown as { _themes?: Record<string, string> };
  if (themed._themes && Object.keys(themed._themes).length === 0) themed._themes = undefined;
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
