/**
 * The few findings of a robustness analysis that a reader wants first, computed once for the
 * command line's summary and the task pane's findings card: the mean rank shift, the units with
 * the widest rank intervals, and the uncertain input that matters most (largest total Sobol index).
 */
import type { AnalysisResult } from "./index";
import type { UnitUncertainty } from "../uncertainty/montecarlo";

export interface AnalysisFindings {
  /** Mean over the runs of the mean absolute rank shift against the nominal ranks; null without uncertainty runs. */
  meanRankShift: number | null;
  /** Units with the widest rank interval (rankHigh − rankLow), widest first, ties in rank order. */
  widest: UnitUncertainty[];
  /** The input with the largest total-order index (first-order as tie-break); null without sensitivity. */
  mattersMost: { input: string; description: string; total: number; first: number } | null;
  audit: { flagged: number; collinear: number; negative: number } | null;
}

export function analysisFindings(analysis: AnalysisResult, widestCount = 3): AnalysisFindings {
  const u = analysis.uncertainty;
  const ranked = u ? u.units.filter((x) => !Number.isNaN(x.rankHigh) && !Number.isNaN(x.rankLow)) : [];
  const widest = ranked
    .map((unit, order) => ({ unit, order }))
    .sort((a, b) => b.unit.rankHigh - b.unit.rankLow - (a.unit.rankHigh - a.unit.rankLow) || a.order - b.order)
    .slice(0, widestCount)
    .map((x) => x.unit);
  const meanRankShift = u && u.runs > 0 ? u.rankShift.reduce((s, v) => s + v, 0) / u.runs : null;
  const indices = (analysis.sensitivity?.indices ?? []).filter((i) => Number.isFinite(i.total));
  const top = [...indices].sort((a, b) => b.total - a.total || b.first - a.first)[0];
  const a = analysis.audit;
  return {
    meanRankShift,
    widest,
    mattersMost: top ? { input: top.input, description: top.description, total: top.total, first: top.first } : null,
    audit: a
      ? {
          flagged: a.stats.filter((s) => Object.values(s.flags).some(Boolean)).length,
          collinear: a.groups.reduce((n, g) => n + g.collinear.length, 0),
          negative: a.nodes.filter((n) => n.negativeWithParent).length,
        }
      : null,
  };
}
