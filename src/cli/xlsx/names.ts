/** Sheet and table names: Excel's rules, collisions, and quoted references for chart formulas. */

const MAX_SHEET_NAME = 31;

/** Excel forbids : \ / ? * [ ] in sheet names, a leading/trailing apostrophe, and more than 31 characters. */
export function cleanSheetName(name: string): string {
  const cleaned = name.replace(/[:\\/?*[\]]/g, " ").replace(/^'+|'+$/g, "").trim();
  return (cleaned === "" ? "Sheet" : cleaned).slice(0, MAX_SHEET_NAME);
}

/** The preferred name, or "Name (2)", "Name (3)"... when taken (Excel compares case-insensitively). */
export function uniqueSheetName(preferred: string, taken: Set<string>): string {
  const base = cleanSheetName(preferred);
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Table and defined names share one namespace: "IndexStudioResults", "IndexStudioResults2"... */
export function uniqueTableName(preferred: string, taken: Set<string>): string {
  const base = preferred.replace(/[^A-Za-z0-9_.]/g, "_").replace(/^[^A-Za-z_]/, "_$&");
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base}${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** "'My sheet'!$B$2:$B$38": always quoted, apostrophes doubled, cells absolute. */
export function sheetFormula(sheetName: string, range: string): string {
  const absolute = range
    .split(":")
    .map((cell) => cell.replace(/^\$?([A-Z]+)\$?(\d+)$/, "$$$1$$$2"))
    .join(":");
  return `'${sheetName.replace(/'/g, "''")}'!${absolute}`;
}

export interface CellBox {
  row0: number;
  col0: number;
  row1: number;
  col1: number;
}

/** 0-based corners of "B2:D38" (or a single cell "B2"). */
export function parseRange(range: string): CellBox {
  const [first, second] = range.split(":");
  const a = parseCell(first!);
  const b = second !== undefined ? parseCell(second) : a;
  return { row0: Math.min(a.row, b.row), col0: Math.min(a.col, b.col), row1: Math.max(a.row, b.row), col1: Math.max(a.col, b.col) };
}

function parseCell(cell: string): { row: number; col: number } {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(cell.trim().toUpperCase());
  if (!match) throw new Error(`"${cell}" is not an A1 cell address`);
  let col = 0;
  for (const letter of match[1]!) col = col * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, col: col - 1 };
}
