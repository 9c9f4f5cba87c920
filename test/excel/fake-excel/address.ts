/** A1 addresses for the Excel fake (an implementation independent of src/excel on purpose). */

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface ParsedAddress {
  sheet?: string;
  rect: Rect;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function colLetters(col: number): string {
  let n = col + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

type Corner = { row?: number; col?: number };

function parseCorner(text: string): Corner | null {
  const m = /^\$?([A-Za-z]{1,3})?\$?(\d{1,7})?$/.exec(text);
  if (!m || (!m[1] && !m[2])) return null;
  const corner: Corner = {};
  if (m[1]) corner.col = colIndex(m[1]);
  if (m[2]) {
    if (Number(m[2]) < 1) return null;
    corner.row = Number(m[2]) - 1;
  }
  return corner;
}

/** Parses "A1", "B2:C3", "A:C", "2:5", "Sheet1!A1:C3", "'My sheet'!B2". Throws InvalidArgument text on bad input. */
export function parseAddress(address: string): ParsedAddress {
  let text = address.trim();
  let sheet: string | undefined;
  const bang = text.lastIndexOf("!");
  if (bang >= 0) {
    sheet = text.slice(0, bang);
    text = text.slice(bang + 1);
    if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2)
      sheet = sheet.slice(1, -1).replace(/''/g, "'");
    if (sheet === "") throw new Error(`bad address "${address}"`);
  }
  const parts = text.split(":");
  if (parts.length > 2) throw new Error(`bad address "${address}"`);
  const a = parseCorner(parts[0]!);
  const b = parts.length === 2 ? parseCorner(parts[1]!) : a;
  if (!a || !b) throw new Error(`bad address "${address}"`);
  const wholeCols = a.row === undefined && b.row === undefined;
  const wholeRows = a.col === undefined && b.col === undefined;
  if (parts.length === 1 && (wholeCols || wholeRows)) throw new Error(`bad address "${address}"`);
  if ((a.row === undefined) !== (b.row === undefined) || (a.col === undefined) !== (b.col === undefined)) {
    throw new Error(`bad address "${address}"`);
  }
  const r0 = wholeCols ? 0 : Math.min(a.row!, b.row!);
  const r1 = wholeCols ? MAX_ROWS - 1 : Math.max(a.row!, b.row!);
  const c0 = wholeRows ? 0 : Math.min(a.col!, b.col!);
  const c1 = wholeRows ? MAX_COLS - 1 : Math.max(a.col!, b.col!);
  if (r1 >= MAX_ROWS || c1 >= MAX_COLS) throw new Error(`address "${address}" is outside the sheet`);
  const parsed: ParsedAddress = { rect: { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 } };
  if (sheet !== undefined) parsed.sheet = sheet;
  return parsed;
}

export function rectA1(rect: Rect): string {
  const start = `${colLetters(rect.col)}${rect.row + 1}`;
  if (rect.rows === 1 && rect.cols === 1) return start;
  return `${start}:${colLetters(rect.col + rect.cols - 1)}${rect.row + rect.rows}`;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function fullAddress(sheet: string, rect: Rect): string {
  return `${quoteSheet(sheet)}!${rectA1(rect)}`;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}
