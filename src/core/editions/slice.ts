/** Taking the rows of one edition out of the panel, and putting results back. */
import type { ColumnSet, Units } from "../types";

export function sliceColumn(column: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i]!]!;
  return out;
}

export function sliceSet(set: ColumnSet, rows: Int32Array): ColumnSet {
  return { codes: set.codes, columns: set.columns.map((column) => sliceColumn(column, rows)) };
}

export function sliceUnits(units: Units, rows: Int32Array): Units {
  const pick = <T>(values: readonly T[]) => Array.from(rows, (r) => values[r]!);
  return {
    codes: pick(units.codes),
    names: pick(units.names),
    rows: pick(units.rows),
    groups: new Map([...units.groups].map(([code, labels]) => [code, pick(labels)])),
    denominators: new Map([...units.denominators].map(([code, column]) => [code, sliceColumn(column, rows)])),
  };
}

/** Writes each edition's columns back into panel-sized columns. */
export function scatterSets(parts: ColumnSet[], members: Int32Array[], panelRows: number): ColumnSet {
  const codes = parts[0]!.codes;
  const columns = codes.map(() => new Float64Array(panelRows).fill(NaN));
  parts.forEach((part, k) => {
    const rows = members[k]!;
    part.columns.forEach((column, j) => {
      const target = columns[j]!;
      for (let i = 0; i < rows.length; i++) target[rows[i]!] = column[i]!;
    });
  });
  return { codes, columns };
}

export function scatterColumn(parts: Float64Array[], members: Int32Array[], panelRows: number): Float64Array {
  return scatterSets(
    parts.map((column) => ({ codes: [""], columns: [column] })),
    members,
    panelRows,
  ).columns[0]!;
}
