/**
 * Scores every edition with the same Framework and method in one pipeline run over all rows
 * (the "panel"): denominate, screen and aggregate work row by row anyway; impute, treat and rank
 * run per edition through the pipeline's hooks, as COINr's purse runs them per coin; normalize runs
 * over all editions together ("pooled", COINr global = TRUE) or per edition ("separate").
 */
import { parseData } from "../data";
import { IndexComputeError, IndexInputError, said, type ValidationIssue } from "../errors";
import { msg } from "../messages";
import { runPipeline, type PipelineHooks } from "../pipeline";
import { stepWarnings } from "../step-warnings";
import type { IndexResult } from "../result";
import type { IndexSpec } from "../spec";
import { impute } from "../steps/impute";
import { normalize, ValueError } from "../steps/normalize";
import { rankDescending } from "../steps/rank";
import { treat } from "../steps/treat";
import type { ColumnSet, DataSet, Framework, Table, Units } from "../types";
import { carryForward } from "./carry-forward";
import { editionResult } from "./result";
import { scatterColumn, scatterSets, sliceColumn, sliceSet, sliceUnits } from "./slice";
import type { EditionLayout, EditionLog, EditionsInfo } from "./types";

export function computeEditionsIndex(
  data: Table,
  layout: EditionLayout,
  framework: Framework,
  spec: IndexSpec,
  frameworkWarnings: ValidationIssue[],
): IndexResult {
  const { times } = layout;
  const { dataset, warnings: dataWarnings } = parsePanel(data, layout, framework);
  const editionOf = Int32Array.from(dataset.units.rows, (row) => layout.editionOfRow[row]!);
  const members = times.map((_, k) => Int32Array.from(dataset.units.rows.keys()).filter((r) => editionOf[r] === k));
  const shown = shownEdition(spec, times);
  const logs: EditionLog[] = times.map(() => ({ imputed: [], treatment: [] }));
  const n = editionOf.length;
  const label = (k: number) => msg("editions.label", { edition: times[k]! });

  const hooks: PipelineHooks = {
    impute: (set) => {
      if (spec.impute.method === "none") return { set, imputed: [] };
      if (spec.impute.method === "carry-forward") {
        const filled = carryForward(set, dataset.units.codes, editionOf, members, times);
        filled.imputed.forEach((cells, k) => {
          for (const cell of cells) logs[k]!.imputed.push(cell);
        });
        return { set: filled.set, imputed: filled.imputed.flat() };
      }
      const parts = members.map((rows, k) => {
        const out = perEdition(k, () => impute(sliceSet(set, rows), sliceUnits(dataset.units, rows), spec.impute));
        for (const cell of out.imputed) logs[k]!.imputed.push(cell);
        return out.set;
      });
      return { set: scatterSets(parts, members, n), imputed: logs.flatMap((log) => log.imputed) };
    },
    treat: (set) => {
      const parts = members.map((rows, k) => {
        const part = sliceSet(set, rows);
        if (!part.columns.some((column) => column.some((v) => v === v))) {
          throw new IndexComputeError(
            spec.screen
              ? msg("editions.emptyScreened", { edition: label(k), min: String(spec.screen.minCoverage) })
              : msg("editions.empty", { edition: label(k) }),
          );
        }
        const out = perEdition(k, () =>
          treat(part, spec.treat, sliceUnits(dataset.units, rows).codes, framework.indicators),
        );
        for (const record of out.records) logs[k]!.treatment.push(record);
        return out.set;
      });
      return { set: scatterSets(parts, members, n), records: logs.flatMap((log) => log.treatment) };
    },
    normalize: (set) => {
      if (normalizeMode(spec) === "pooled") return normalize(set, framework, spec.normalize);
      const parts = members.map((rows, k) =>
        perEdition(k, () => normalize(sliceSet(set, rows), framework, spec.normalize), rows),
      );
      return scatterSets(parts, members, n);
    },
    rank: (scores) =>
      scatterColumn(
        members.map((rows) => rankDescending(sliceColumn(scores, rows))),
        members,
        n,
      ),
  };

  function perEdition<T>(k: number, run: () => T, rows?: Int32Array): T {
    try {
      return run();
    } catch (e) {
      // A value error on a slice points at the slice's row; the pipeline maps panel rows to cells.
      if (e instanceof ValueError && rows)
        throw new ValueError(
          msg("editions.in", { edition: label(k), message: e.text ?? e.message }),
          rows[e.unitIndex]!,
          e.indicator,
        );
      // The failing edition is named: the same indicator may be fine in every other year.
      if (e instanceof IndexComputeError)
        throw new IndexComputeError(msg("editions.in", { edition: label(k), message: e.text ?? e.message }));
      throw e;
    }
  }

  const panel = runPipeline(dataset, framework, spec, hooks);
  panel.warnings = [...frameworkWarnings, ...dataWarnings, ...stepWarnings(data, panel), ...panel.warnings];
  const previousRow = previousRows(dataset.units.codes, members);
  const rankChange: ColumnSet = {
    codes: panel.ranks.codes,
    columns: panel.ranks.columns.map((ranks) => {
      const out = new Float64Array(n).fill(NaN);
      for (let r = 0; r < n; r++) if (previousRow[r]! >= 0) out[r] = ranks[previousRow[r]!]! - ranks[r]!;
      return out;
    }),
  };
  const info: EditionsInfo = {
    times,
    shown,
    normalize: normalizeMode(spec),
    panel,
    editionOf,
    members,
    previousRow,
    rankChange,
    logs,
  };
  return editionResult(info, shown);
}

function normalizeMode(spec: IndexSpec): "pooled" | "separate" {
  return spec.editions?.normalize ?? "pooled";
}

function shownEdition(spec: IndexSpec, times: number[]): number {
  const wanted = spec.editions?.edition;
  if (wanted === undefined) return times.length - 1;
  const k = times.indexOf(wanted);
  if (k < 0) {
    throw new IndexInputError([
      {
        table: "Spec",
        column: "editions.edition",
        severity: "error",
        ...said(msg("editions.notAnEdition", { wanted, times })),
      },
    ]);
  }
  return k;
}

/** Each edition read as its own Data table (other rows blanked, so every row keeps its number), then merged in Data order. */
function parsePanel(
  data: Table,
  layout: EditionLayout,
  framework: Framework,
): { dataset: DataSet; warnings: ValidationIssue[] } {
  const empty: readonly never[] = [];
  const parts = layout.times.map((_, k) =>
    parseData(
      data.map((row, r) => (r === 0 || layout.editionOfRow[r] === k ? row : empty)),
      framework,
    ),
  );
  const order: { part: number; unit: number; row: number }[] = [];
  parts.forEach(({ dataset }, part) => dataset.units.rows.forEach((row, unit) => order.push({ part, unit, row })));
  order.sort((a, b) => a.row - b.row);
  const pick = <T>(get: (units: Units) => readonly T[]) =>
    order.map(({ part, unit }) => get(parts[part]!.dataset.units)[unit]!);
  const column = (get: (set: DataSet) => Float64Array | undefined) =>
    Float64Array.from(order, ({ part, unit }) => get(parts[part]!.dataset)?.[unit] ?? NaN);
  const groupCodes = [...new Set(parts.flatMap(({ dataset }) => [...dataset.units.groups.keys()]))];
  const denominatorCodes = [...new Set(parts.flatMap(({ dataset }) => [...dataset.units.denominators.keys()]))];
  const units: Units = {
    codes: pick((u) => u.codes),
    names: pick((u) => u.names),
    rows: pick((u) => u.rows),
    groups: new Map(
      groupCodes.map((g) => [
        g,
        order.map(({ part, unit }) => parts[part]!.dataset.units.groups.get(g)?.[unit] ?? null),
      ]),
    ),
    denominators: new Map(denominatorCodes.map((d) => [d, column((set) => set.units.denominators.get(d))])),
  };
  const codes = parts[0]!.dataset.indicators.codes;
  const indicators: ColumnSet = { codes, columns: codes.map((_, j) => column((set) => set.indicators.columns[j])) };
  // A header warning is found once per edition: say it once.
  const seen = new Set<string>();
  const warnings = parts
    .flatMap((p) => p.warnings)
    .filter((w) => {
      const key = `${w.row}|${w.col}|${w.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  return { dataset: { units, indicators }, warnings };
}

function previousRows(codes: readonly string[], members: Int32Array[]): Int32Array {
  const previous = new Int32Array(codes.length).fill(-1);
  for (let k = 1; k < members.length; k++) {
    const before = new Map<string, number>();
    for (const r of members[k - 1]!) before.set(codes[r]!, r);
    for (const r of members[k]!) previous[r] = before.get(codes[r]!) ?? -1;
  }
  return previous;
}
