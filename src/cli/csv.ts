/**
 * CSV in and out (RFC 4180): quoted fields with "" escapes, commas and line breaks inside quotes,
 * CRLF or LF, a leading BOM. Cells stay text (the engine parses numbers and reports bad ones with
 * their cell); an empty field is null, as an empty Excel cell.
 */
import type { Cell } from "../core/engine";

export class CsvSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

/** Parses CSV text into rows of equal width (short rows padded with null). Separator: "," or, if the
 * first line has none but has ";" or a tab, that one (exports from European Excel use ";").
 * One pass with charCodeAt and slices (no per-character string building): large files stay fast. */
export function parseCsv(text: string, fileLabel = "CSV"): (string | null)[][] {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const sep = detectSeparator(i === 1 ? text.slice(1) : text).charCodeAt(0);
  const n = text.length;
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let line = 1;
  while (i < n) {
    let c = text.charCodeAt(i);
    let value: string | null;
    if (c === QUOTE) {
      const startLine = line;
      let parts = "";
      let from = ++i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0)
          throw new CsvSyntaxError(
            `${fileLabel} line ${startLine}: a quoted field is never closed; add the closing " (a quote inside a quoted field is written "")`,
          );
        line += countLineBreaks(text, i, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          parts += text.slice(from, q + 1);
          i = from = q + 2;
          continue;
        }
        parts += text.slice(from, q);
        i = q + 1;
        break;
      }
      // Lenient: text between the closing quote and the separator is kept.
      const rest = i;
      while (i < n && (c = text.charCodeAt(i)) !== sep && c !== CR && c !== LF) i++;
      value = parts + text.slice(rest, i);
    } else {
      const start = i;
      while (i < n && (c = text.charCodeAt(i)) !== sep && c !== CR && c !== LF) i++;
      value = i > start ? text.slice(start, i) : null;
    }
    row.push(value);
    if (i >= n) break;
    c = text.charCodeAt(i);
    if (c === sep) {
      i++;
      if (i >= n) row.push(null); // "a,b," ends with an empty field
      continue;
    }
    // A line break ends the row.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    rows.push(row);
    row = [];
  }
  if (row.length > 0) rows.push(row);
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  for (const r of rows) while (r.length < width) r.push(null);
  return rows;
}

const QUOTE = 34,
  CR = 13,
  LF = 10;

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = text.indexOf("\n", from); k >= 0 && k < to; k = text.indexOf("\n", k + 1)) count++;
  return count;
}

/**
 * The separator of the first line: the most frequent of "," ";" and tab outside quotes (ties: comma
 * first), so a tab-separated export with a comma in a header, or a ";" file, is read right.
 */
export function detectSeparator(text: string): string {
  let end = text.indexOf("\n");
  if (end < 0) end = text.length;
  const counts = { ",": 0, ";": 0, "\t": 0 } as Record<string, number>;
  let quoted = false;
  for (let k = 0; k < end; k++) {
    const ch = text[k]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  let best = ",";
  for (const sep of [";", "\t"]) if (counts[sep]! > counts[best]!) best = sep;
  return best;
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
