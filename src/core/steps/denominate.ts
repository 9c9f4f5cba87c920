/** Denominate: divide each indicator by its Denominator column (x / d), missing if either is missing. */
import { IndexInputError, said } from "../errors";
import { msg } from "../messages";
import type { ColumnSet, DataSet, Framework } from "../types";
import { newColumn } from "../column-arena";

export function denominate(dataset: DataSet, framework: Framework): ColumnSet {
  const { indicators, units } = dataset;
  const columns = indicators.columns.map((column, j) => {
    const node = framework.indicators[j]!;
    if (!node.denominator) return column;
    const d = units.denominators.get(node.denominator);
    if (!d) {
      throw new IndexInputError([
        {
          table: "Framework",
          row: node.row,
          column: "Denominator",
          severity: "error",
          ...said(msg("framework.denominatorNotInData", { code: node.code, denominator: node.denominator })),
        },
      ]);
    }
    const out = newColumn(column.length);
    // COINr ScaleFactor: x / (d / s), in COINr's order of operations (e.g. s = 1000: per 1,000 people).
    const s = node.scaleFactor ?? 1;
    for (let i = 0; i < column.length; i++) {
      const di = s === 1 ? d[i]! : d[i]! / s;
      // A zero denominator has no ratio: missing, not Infinity.
      out[i] = di === 0 ? NaN : column[i]! / di;
    }
    return out;
  });
  return { codes: indicators.codes, columns };
}
