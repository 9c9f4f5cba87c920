/**
 * Carry-forward imputation (COINr impute_panel, imp_type "latest"): a missing value takes the same
 * unit's value of that indicator in the most recent earlier edition where it is present in the
 * data as given (values filled this way are never carried again, as COINr reads the original data).
 */
import type { ImputedCell } from "../result";
import type { ColumnSet } from "../types";

export function carryForward(
  set: ColumnSet,
  unitCodes: readonly string[],
  editionOf: Int32Array,
  members: Int32Array[],
  times: readonly number[],
): { set: ColumnSet; imputed: ImputedCell[][] } {
  const imputed: ImputedCell[][] = members.map(() => []);
  // Panel row of each unit in each edition (-1 = absent).
  const rowOf = new Map<string, Int32Array>();
  members.forEach((rows, k) => {
    for (const r of rows) {
      const code = unitCodes[r]!;
      let byEdition = rowOf.get(code);
      if (!byEdition) rowOf.set(code, (byEdition = new Int32Array(members.length).fill(-1)));
      byEdition[k] = r;
    }
  });
  const columns = set.columns.map((column, j) => {
    let out: Float64Array | null = null;
    for (let r = 0; r < column.length; r++) {
      if (column[r] === column[r]) continue;
      const byEdition = rowOf.get(unitCodes[r]!)!;
      for (let k = editionOf[r]! - 1; k >= 0; k--) {
        const source = byEdition[k]!;
        if (source < 0 || column[source] !== column[source]) continue;
        out ??= column.slice();
        out[r] = column[source]!;
        imputed[editionOf[r]!]!.push({
          unit: unitCodes[r]!,
          indicator: set.codes[j]!,
          value: column[source]!,
          method: `carry-forward (${times[k]})`,
        });
        break;
      }
    }
    return out ?? column;
  });
  return { set: { codes: set.codes, columns }, imputed };
}
