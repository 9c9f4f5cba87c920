/** Impute: fill missing values per indicator with the column (or group) mean or median. */
import { IndexInputError } from "../errors";
import type { ImputedCell } from "../result";
import type { ImputeSpec } from "../spec";
import { mean, median } from "../stats";
import type { ColumnSet, Units } from "../types";

export function impute(set: ColumnSet, units: Units, spec: ImputeSpec): { set: ColumnSet; imputed: ImputedCell[] } {
  if (spec.method === "none") return { set, imputed: [] };
  const imputed: ImputedCell[] = [];
  const center = spec.method === "mean" || spec.method === "group-mean" ? mean : median;
  const label = spec.method.replace("group-", "");
  let groups: (string | null)[] | null = null;
  if (spec.method === "group-mean" || spec.method === "group-median") {
    groups = units.groups.get(spec.group) ?? null;
    if (!groups) {
      const known = [...units.groups.keys()];
      throw new IndexInputError([{
        table: "Spec", column: "impute.group", severity: "error",
        message: `group column "${spec.group}" is not in Data${known.length ? `; group columns found: ${known.join(", ")}` : "; add a group column (text labels) to Data and list it in the Framework with Type Group"}`,
      }]);
    }
  }
  const columns = set.columns.map((column, j) => {
    if (!hasMissing(column)) return column;
    const out = Float64Array.from(column);
    const fill = (i: number, value: number, method: string) => {
      out[i] = value;
      imputed.push({ unit: units.codes[i]!, indicator: set.codes[j]!, value, method });
    };
    if (!groups) {
      const c = center(column);
      if (c === c) for (let i = 0; i < column.length; i++) if (column[i] !== column[i]) fill(i, c, label);
      return out;
    }
    const centers = groupCenters(column, groups, center);
    for (let i = 0; i < column.length; i++) {
      if (column[i] === column[i]) continue;
      const g = groups[i];
      const c = g == null ? undefined : centers.get(g);
      if (c !== undefined && c === c) fill(i, c, `${spec.method} (${g})`);
    }
    return out;
  });
  return { set: { codes: set.codes, columns }, imputed };
}

function hasMissing(column: Float64Array): boolean {
  for (let i = 0; i < column.length; i++) if (column[i] !== column[i]) return true;
  return false;
}

function groupCenters(
  column: Float64Array,
  groups: (string | null)[],
  center: (x: ArrayLike<number>) => number,
): Map<string, number> {
  const members = new Map<string, number[]>();
  for (let i = 0; i < column.length; i++) {
    const g = groups[i];
    if (g == null) continue;
    let list = members.get(g);
    if (!list) members.set(g, (list = []));
    list.push(column[i]!);
  }
  const centers = new Map<string, number>();
  for (const [g, values] of members) centers.set(g, center(values));
  return centers;
}
