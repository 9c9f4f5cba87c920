/**
 * Cells as the adapter writes them. Every text cell gets the number format "@" in the same request
 * and before its value, so that Excel stores it verbatim: a unit named =HYPERLINK(...), +1, -1,
 * @SUM(A1) or 007 stays text and is never evaluated or converted.
 */
import type { Cell } from "../core/engine";
import type { FormatPlan } from "../core/report";
import { parseA1, type Rect } from "../core/engine";
import { AddinError } from "./errors";

export type ExcelValue = string | number | boolean;

export const TEXT_FORMAT = "@";
const GENERAL = "General";

/** Missing values (null, NaN, ±Infinity) become empty cells; nothing else changes. */
export function toExcelValue(cell: Cell): ExcelValue {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : "";
  return cell;
}

export interface CellBlock {
  /** First row (0-based) of the block on its sheet. */
  row: number;
  values: ExcelValue[][];
  formats: string[][];
}

/** A sheet's cells with their number formats, padded to a rectangle. */
export class SheetGrid {
  readonly rows: number;
  readonly cols: number;
  private readonly cells: readonly (readonly Cell[])[];
  private readonly formatAt: (row: number, col: number) => string | undefined;

  constructor(cells: readonly (readonly Cell[])[], formats: readonly FormatPlan[]) {
    this.cells = cells;
    this.rows = cells.length;
    this.cols = cells.reduce((m, row) => Math.max(m, row.length), 0);
    const rects = formats.map((f) => {
      const rect = parseA1(f.range);
      if (!rect) throw new AddinError(`Report plan: bad format range "${f.range}".`);
      return { rect, format: f.numberFormat };
    });
    // Later formats win, as when applied one after another; rectangles are indexed by column.
    const byColumn: { rect: Rect; format: string }[][] = Array.from({ length: this.cols }, () => []);
    for (const entry of rects) {
      for (let c = entry.rect.col; c < Math.min(this.cols, entry.rect.col + entry.rect.cols); c++)
        byColumn[c]!.push(entry);
    }
    this.formatAt = (row, col) => {
      const list = byColumn[col];
      if (!list) return undefined;
      for (let k = list.length - 1; k >= 0; k--) {
        const { rect, format } = list[k]!;
        if (row >= rect.row && row < rect.row + rect.rows) return format;
      }
      return undefined;
    };
    this.formatRects = rects;
  }

  readonly formatRects: { rect: Rect; format: string }[];

  /** Values and formats of rows [start, end). Text is "@" whatever the plan says. */
  block(start: number, end: number): CellBlock {
    const values: ExcelValue[][] = [];
    const formats: string[][] = [];
    const hasFormats = this.formatRects.length > 0;
    for (let r = start; r < end; r++) {
      const source = this.cells[r] ?? [];
      const rowValues: ExcelValue[] = new Array(this.cols);
      const rowFormats: string[] = new Array(this.cols);
      for (let c = 0; c < this.cols; c++) {
        const value = toExcelValue(source[c]);
        rowValues[c] = value;
        rowFormats[c] =
          typeof value === "string" && value !== ""
            ? TEXT_FORMAT
            : ((hasFormats ? this.formatAt(r, c) : undefined) ?? GENERAL);
      }
      values.push(rowValues);
      formats.push(rowFormats);
    }
    return { row: start, values, formats };
  }

  /** Row ranges whose values + formats serialise to at most `budget` bytes each. */
  chunks(budget: number): { start: number; end: number; bytes: number }[] {
    const out: { start: number; end: number; bytes: number }[] = [];
    let start = 0;
    let bytes = 0;
    for (let r = 0; r < this.rows; r++) {
      const { values, formats } = this.block(r, r + 1);
      const rowBytes = utf8Length(JSON.stringify(values[0])) + JSON.stringify(formats[0]).length + 2;
      if (rowBytes > budget)
        throw new AddinError(
          `Row ${r + 1} of an output sheet is larger than Excel's request limit; shorten the longest texts.`,
        );
      if (r > start && bytes + rowBytes > budget) {
        out.push({ start, end: r, bytes });
        start = r;
        bytes = 0;
      }
      bytes += rowBytes;
    }
    if (this.rows > start) out.push({ start, end: this.rows, bytes });
    return out;
  }

  /** Parts of the plan's format ranges that lie outside the written cells (applied separately). */
  formatsOutside(): { rect: Rect; format: string }[] {
    const out: { rect: Rect; format: string }[] = [];
    for (const { rect, format } of this.formatRects) {
      const below = rect.row + rect.rows - Math.max(rect.row, this.rows);
      if (below > 0) out.push({ rect: { ...rect, row: Math.max(rect.row, this.rows), rows: below }, format });
      const rightCols = rect.col + rect.cols - Math.max(rect.col, this.cols);
      const rowsInside = Math.min(rect.row + rect.rows, this.rows) - rect.row;
      if (rightCols > 0 && rowsInside > 0)
        out.push({
          rect: { row: rect.row, rows: rowsInside, col: Math.max(rect.col, this.cols), cols: rightCols },
          format,
        });
    }
    return out;
  }
}

/** Column widths in the plan are in characters (Excel's unit); Office.js takes points. */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** Bytes of a string in UTF-8 (request limits are in bytes; CJK text takes three per character). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

export function filled<T>(rows: number, cols: number, value: T): T[][] {
  return Array.from({ length: rows }, () => new Array<T>(cols).fill(value));
}
