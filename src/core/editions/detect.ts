/** Finds the editions of a Data table (a Time or Year column with two or more values) and checks them. */
import { TIME_HEADERS, UNIT_CODE } from "../data";
import { IndexInputError, said, type ValidationIssue } from "../errors";
import { msg, type Message } from "../messages";
import { cellText, clip, headerKey, isBlank, isBlankRow, parseNumber } from "../table";
import type { Table } from "../types";
import type { EditionLayout } from "./types";

/**
 * null when Data has no Time column or one value in it: such data is one edition and runs exactly
 * as without Time. Otherwise every row must have a numeric Time and each unit one row per edition.
 */
export function detectEditions(table: Table): EditionLayout | null {
  const header = table[0];
  if (!header || table.length < 3) return null;
  const keys = header.map(headerKey);
  const timeCol = TIME_HEADERS.map((k) => keys.indexOf(k)).find((c) => c >= 0) ?? -1;
  if (timeCol < 0) return null;
  const distinct = new Set<string>();
  for (let r = 1; r < table.length && distinct.size < 2; r++) {
    const cell = table[r]?.[timeCol];
    if (!isBlankRow(table[r]) && !isBlank(cell)) distinct.add(cellText(cell));
  }
  if (distinct.size < 2) return null;

  const issues: ValidationIssue[] = [];
  const timeName = cellText(header[timeCol]);
  const timeOfRow = new Float64Array(table.length).fill(NaN);
  for (let r = 1; r < table.length; r++) {
    const row = table[r];
    if (isBlankRow(row)) continue;
    const cell = row![timeCol];
    const parsed = parseNumber(cell);
    if (isBlank(cell)) issues.push(err(msg("editions.noTime", { time: timeName }), r, timeCol, timeName));
    else if (parsed.problem !== undefined || !Number.isFinite(parsed.value)) {
      issues.push(
        err(msg("editions.timeNotNumber", { time: timeName, value: clip(cellText(cell)) }), r, timeCol, timeName),
      );
    } else timeOfRow[r] = parsed.value;
  }
  const codeCol = keys.findIndex((k) => UNIT_CODE.includes(k));
  if (codeCol >= 0) {
    const seen = new Map<string, number>();
    for (let r = 1; r < table.length; r++) {
      const t = timeOfRow[r]!;
      const code = cellText(table[r]?.[codeCol]);
      if (t !== t || code === "") continue;
      const key = `${t}\u0000${code}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, r);
        continue;
      }
      // Both cells are named, each with its own address, so the analyst sees which two rows clash.
      const why = (other: number) =>
        msg("editions.twoRows", { unit: clip(code), time: timeName, edition: t, row: other + 1 });
      issues.push(err(why(r), first, codeCol, "uCode"), err(why(first), r, codeCol, "uCode"));
    }
  }
  if (issues.length > 0) throw new IndexInputError(issues);

  const times = [...new Set(Array.from(timeOfRow).filter((t) => t === t))].sort((a, b) => a - b);
  const index = new Map(times.map((t, k) => [t, k]));
  const editionOfRow = new Int32Array(table.length).fill(-1);
  for (let r = 1; r < table.length; r++) if (timeOfRow[r] === timeOfRow[r]) editionOfRow[r] = index.get(timeOfRow[r]!)!;
  return { timeCol, times, editionOfRow };
}

function err(text: Message, row: number, col: number, column: string): ValidationIssue {
  return { table: "Data", severity: "error", ...said(text), row, col, column };
}
