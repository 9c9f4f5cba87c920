/** Validation problems that name where they are and how to fix them. */
import type { Language } from "./language";
import { msg, render, type Message } from "./messages";
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
  /** Text of the problem and the fix, without the location, in English. */
  message: string;
  /** The same as a catalogue message (src/core/messages), for the analyst's language; absent for texts not yet in the catalogue. */
  text?: Message;
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
  /** The message in the catalogue, when it is there. */
  readonly text?: Message;
  constructor(message: string | Message) {
    super(typeof message === "string" ? message : render("en", message));
    this.name = "IndexComputeError";
    if (typeof message !== "string") this.text = message;
  }
}

/** The `message` and `text` fields of an issue from a catalogue message. */
export function said(text: Message): { message: string; text: Message } {
  return { message: render("en", text), text };
}

/** An issue's problem (without the location) in a language; English when it is not in the catalogue. */
export function issueMessage(issue: Pick<ValidationIssue, "message" | "text">, language: Language = "en"): string {
  return issue.text ? render(language, issue.text) : issue.message;
}

/** A computation error's message in a language. */
export function computeErrorMessage(error: IndexComputeError, language: Language = "en"): string {
  return error.text ? render(language, error.text) : error.message;
}

export { cellAddress, columnLetter };

/** "Data!F12: ..." when the table's origin is known, else "Data row 12, column F (LPI): ..."; in the language asked (English by default). */
export function formatIssue(
  issue: ValidationIssue,
  origin?: Partial<Record<TableName, TableOrigin>>,
  language: Language = "en",
): string {
  const where = locate(issue, origin?.[issue.table]);
  const line = render(language, msg("issue.at", { where, message: issueMessage(issue, language) }));
  return issue.severity === "warning" ? render(language, msg("issue.warning", { text: line })) : line;
}

/** The location as a message: cell references and sheet names stay as they are, "row" and "column" are translated. */
function locate(issue: ValidationIssue, origin?: TableOrigin): Message | string {
  const { table, row, col, column } = issue;
  const named = column ? ` (${column})` : "";
  if (origin) {
    const sheet = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(origin.sheet)
      ? origin.sheet
      : `'${origin.sheet.replace(/'/g, "''")}'`;
    if (row !== undefined && col !== undefined) return `${sheet}!${cellAddress(origin.row + row, origin.col + col)}`;
    if (row !== undefined) return msg("where.row", { sheet, row: origin.row + row + 1 });
    if (col !== undefined)
      return `${sheet}!${columnLetter(origin.col + col)}:${columnLetter(origin.col + col)}${named}`;
    return column ? `${sheet}${named}` : sheet;
  }
  if (row !== undefined && col !== undefined) return `${table}!${cellAddress(row, col)}`;
  if (row !== undefined) return msg("where.row", { sheet: table, row: row + 1 });
  if (col !== undefined) return msg("where.column", { table, col: columnLetter(col), named });
  if (column) return `${table}${named}`;
  return table;
}
