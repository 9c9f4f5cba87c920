/** The ASEM conformance tables as Excel passes ranges to custom functions: numbers as numbers, empty cells as "". */
import { asemTables, expectedTable } from "../helpers/conformance";
import { isErrorValue, type ErrorValue } from "../../src/functions/errors";

export type Range = (number | string | boolean | null)[][];

export function excelValues(table: readonly (readonly unknown[])[]): Range {
  return table.map((row) =>
    row.map((cell) => {
      if (cell === null || cell === undefined) return "";
      if (typeof cell === "string" && cell.trim() !== "" && Number.isFinite(Number(cell))) return Number(cell);
      return cell as string | number | boolean;
    }),
  );
}

export function asemRanges(): { data: Range; meta: Range } {
  const { data, meta } = asemTables();
  return { data: excelValues(data), meta: excelValues(meta) };
}

/** The body cells of some Data columns (no header), in Data row order. */
export function dataColumns(data: Range, codes: string[]): Range {
  const cols = codes.map((code) => data[0]!.indexOf(code));
  return data.slice(1).map((row) => cols.map((c) => row[c]!));
}

/** COINr's value of `column` for every Data row, in Data row order (null = missing). */
export function expectedColumn(file: string, data: Range, column: string): (number | null)[] {
  const expected = expectedTable(file);
  const codeCol = data[0]!.indexOf("uCode");
  return data.slice(1).map((row) => {
    const v = expected.get(String(row[codeCol]))!.get(column);
    return typeof v === "number" ? v : null;
  });
}

/** The #VALUE! a function returned (bare for scalar results, in the single cell of a matrix result). */
export function errorOf(result: unknown): { code: string; message: string } | undefined {
  let found: ErrorValue | undefined;
  if (isErrorValue(result)) found = result;
  else if (
    Array.isArray(result) &&
    result.length === 1 &&
    Array.isArray(result[0]) &&
    result[0].length === 1 &&
    isErrorValue(result[0][0])
  )
    found = result[0][0];
  return found && { code: String(found.code), message: found.message ?? "" };
}

export function numbersOf(result: unknown): number[][] {
  const error = errorOf(result);
  if (error) throw new Error(`expected numbers, got ${error.code} ${error.message}`);
  return result as number[][];
}
