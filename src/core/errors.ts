/** Validation problems that name where they are and how to fix them. */
import { cellAddress, columnLetter } from "./a1";

export type TableName = "Data" | "Framework" | "Settings" | "Spec" | "Weights" | "Published";

export interface ValidationIssue {
  table: TableName;
  /** 0-based row in the table as given (the header is row 0). */
  row?: number;
  /** 0-based column in the table as given. */
  col?: number;
  /** The column header or code the issue is about. */
  column?: string;
  /** Text of the problem and the fix, without the location. */
  message: string;
  severity: "error" | "warning";
}

/** Where a table sits, so that issues can name real cells (Data!F12). */
export interface TableOrigin {
  sheet: string;
  /** 0-based row and column of the header's first cell. */
  row: number;
  col: number;
}

export class IndexInputError extends Error {
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[]) {
    super(issues.map((issue) => formatIssue(issue)).join("\n"));
    this.name = "IndexInputError";
    this.issues = issues;
  }
}

/** A computation that cannot go on (geometric mean of a zero, constant column under min-max...). */
export class IndexComputeError extends Error {
  /** What reading the tables found before the computation failed (cells that are not numbers…): often the cause. */
  related: ValidationIssue[] = [];
  constructor(message: string) {
    super(message);
    this.name = "IndexComputeError";
  }
}

export { cellAddress, columnLetter };

/** "Data!F12: ..." when the table's origin is known, else "Data row 12, column F (LPI): ...". */
export function formatIssue(issue: ValidationIssue, origin?: Partial<Record<TableName, TableOrigin>>): string {
  const where = locate(issue, origin?.[issue.table]);
  const prefix = issue.severity === "warning" ? "Warning: " : "";
  return `${prefix}${where}: ${issue.message}`;
}

function locate(issue: ValidationIssue, origin?: TableOrigin): string {
  const { table, row, col, column } = issue;
  if (origin) {
    const sheet = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(origin.sheet) ? origin.sheet : `'${origin.sheet.replace(/'/g, "''")}'`;
    if (row !== undefined && col !== undefined) return `${sheet}!${cellAddress(origin.row + row, origin.col + col)}`;
    if (row !== undefined) return `${sheet} row ${origin.row + row + 1}`;
    if (col !== undefined) return `${sheet}!${columnLetter(origin.col + col)}:${columnLetter(origin.col + col)}${column ? ` (${column})` : ""}`;
    return column ? `${sheet} (${column})` : sheet;
  }
  if (row !== undefined && col !== undefined) return `${table}!${cellAddress(row, col)}`;
  if (row !== undefined) return `${table} row ${row + 1}`;
  if (col !== undefined) return `${table} column ${columnLetter(col)}${column ? ` (${column})` : ""}`;
  if (column) return `${table} (${column})`;
  return table;
}
