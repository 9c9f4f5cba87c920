/** A1 notation for the adapter: plan ranges ("B2:D38") and the addresses Excel returns. */

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
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
  const rect = { row: Math.min(r0, r1), col: Math.min(c0, c1), rows: Math.abs(r1 - r0) + 1, cols: Math.abs(c1 - c0) + 1 };
  if (rect.row + rect.rows > MAX_ROWS || rect.col + rect.cols > MAX_COLS) return null;
  return rect;
}

/** The sheet part of "Sheet1!A1" / "'My sheet'!A1". */
export function sheetOfAddress(address: string): string | null {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return null;
  const sheet = address.slice(0, bang);
  return sheet.startsWith("'") && sheet.endsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}

export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
