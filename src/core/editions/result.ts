/** One edition of a panel as an ordinary IndexResult, so every report, audit and analysis works on it unchanged. */
import type { ExcludedUnit, ForcedUnit, IndexResult, PipelineLog } from "../result";
import type { BelowCoverage } from "../steps/aggregate";
import type { ColumnSet } from "../types";
import { sliceColumn, sliceSet, sliceUnits } from "./slice";
import type { EditionsInfo } from "./types";

export function editionResult(info: EditionsInfo, k: number): IndexResult {
  const { panel } = info;
  const rows = info.members[k]!;
  const units = sliceUnits(panel.units, rows);
  const included = Uint8Array.from(rows, (r) => panel.included[r]!);
  const coverage = sliceColumn(panel.log.coverage, rows);
  const log = editionLog(panel, rows);
  const slice = (set: ColumnSet) => sliceSet(set, rows);
  const { steps } = panel;
  return {
    spec: panel.spec,
    framework: panel.framework,
    units,
    included,
    steps: {
      raw: slice(steps.raw),
      denominated: slice(steps.denominated),
      imputed: slice(steps.imputed),
      screened: slice(steps.screened),
      treated: slice(steps.treated),
      normalized: slice(steps.normalized),
    },
    scores: slice(panel.scores),
    ranks: slice(panel.ranks),
    effectiveWeights: panel.effectiveWeights,
    weights: panel.weights,
    log: {
      ...log,
      imputed: info.logs[k]!.imputed,
      coverage,
      treatment: info.logs[k]!.treatment,
      methods: panel.log.methods,
    },
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

/**
 * The panel's screening and threshold entries of one edition. They name units by code, which repeats
 * across editions, so they are matched by position: the pipeline lists them in unit order.
 */
function editionLog(panel: IndexResult, rows: Int32Array): Pick<PipelineLog, "excluded" | "forced" | "belowCoverage"> {
  const n = panel.units.codes.length;
  const inEdition = new Uint8Array(n);
  for (const r of rows) inEdition[r] = 1;
  // One excluded entry per unit left out, in unit order.
  const excluded: ExcludedUnit[] = [];
  let e = 0;
  for (let i = 0; i < n; i++) {
    if (panel.included[i] === 1) continue;
    const entry = panel.log.excluded[e++];
    if (entry && inEdition[i]) excluded.push(entry);
  }
  // One forced entry per unit listed in screen.include, in unit order.
  const include = new Set(panel.spec.screen?.include ?? []);
  const exclude = new Set(panel.spec.screen?.exclude ?? []);
  const forced: ForcedUnit[] = [];
  let f = 0;
  for (let i = 0; i < n; i++) {
    const code = panel.units.codes[i]!;
    if (!include.has(code) || exclude.has(code)) continue;
    const entry = panel.log.forced[f++];
    if (entry && inEdition[i]) forced.push(entry);
  }
  return { excluded, forced, belowCoverage: editionBelowCoverage(panel, inEdition) };
}

/** Threshold gaps of the edition's units, found again from the scores the pipeline kept. */
function editionBelowCoverage(panel: IndexResult, inEdition: Uint8Array): BelowCoverage[] {
  if (panel.log.belowCoverage.length === 0) return [];
  const columnOf = (code: string) => {
    const j = panel.scores.codes.indexOf(code);
    return j >= 0
      ? panel.scores.columns[j]!
      : panel.steps.normalized.columns[panel.steps.normalized.codes.indexOf(code)]!;
  };
  const out: BelowCoverage[] = [];
  for (const node of panel.framework.aggregates) {
    const minCoverage = panel.log.belowCoverage.find((b) => b.aggregate === node.code)?.minCoverage;
    if (minCoverage === undefined) continue;
    const scores = columnOf(node.code);
    const children = node.children.map(columnOf);
    for (let i = 0; i < scores.length; i++) {
      if (!inEdition[i] || scores[i] === scores[i] || panel.included[i] !== 1) continue;
      let present = 0;
      for (const x of children) if (x[i] === x[i]) present++;
      const share = present / children.length;
      if (present > 0 && share < minCoverage)
        out.push({ aggregate: node.code, unit: panel.units.codes[i]!, share, minCoverage });
    }
  }
  return out;
}
