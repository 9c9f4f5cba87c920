/** The conformance CSV files for the audit tests. */
import type { Table } from "../../../src/core/types";

export { CONFORMANCE_DIR as ASEM_DIR, readCsvNumeric as readCsv } from "../../helpers/conformance";

/** A numeric column of a table by header, NaN for empty cells. */
export function numericColumn(table: Table, header: string): Float64Array {
  const col = table[0]!.indexOf(header);
  if (col < 0) throw new Error(`no column ${header}`);
  return Float64Array.from(table.slice(1), (row) => (typeof row[col] === "number" ? (row[col] as number) : NaN));
}
