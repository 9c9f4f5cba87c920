/**
 * Screen: units whose data coverage is below minCoverage, or whose share of non-zero values is
 * below minNonZero, are excluded from every later step (COINr Screen). Coverage is measured on the
 * data as given (basis "raw": after denominating, before imputing, so imputed values cannot lift a
 * unit over the threshold) or after imputation (basis "imputed", COINr dset = "Imputed").
 * `include` / `exclude` force units in or out whatever their coverage (COINr Force).
 */
import { IndexInputError, said } from "../errors";
import { msg } from "../messages";
import type { ExcludedUnit, ForcedUnit } from "../result";
import type { ScreenSpec } from "../spec";
import type { ColumnSet, Units } from "../types";
import { copyColumn } from "../column-arena";

export function coverageOf(set: ColumnSet, nUnits: number): Float64Array {
  const available = new Float64Array(nUnits);
  for (const column of set.columns) for (let i = 0; i < nUnits; i++) if (column[i] === column[i]) available[i]!++;
  const k = set.columns.length;
  for (let i = 0; i < nUnits; i++) available[i] = k === 0 ? 0 : available[i]! / k;
  return available;
}

/** COINr Non_Zero: 1 - zeros / available values (a unit with no values has share 0). */
export function nonZeroShareOf(set: ColumnSet, nUnits: number): Float64Array {
  const available = new Float64Array(nUnits);
  const zeros = new Float64Array(nUnits);
  for (const column of set.columns) {
    for (let i = 0; i < nUnits; i++) {
      const v = column[i]!;
      if (v !== v) continue;
      available[i]!++;
      if (v === 0) zeros[i]!++;
    }
  }
  const out = new Float64Array(nUnits);
  for (let i = 0; i < nUnits; i++) out[i] = available[i]! > 0 ? 1 - zeros[i]! / available[i]! : 0;
  return out;
}

export interface ScreenOutcome {
  set: ColumnSet;
  included: Uint8Array;
  excluded: ExcludedUnit[];
  forced: ForcedUnit[];
}

/** What screening measures per unit on its basis: coverage always (it is logged), the non-zero share when asked for. */
export interface ScreenShares {
  coverage: Float64Array;
  nonZero: Float64Array | null;
}

/** The shares on `basis` (raw or imputed, per spec.basis), measured before any later step changes its columns. */
export function screenShares(basis: ColumnSet, nUnits: number, spec: ScreenSpec | null): ScreenShares {
  return {
    coverage: coverageOf(basis, nUnits),
    nonZero: spec?.minNonZero === undefined ? null : nonZeroShareOf(basis, nUnits),
  };
}

export function screen(
  set: ColumnSet,
  units: Units,
  shares: ScreenShares,
  spec: ScreenSpec | null,
): ScreenOutcome & { coverage: Float64Array } {
  const n = units.codes.length;
  const { coverage, nonZero } = shares;
  const included = new Uint8Array(n).fill(1);
  const excluded: ExcludedUnit[] = [];
  const forced: ForcedUnit[] = [];
  if (spec === null) return { set, included, excluded, forced, coverage };
  checkCodes(spec, units);
  const include = new Set(spec.include);
  const exclude = new Set(spec.exclude);
  for (let i = 0; i < n; i++) {
    const code = units.codes[i]!;
    const lowCoverage = spec.minCoverage !== undefined && coverage[i]! < spec.minCoverage;
    const lowNonZero = nonZero !== null && nonZero[i]! < spec.minNonZero!;
    const measured = { coverage: coverage[i]!, ...(nonZero ? { nonZero: nonZero[i]! } : {}) };
    if (exclude.has(code)) {
      excluded.push({ unit: code, ...measured, reason: "forced" });
    } else if (include.has(code)) {
      forced.push({ unit: code, ...measured, wouldBeExcluded: lowCoverage || lowNonZero });
      continue;
    } else if (lowCoverage) {
      excluded.push({ unit: code, ...measured, reason: "coverage" });
    } else if (lowNonZero) {
      excluded.push({ unit: code, ...measured, reason: "nonzero" });
    } else continue;
    included[i] = 0;
  }
  if (excluded.length === 0) return { set, included, excluded, forced, coverage };
  const columns = set.columns.map((column) => {
    const out = copyColumn(column);
    for (let i = 0; i < n; i++) if (!included[i]) out[i] = NaN;
    return out;
  });
  return { set: { codes: set.codes, columns }, included, excluded, forced, coverage };
}

/** A forced code that is not a unit is a typo the analyst must see (COINr stops too). */
function checkCodes(spec: ScreenSpec, units: Units): void {
  const known = new Set(units.codes);
  const issues = (["include", "exclude"] as const).flatMap((key) =>
    spec[key]
      .filter((code) => !known.has(code))
      .map((code) => ({
        table: "Spec" as const,
        column: `screen.${key}`,
        severity: "error" as const,
        ...said(msg("spec.screenUnknown", { unit: code.slice(0, 60), key })),
      })),
  );
  if (issues.length) throw new IndexInputError(issues);
}
