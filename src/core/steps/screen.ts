/**
 * Screen: units whose data coverage is below minCoverage are excluded from every later step.
 * Coverage is measured on the data as given (after denominating, before imputing), so that
 * imputed values cannot lift a unit over the threshold.
 */
import type { ExcludedUnit } from "../result";
import type { ColumnSet, Units } from "../types";

export function coverageOf(set: ColumnSet, nUnits: number): Float64Array {
  const available = new Float64Array(nUnits);
  for (const column of set.columns) for (let i = 0; i < nUnits; i++) if (column[i] === column[i]) available[i]!++;
  const k = set.columns.length;
  for (let i = 0; i < nUnits; i++) available[i] = k === 0 ? 0 : available[i]! / k;
  return available;
}

export function screen(
  set: ColumnSet,
  units: Units,
  coverage: Float64Array,
  minCoverage: number | null,
): { set: ColumnSet; included: Uint8Array; excluded: ExcludedUnit[] } {
  const n = units.codes.length;
  const included = new Uint8Array(n).fill(1);
  const excluded: ExcludedUnit[] = [];
  if (minCoverage === null) return { set, included, excluded };
  for (let i = 0; i < n; i++) {
    if (coverage[i]! < minCoverage) {
      included[i] = 0;
      excluded.push({ unit: units.codes[i]!, coverage: coverage[i]! });
    }
  }
  if (excluded.length === 0) return { set, included, excluded };
  const columns = set.columns.map((column) => {
    const out = column.slice();
    for (let i = 0; i < n; i++) if (!included[i]) out[i] = NaN;
    return out;
  });
  return { set: { codes: set.codes, columns }, included, excluded };
}
