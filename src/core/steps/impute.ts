/** Impute: fill missing values per indicator with the column (or group) mean or median. */
import { IndexInputError, said } from "../errors";
import { msg } from "../messages";
import type { ImputedCell } from "../result";
import type { ImputeSpec } from "../spec";
import { mean, median } from "../stats";
import type { ColumnSet, Units } from "../types";
import { copyColumn } from "../column-arena";

/**
 * `inPlace`: fill the given columns themselves instead of copies, for a caller that owns them and can
 * rebuild the columns before imputation from the log (computeIndex: restored-steps.ts).
 */
export function impute(
  set: ColumnSet,
  units: Units,
  spec: ImputeSpec,
  inPlace = false,
): { set: ColumnSet; imputed: ImputedCell[] } {
  if (spec.method === "none") return { set, imputed: [] };
  if (spec.method === "carry-forward") {
    throw new IndexInputError([
      { table: "Spec", column: "impute.method", severity: "error", ...said(msg("spec.carryForward")) },
    ]);
  }
  const imputed: ImputedCell[] = [];
  const center = spec.method === "mean" || spec.method === "group-mean" ? mean : median;
  const label = spec.method.replace("group-", "");
  let groups: (string | null)[] | null = null;
  if (spec.method === "group-mean" || spec.method === "group-median") {
    groups = units.groups.get(spec.group) ?? units.groups.get(spec.group.normalize("NFC")) ?? null; // headers are NFC
    if (!groups) {
      const known = [...units.groups.keys()];
      throw new IndexInputError([
        {
          table: "Spec",
          column: "impute.group",
          severity: "error",
          ...said(
            known.length
              ? msg("spec.groupMissing", { group: spec.group, known })
              : msg("spec.groupMissingNone", { group: spec.group }),
          ),
        },
      ]);
    }
  }
  const grouping = groups ? groupIds(groups) : null;
  const groupLabels = grouping ? grouping.names.map((name) => `${spec.method} (${name})`) : [];
  const columns = set.columns.map((column, j) => {
    if (!hasMissing(column)) return column;
    const out = inPlace ? column : copyColumn(column);
    const fill = (i: number, value: number, method: string) => {
      out[i] = value;
      imputed.push({ unit: units.codes[i]!, indicator: set.codes[j]!, value, method });
    };
    if (!groups) {
      const c = center(column);
      if (c === c) for (let i = 0; i < column.length; i++) if (column[i] !== column[i]) fill(i, c, label);
      return out;
    }
    const centers = groupCenters(column, grouping!.ids, grouping!.names.length, spec.method === "group-mean");
    for (let i = 0; i < column.length; i++) {
      if (column[i] === column[i]) continue;
      const g = grouping!.ids[i]!;
      const c = g < 0 ? NaN : centers[g]!;
      if (c === c) fill(i, c, groupLabels[g]!);
    }
    return out;
  });
  return { set: { codes: set.codes, columns }, imputed };
}

function hasMissing(column: Float64Array): boolean {
  for (let i = 0; i < column.length; i++) if (column[i] !== column[i]) return true;
  return false;
}

/** Each unit's group as a small integer (-1 = none), computed once for all columns. */
function groupIds(groups: (string | null)[]): { ids: Int32Array; names: string[] } {
  const index = new Map<string, number>();
  const ids = new Int32Array(groups.length);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (g == null) ids[i] = -1;
    else {
      let id = index.get(g);
      if (id === undefined) index.set(g, (id = index.size));
      ids[i] = id;
    }
  }
  return { ids, names: [...index.keys()] };
}

/** Center of each group's available values, with typed accumulators (no per-value objects). */
function groupCenters(column: Float64Array, groupOf: Int32Array, nGroups: number, useMean: boolean): Float64Array {
  const centers = new Float64Array(nGroups);
  if (useMean) {
    const counts = new Float64Array(nGroups);
    for (let i = 0; i < column.length; i++) {
      const g = groupOf[i]!;
      const v = column[i]!;
      if (g >= 0 && v === v) {
        centers[g]! += v;
        counts[g]!++;
      }
    }
    for (let g = 0; g < nGroups; g++) centers[g] = counts[g]! > 0 ? centers[g]! / counts[g]! : NaN;
    return centers;
  }
  const counts = new Int32Array(nGroups);
  for (let i = 0; i < column.length; i++) if (groupOf[i]! >= 0) counts[groupOf[i]!]!++;
  const starts = new Int32Array(nGroups + 1);
  for (let g = 0; g < nGroups; g++) starts[g + 1] = starts[g]! + counts[g]!;
  const members = new Float64Array(starts[nGroups]!);
  const fill = starts.slice(0, nGroups);
  for (let i = 0; i < column.length; i++) if (groupOf[i]! >= 0) members[fill[groupOf[i]!]!++] = column[i]!;
  for (let g = 0; g < nGroups; g++) centers[g] = median(members.subarray(starts[g]!, starts[g + 1]!));
  return centers;
}
