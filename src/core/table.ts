/** Reading 2-D tables: headers with aliases, cells as numbers or text, blank rows skipped. */
import type { Cell, Table } from "./types";

/** Header text reduced for matching: case, spaces, underscores and hyphens do not matter. */
export function headerKey(cell: Cell): string {
  return cellText(cell).toLowerCase().replace(/[\s_-]+/g, "");
}

export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  return String(cell).trim();
}

export function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

export function isBlankRow(row: readonly Cell[] | undefined): boolean {
  return !row || row.every(isBlank);
}

/** Finds the column of each canonical field, given the header row and aliases (already key-reduced). */
export function mapHeaders<F extends string>(
  header: readonly Cell[],
  aliases: Record<F, readonly string[]>,
): { fields: Partial<Record<F, number>>; duplicates: { field: F; cols: number[] }[] } {
  const fields: Partial<Record<F, number>> = {};
  const seen = new Map<F, number[]>();
  header.forEach((cell, col) => {
    const key = headerKey(cell);
    for (const field of Object.keys(aliases) as F[]) {
      if (aliases[field].includes(key)) {
        if (!seen.has(field)) seen.set(field, []);
        seen.get(field)!.push(col);
        if (fields[field] === undefined) fields[field] = col;
      }
    }
  });
  const duplicates = [...seen].filter(([, cols]) => cols.length > 1).map(([field, cols]) => ({ field, cols }));
  return { fields, duplicates };
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const EXCEL_ERROR = /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!)$/i;

export type ParsedNumber = { value: number; problem?: undefined } | { value: number; problem: string };

/** A cell as a number; blanks are missing silently, anything else non-numeric is missing with a reason. */
export function parseNumber(cell: Cell): ParsedNumber {
  if (typeof cell === "number") {
    return Number.isFinite(cell) ? { value: cell } : { value: NaN, problem: `${cell} is not a finite number; treated as missing` };
  }
  if (cell === null || cell === undefined) return { value: NaN };
  if (typeof cell === "boolean") {
    return { value: NaN, problem: `${cell ? "TRUE" : "FALSE"} is not a number; treated as missing (enter 1 or 0 instead)` };
  }
  const text = cell.trim();
  if (text === "") return { value: NaN };
  // Fast path for CSV text: Number() accepts what NUMERIC accepts plus 0x/0b/0o forms, which are excluded.
  const fast = Number(text);
  if (fast - fast === 0 && !(text.length > 2 && text.charCodeAt(0) === 48 && /[xXbBoO]/.test(text[1]!))) return { value: fast };
  if (NUMERIC.test(text)) return { value: NaN, problem: `"${clip(text)}" is out of range; treated as missing` };
  if (EXCEL_ERROR.test(text)) return { value: NaN, problem: `${text.toUpperCase()} is an Excel error value; treated as missing (fix the formula or leave the cell empty)` };
  return { value: NaN, problem: `"${clip(text)}" is not a number; treated as missing (${hintFor(text)})` };
}

function hintFor(text: string): string {
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return "remove the thousands separators";
  if (/^[+-]?(\d+\.?\d*|\.\d+)\s*%$/.test(text)) return "enter the number without the % sign";
  if (/^[+-]?\d+,\d+$/.test(text)) return "use a dot as the decimal separator";
  return "enter a number or leave the cell empty";
}

export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Rows of a table with their original index, blank rows dropped. */
export function bodyRows(table: Table): { row: readonly Cell[]; index: number }[] {
  const out: { row: readonly Cell[]; index: number }[] = [];
  for (let r = 1; r < table.length; r++) if (!isBlankRow(table[r])) out.push({ row: table[r]!, index: r });
  return out;
}

/** A code: starts with a letter or underscore; letters, digits, _ . - after that; no spaces. */
export const CODE_PATTERN = /^[\p{L}_][\p{L}\p{N}_.-]*$/u;

export function codeProblem(code: string): string | null {
  if (/\s/.test(code)) return `code "${clip(visibleCode(code))}" contains a space; use letters, digits and _ only (e.g. "${clip(code.replace(/\s+/g, "_"))}")`;
  if (/^\p{N}/u.test(code)) return `code "${clip(code)}" starts with a digit; start it with a letter (e.g. "X${clip(code)}")`;
  if (!CODE_PATTERN.test(code)) return `code "${clip(visibleCode(code))}" has characters other than letters, digits, _ . -; rename it`;
  return null;
}

/** A header found below the first row (a title above the table): " — row 3 looks like the header; delete the rows above it". */
export function headerBelowHint(table: readonly (readonly Cell[])[], isHeader: (keys: string[]) => boolean): string {
  for (let r = 1; r < Math.min(table.length, 6); r++) {
    if (isHeader(table[r]!.map(headerKey))) return `; row ${r + 1} looks like the header: the header must be the first row, so delete the row${r > 1 ? "s" : ""} above it`;
  }
  return "";
}

/** Why a table with a blank first row cannot be read: empty, or blank rows above its header. */
export function blankHeaderIssue(table: readonly (readonly Cell[])[], name: "Data" | "Framework", emptyMessage: string): { table: "Data" | "Framework"; severity: "error"; message: string; row?: number } {
  const first = table.findIndex((row) => !isBlankRow(row));
  if (first < 0) return { table: name, severity: "error", message: emptyMessage };
  return { table: name, severity: "error", row: 0, message: `the first row is blank, but it must be the header; delete the empty row${first > 1 ? "s" : ""} above row ${first + 1}` };
}

/** Characters that show as nothing: zero-width space/joiners, word joiner, BOM, soft hyphen, Mongolian vowel separator. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad\u180e]/g;

/** A code as text in Unicode NFC, so "Zürich" typed on macOS (decomposed) and on Windows are the same code. */
export function codeText(cell: Cell): string {
  return cellText(cell).normalize("NFC");
}

/** The key under which two codes count as the same: invisible characters dropped, no-break spaces as spaces. */
export function sameCodeKey(code: string): string {
  return code.replace(INVISIBLE, "").replace(/\u00a0/g, " ");
}

/** Invisible characters and no-break spaces of a code made visible for a message: "A<U+200B>". */
export function visibleCode(code: string): string {
  return code.replace(/[\u200b-\u200d\u2060\ufeff\u00ad\u180e\u00a0]/g, (ch) => `<U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}>`);
}

/** Why two codes with the same key are duplicates although their text differs ("" when equal). */
export function invisibleDifference(a: string, b: string): string {
  return a === b ? "" : `; they differ only by invisible characters: "${visibleCode(a)}" and "${visibleCode(b)}"`;
}

/** Excel's limit for the text of one cell: longer text cannot be written to a result sheet. */
export const EXCEL_MAX_CELL_TEXT = 32_767;

export function tooLongText(text: string, what: string): string | null {
  return text.length > EXCEL_MAX_CELL_TEXT
    ? `${what} is ${text.length.toLocaleString("en-US")} characters long, more than the ${EXCEL_MAX_CELL_TEXT.toLocaleString("en-US")} an Excel cell holds; shorten it`
    : null;
}
