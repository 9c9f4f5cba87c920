/**
 * CSV in and out (RFC 4180): quoted fields with "" escapes, commas and line breaks inside quotes,
 * CRLF or LF, a leading BOM. Cells stay text (the engine parses numbers and reports bad ones with
 * their cell); an empty field is null, as an empty Excel cell.
 */
import type { Cell } from "../core/types";

export class CsvSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

/** Parses CSV text into rows of equal width (short rows padded with null). Separator: "," or, if the
 * first line has none but has ";" or a tab, that one (exports from European Excel use ";"). */
export function parseCsv(text: string, fileLabel = "CSV"): (string | null)[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const sep = detectSeparator(text);
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let field = "";
  let quoted = false; // the current field started with a quote
  let inQuotes = false;
  let line = 1;
  let quoteLine = 1;
  const endField = () => {
    row.push(field === "" && !quoted ? null : field);
    field = "";
    quoted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === "" && !quoted) {
      quoted = true;
      inQuotes = true;
      quoteLine = line;
    } else if (ch === sep) endField();
    else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
    } else field += ch; // lenient: a stray quote inside an unquoted field is kept as text
  }
  if (inQuotes) throw new CsvSyntaxError(`${fileLabel} line ${quoteLine}: a quoted field is never closed; add the closing " (a quote inside a quoted field is written "")`);
  if (field !== "" || quoted || row.length > 0) endRow();
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  for (const r of rows) while (r.length < width) r.push(null);
  return rows;
}

function detectSeparator(text: string): string {
  let end = text.indexOf("\n");
  if (end < 0) end = text.length;
  const first = text.slice(0, end);
  if (first.includes(",")) return ",";
  if (first.includes(";")) return ";";
  if (first.includes("\t")) return "\t";
  return ",";
}

/** Text that Excel would read as a formula or a command when the CSV is opened. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Writes rows as CSV with CRLF line ends. Numbers keep full precision (shortest text that reads
 * back to the same double); NaN, null and undefined become empty cells. Text that Excel would
 * evaluate (=, +, -, @ first) gets a leading apostrophe so it opens as text.
 */
export function formatCsv(rows: readonly (readonly Cell[])[]): string {
  let out = "";
  for (const row of rows) {
    out += row.map(formatField).join(",") + "\r\n";
  }
  return out;
}

function formatField(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
