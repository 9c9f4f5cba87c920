/** Reading 2-D tables: headers with aliases, cells as numbers or text, blank rows skipped. */
import { said, type ValidationIssue } from "./errors";
import { msg, render, type Message } from "./messages";
import type { Cell, Table } from "./types";

/** Header text reduced for matching: case, spaces, underscores and hyphens do not matter. */
export function headerKey(cell: Cell): string {
  return cellText(cell)
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
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
const EXCEL_ERROR =
  /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!)$/i;

/** `problem` is the English text, `text` the same as a catalogue message (for the analyst's language). */
export type ParsedNumber =
  { value: number; problem?: undefined; text?: undefined } | { value: number; problem: string; text: Message };

const problem = (value: number, text: Message): ParsedNumber => ({ value, problem: render("en", text), text });

/** A cell as a number; blanks are missing silently, anything else non-numeric is missing with a reason. */
export function parseNumber(cell: Cell): ParsedNumber {
  if (typeof cell === "number") {
    return Number.isFinite(cell) ? { value: cell } : problem(NaN, msg("number.notFinite", { value: String(cell) }));
  }
  if (cell === null || cell === undefined) return { value: NaN };
  if (typeof cell === "boolean") {
    return problem(NaN, msg("number.boolean", { value: cell ? "TRUE" : "FALSE" }));
  }
  const text = cell.trim();
  if (text === "") return { value: NaN };
  // Fast path for CSV text: Number() accepts what NUMERIC accepts plus 0x/0b/0o forms, which are excluded.
  const fast = Number(text);
  if (fast - fast === 0 && !(text.length > 2 && text.charCodeAt(0) === 48 && /[xXbBoO]/.test(text[1]!)))
    return { value: fast };
  if (NUMERIC.test(text)) return problem(NaN, msg("number.outOfRange", { value: clip(text) }));
  if (EXCEL_ERROR.test(text)) return problem(NaN, msg("number.excelError", { value: text.toUpperCase() }));
  return problem(NaN, msg("number.notNumber", { value: clip(text), hint: hintFor(text) }));
}

function hintFor(text: string): Message {
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return msg("hint.thousands");
  if (/^[+-]?(\d+\.?\d*|\.\d+)\s*%$/.test(text)) return msg("hint.percent");
  if (/^[+-]?\d+,\d+$/.test(text)) return msg("hint.decimalComma");
  return msg("hint.number");
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

export function codeProblem(code: string): Message | null {
  if (/\s/.test(code))
    return msg("code.space", { code: clip(visibleCode(code)), example: clip(code.replace(/\s+/g, "_")) });
  if (/^\p{N}/u.test(code)) return msg("code.digit", { code: clip(code) });
  if (!CODE_PATTERN.test(code)) return msg("code.characters", { code: clip(visibleCode(code)) });
  return null;
}

/** A header found below the first row (a title above the table): " — row 3 looks like the header; delete the rows above it". */
export function headerBelowHint(
  table: readonly (readonly Cell[])[],
  isHeader: (keys: string[]) => boolean,
): Message | "" {
  for (let r = 1; r < Math.min(table.length, 6); r++) {
    if (isHeader(table[r]!.map(headerKey)))
      return msg(r > 1 ? "table.headerBelowMany" : "table.headerBelow", { row: r + 1 });
  }
  return "";
}

/** Why a table with a blank first row cannot be read: empty, or blank rows above its header. */
export function blankHeaderIssue(
  table: readonly (readonly Cell[])[],
  name: "Data" | "Framework",
  emptyMessage: Message,
): ValidationIssue {
  const first = table.findIndex((row) => !isBlankRow(row));
  if (first < 0) return { table: name, severity: "error", ...said(emptyMessage) };
  return {
    table: name,
    severity: "error",
    row: 0,
    ...said(msg(first > 1 ? "table.blankFirstRows" : "table.blankFirstRow", { row: first + 1 })),
  };
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
  return code.replace(
    /[\u200b-\u200d\u2060\ufeff\u00ad\u180e\u00a0]/g,
    (ch) => `<U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}>`,
  );
}

/** Why two codes with the same key are duplicates although their text differs ("" when equal). */
export function invisibleDifference(a: string, b: string): Message | "" {
  return a === b ? "" : msg("table.invisibleDifference", { a: visibleCode(a), b: visibleCode(b) });
}

/** Excel's limit for the text of one cell: longer text cannot be written to a result sheet. */
export const EXCEL_MAX_CELL_TEXT = 32_767;

/** `what` names the text: the unit code, the name… */
export function tooLongText(text: string, what: Message): Message | null {
  return text.length > EXCEL_MAX_CELL_TEXT
    ? msg("table.tooLong", {
        what,
        length: text.length.toLocaleString("en-US"),
        max: EXCEL_MAX_CELL_TEXT.toLocaleString("en-US"),
      })
    : null;
}
