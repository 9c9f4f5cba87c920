/** One edition of a panel as an ordinary IndexResult, so every report, audit and analysis works on it unchanged. */
import type { IndexResult } from "../result";
import type { ColumnSet } from "../types";
import { sliceColumn, sliceSet, sliceUnits } from "./slice";
import type { EditionsInfo } from "./types";

export function editionResult(info: EditionsInfo, k: number): IndexResult {
  const { panel } = info;
  const rows = info.members[k]!;
  const units = sliceUnits(panel.units, rows);
  const included = Uint8Array.from(rows, (r) => panel.included[r]!);
  const coverage = sliceColumn(panel.log.coverage, rows);
  const excluded = [];
  for (let i = 0; i < rows.length; i++) if (!included[i]) excluded.push({ unit: units.codes[i]!, coverage: coverage[i]! });
  const slice = (set: ColumnSet) => sliceSet(set, rows);
  const { steps } = panel;
  return {
    spec: panel.spec,
    framework: panel.framework,
    units,
    included,
    steps: {
      raw: slice(steps.raw), denominated: slice(steps.denominated), imputed: slice(steps.imputed),
      screened: slice(steps.screened), treated: slice(steps.treated), normalized: slice(steps.normalized),
    },
    scores: slice(panel.scores),
    ranks: slice(panel.ranks),
    effectiveWeights: panel.effectiveWeights,
    weights: panel.weights,
    log: { imputed: info.logs[k]!.imputed, excluded, coverage, treatment: info.logs[k]!.treatment },
    warnings: panel.warnings,
    editions: { ...info, shown: k },
  };
}

/** The shown edition's rank changes (previous rank − rank), aligned with the result's units. */
export function rankChangeOf(result: IndexResult): ColumnSet | null {
  const info = result.editions;
  return info ? sliceSet(info.rankChange, info.members[info.shown]!) : null;
}

/** Time of the edition a result shows, or null without editions. */
export function editionTime(result: IndexResult): number | null {
  return result.editions ? result.editions.times[result.editions.shown]! : null;
}
