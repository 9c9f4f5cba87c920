/**
 * A1 notation, the one implementation for every layer: column letters, cell and range addresses
 * (0-based rows and columns in, "B2:D38" out), parsing them back, and sheet-qualified references.
 */

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** 0 → "A", 26 → "AA". */
export function columnLetter(col: number): string {
  let n = col + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "A" → 0, "AA" → 26 (case-insensitive). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** "B2:D38" from 0-based corners (inclusive). */
export function rangeA1(row0: number, col0: number, row1: number, col1: number): string {
  return `${cellAddress(row0, col0)}:${cellAddress(row1, col1)}`;
}

export function rectA1(rect: Rect): string {
  return rangeA1(rect.row, rect.col, rect.row + rect.rows - 1, rect.col + rect.cols - 1);
}

/** "B2", "B2:D38" (optionally with $ and a sheet prefix, which is dropped) to a rectangle, or null. */
export function parseA1(address: string): Rect | null {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(local.trim());
  if (!m) return null;
  const r0 = Number(m[2]) - 1;
  const c0 = columnIndex(m[1]!);
  const r1 = m[4] ? Number(m[4]) - 1 : r0;
  const c1 = m[3] ? columnIndex(m[3]) : c0;
  if (r0 < 0 || r1 < 0) return null;
  const rect = {
    row: Math.min(r0, r1),
    col: Math.min(c0, c1),
    rows: Math.abs(r1 - r0) + 1,
    cols: Math.abs(c1 - c0) + 1,
  };
  if (rect.row + rect.rows > MAX_ROWS || rect.col + rect.cols > MAX_COLS) return null;
  return rect;
}

/** parseA1 for addresses the program made itself: a bad one is a bug, so it throws. */
export function requireA1(address: string): Rect {
  const rect = parseA1(address);
  if (!rect) throw new Error(`"${address}" is not an A1 cell address`);
  return rect;
}

/** Visits every cell of a range, row by row (0-based row and column). */
export function forEachCell(address: string, visit: (row: number, col: number) => void): void {
  const { row, col, rows, cols } = requireA1(address);
  for (let r = row; r < row + rows; r++) for (let c = col; c < col + cols; c++) visit(r, c);
}

/** The sheet part of "Sheet1!A1" / "'My sheet'!A1". */
export function sheetOfAddress(address: string): string | null {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return null;
  const sheet = address.slice(0, bang);
  return sheet.startsWith("'") && sheet.endsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}

/** A sheet name as a formula needs it: quoted (apostrophes doubled) unless it is a plain identifier. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "'My sheet'!$B$2:$B$38": always quoted, apostrophes doubled, cells absolute (chart series formulas). */
export function sheetFormula(sheetName: string, range: string): string {
  const rect = requireA1(range);
  const cell = (r: number, c: number) => `$${columnLetter(c)}$${r + 1}`;
  const first = cell(rect.row, rect.col);
  const body =
    rect.rows === 1 && rect.cols === 1 && !range.includes(":")
      ? first
      : `${first}:${cell(rect.row + rect.rows - 1, rect.col + rect.cols - 1)}`;
  return `'${sheetName.replace(/'/g, "''")}'!${body}`;
}
