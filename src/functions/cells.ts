/** Reading the 2-D arrays Excel passes (numbers, text, blanks, booleans) and writing results back. */
import { ArgumentError } from "./errors";

/** What a spilled result holds: numbers, and "" for a blank cell. */
export type OutCell = number | string;

/** A range argument as rows of cells; a lone value (as Node callers may pass) is a 1x1 range. */
export function asMatrix(value: unknown, name: string): readonly (readonly unknown[])[] {
  if (value === null || value === undefined) throw new ArgumentError(`${name} is required: select a range`);
  if (!Array.isArray(value)) return [[value]];
  if (value.length === 0) throw new ArgumentError(`${name} is empty: select a range`);
  const rows = value.map((row) => (Array.isArray(row) ? row : [row]));
  const width = rows[0]!.length;
  if (rows.some((row) => row.length !== width)) throw new ArgumentError(`${name} must be a rectangular range`);
  return rows;
}

/** Only real numbers count; text (even "12"), booleans, blanks and error values are missing, as in Excel's MIN/AVERAGE over a range. */
export function numberOf(cell: unknown): number {
  return typeof cell === "number" && Number.isFinite(cell) ? cell : Number.NaN;
}

/** Column-major numeric copy of a range (NaN = missing). */
export function columnsOf(rows: readonly (readonly unknown[])[]): Float64Array[] {
  const height = rows.length;
  const width = rows[0]?.length ?? 0;
  const columns: Float64Array[] = [];
  for (let c = 0; c < width; c++) {
    const column = new Float64Array(height);
    for (let r = 0; r < height; r++) column[r] = numberOf(rows[r]![c]);
    columns.push(column);
  }
  return columns;
}

/** Columns back to rows; NaN becomes a blank cell. */
export function rowsOf(columns: readonly Float64Array[], height: number): OutCell[][] {
  const out: OutCell[][] = [];
  for (let r = 0; r < height; r++) {
    const row: OutCell[] = new Array<OutCell>(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const v = columns[c]![r]!;
      row[c] = v === v ? v : "";
    }
    out.push(row);
  }
  return out;
}

/** A one-row or one-column range as a flat list of cells. */
export function asVector(value: unknown, name: string): unknown[] {
  const rows = asMatrix(value, name);
  if (rows.length === 1) return [...rows[0]!];
  if (rows[0]!.length === 1) return rows.map((row) => row[0]);
  throw new ArgumentError(`${name} must be a single row or a single column, not ${rows.length} x ${rows[0]!.length}`);
}

export function isOmitted(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === "string" && value.trim() === "") ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** An optional text option, trimmed and lower-cased; the default when omitted. */
export function optionText(value: unknown, fallback: string, name: string): string {
  if (Array.isArray(value)) value = value[0]?.[0] ?? value[0];
  if (isOmitted(value)) return fallback;
  if (typeof value !== "string")
    throw new ArgumentError(`${name} must be text such as "${fallback}", not ${String(value)}`);
  return value.trim().toLowerCase();
}

/** An optional number option; the default when omitted. */
export function optionNumber(value: unknown, fallback: number | undefined, name: string): number | undefined {
  if (Array.isArray(value)) value = value[0]?.[0] ?? value[0];
  if (isOmitted(value)) return fallback;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  throw new ArgumentError(`${name} must be a number, not "${String(value)}"`);
}

/** An optional yes/no option: TRUE/FALSE or a number (non-zero = yes, as RANK.EQ's order). */
export function optionFlag(value: unknown, fallback: boolean, name: string): boolean {
  if (Array.isArray(value)) value = value[0]?.[0] ?? value[0];
  if (isOmitted(value)) return fallback;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  throw new ArgumentError(`${name} must be TRUE/FALSE or 1/0, not "${String(value)}"`);
}

/** Picks one name from a list (case-insensitive) or says which are allowed. */
export function oneOf<T extends string>(text: string, allowed: readonly T[], name: string): T {
  const found = allowed.find((a) => a.toLowerCase() === text);
  if (!found) throw new ArgumentError(`unknown ${name} "${text}"; use one of: ${allowed.join(", ")}`);
  return found;
}
