/**
 * Reads the command line's inputs into plain tables (what Excel's Range.values gives): a Data
 * .csv with a Framework .csv, or an .xlsx with sheets Data, Framework and optionally Settings.
 * Each table keeps its origin (sheet and top-left cell) so that validation messages name cells.
 */
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import type ExcelJS from "exceljs";
import type { TableName, TableOrigin } from "../core/engine";
import type { Cell, Table } from "../core/engine";
import { msg, render, type Message } from "../core/engine";
import { CsvSyntaxError, detectSeparator, parseCsv } from "./csv";
import { readDecimalCommas } from "./decimal-comma";
import { decodeText, TextFileError } from "./decode";

/** A problem with the input files themselves (missing, unreadable, no Data sheet...): exit code 1. */
export class InputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputFileError";
  }
}

export interface InputTables {
  data: Table;
  framework: Table;
  settings?: Table;
  /** An optional Published sheet (unit code, rank): a ranking to compare with. */
  published?: Table;
  origins: Partial<Record<TableName, TableOrigin>>;
  /** Notes about the reading itself (formulas without a saved result...). */
  notes: string[];
  /** The same notes in the catalogue, for --lang. */
  noteTexts: Message[];
}

function withNotes<T extends object>(tables: T, texts: Message[]): T & { notes: string[]; noteTexts: Message[] } {
  return { ...tables, notes: texts.map((text) => render("en", text)), noteTexts: texts };
}

export type InputKind = "csv" | "xlsx";

export function inputKind(path: string): InputKind {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".txt") return "csv";
  if (ext === ".xlsx" || ext === ".xlsm") return "xlsx";
  throw new InputFileError(
    `${path}: the input must be a .csv (Data, with --meta for the Framework) or an .xlsx workbook, not "${ext || "no extension"}"`,
  );
}

export async function readInputs(input: string, meta?: string): Promise<InputTables> {
  const kind = inputKind(input);
  if (kind === "csv") {
    if (!meta) throw new InputFileError(`${input} is a CSV file: give the Framework table with --meta <framework.csv>`);
    const notes: Message[] = [];
    const data = await readCsvTable(input, notes);
    const framework = await readCsvTable(meta, notes);
    return withNotes({ data, framework, origins: { Data: csvOrigin(input), Framework: csvOrigin(meta) } }, notes);
  }
  const tables = await readWorkbookTables(input, { framework: !meta });
  if (meta) {
    const notes = [...tables.noteTexts];
    tables.framework = await readCsvTable(meta, notes);
    tables.origins.Framework = csvOrigin(meta);
    return withNotes(tables, notes);
  }
  return tables;
}

async function readText(path: string, notes: Message[]): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InputFileError(`cannot read ${path}: ${describeFsError(error)}`);
  }
  try {
    const decoded = decodeText(bytes, basename(path));
    if (decoded.noteText) notes.push(decoded.noteText);
    return decoded.text;
  } catch (error) {
    if (error instanceof TextFileError) throw new InputFileError(error.message);
    throw error;
  }
}

/** A CSV file as a table; notes about its encoding and number convention go to `notes`. */
export async function readCsvTable(path: string, notes: Message[] = []): Promise<Table> {
  if (extname(path).toLowerCase() !== ".csv" && extname(path).toLowerCase() !== ".txt") {
    throw new InputFileError(`${path}: expected a .csv file`);
  }
  const text = await readText(path, notes);
  try {
    const table: Cell[][] = parseCsv(text, basename(path));
    for (const note of readDecimalCommas(
      table,
      detectSeparator(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
      basename(path),
    ))
      notes.push(note);
    return table;
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new InputFileError(error.message);
    throw error;
  }
}

function csvOrigin(path: string): TableOrigin {
  return { sheet: basename(path), row: 0, col: 0 };
}

const SHEETS: Record<"data" | "framework" | "settings" | "published", TableName> = {
  data: "Data",
  framework: "Framework",
  settings: "Settings",
  published: "Published",
};

/** The tables of a workbook; `framework: false` when --meta gives the Framework instead. */
export async function readWorkbookTables(path: string, need = { framework: true }): Promise<InputTables> {
  // Loaded here, not at start-up: a CSV run never needs exceljs (about a second to load).
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InputFileError(`cannot read ${path}: ${describeFsError(error)}`);
  }
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new InputFileError(`cannot read ${path}: it is not a valid .xlsx workbook (save it from Excel as .xlsx)`);
  }
  const find = (name: string) => workbook.worksheets.find((ws) => ws.name.trim().toLowerCase() === name.toLowerCase());
  const names = workbook.worksheets.map((ws) => ws.name);
  const notes: Message[] = [];
  const origins: Partial<Record<TableName, TableOrigin>> = {};
  const read = (key: keyof typeof SHEETS, required: boolean): Table | undefined => {
    const ws = find(SHEETS[key]);
    if (!ws) {
      if (required) {
        const fix = key === "framework" ? "; add it, or give the Framework as a CSV with --meta" : "";
        throw new InputFileError(
          `${basename(path)} has no sheet named ${SHEETS[key]} (its sheets: ${names.join(", ") || "none"})${fix}`,
        );
      }
      return undefined;
    }
    const { table, origin } = sheetTable(ws, notes);
    if (required && table.length === 0)
      throw new InputFileError(
        `${basename(path)}: sheet ${ws.name} is empty; put the ${SHEETS[key]} table at its top left, headers in the first row`,
      );
    origins[SHEETS[key]] = origin;
    return table;
  };
  const data = read("data", true)!;
  const framework = read("framework", need.framework) ?? [];
  const settings = read("settings", false);
  const published = read("published", false);
  return withNotes({ data, framework, settings, ...(published ? { published } : {}), origins }, notes);
}

/** The used block of a sheet (from its first to its last non-empty cell), with its origin. */
function sheetTable(ws: ExcelJS.Worksheet, notes: Message[]): { table: Cell[][]; origin: TableOrigin } {
  let top = Infinity,
    left = Infinity,
    bottom = -1,
    right = -1;
  const cells: { r: number; c: number; v: Cell }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged && cell.master !== cell && cell.master.address !== cell.address) return; // Excel shows merged cells' value only in the first
      const v = plainCell(cell.value, () =>
        notes.push(msg("read.formulaNoResult", { cell: `${ws.name}!${cell.address}` })),
      );
      if (v === null || v === "") return;
      cells.push({ r, c, v });
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    });
  });
  if (cells.length === 0) return { table: [], origin: { sheet: ws.name, row: 0, col: 0 } };
  const table: Cell[][] = Array.from({ length: bottom - top + 1 }, () => new Array<Cell>(right - left + 1).fill(null));
  for (const { r, c, v } of cells) table[r - top]![c - left] = v;
  return { table, origin: { sheet: ws.name, row: top - 1, col: left - 1 } };
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** One exceljs cell value as Range.values would give it: formulas → cached result, rich text → text, errors → their text, dates → serial numbers. */
export function plainCell(value: ExcelJS.CellValue, onMissingResult?: () => void): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return (value.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
  if ("error" in value) return value.error;
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) {
      onMissingResult?.();
      return null;
    }
    return plainCell(result as ExcelJS.CellValue);
  }
  if ("text" in value) return typeof value.text === "string" ? value.text : plainCell(value.text as ExcelJS.CellValue);
  return null;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a folder, not a file";
  return (error as Error).message ?? String(error);
}
