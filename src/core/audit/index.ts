/**
 * The statistical audit of a computed index: indicator statistics, correlations with the parent and
 * the index, collinearity and negative-correlation flags, Cronbach's alpha and PCA per aggregate,
 * and effective weight next to the correlation with the index.
 */
import type { IndexResult } from "../result";
import { IndexComputeError } from "../errors";
import { msg, render, type Message } from "../messages";
import { pca } from "../weights/pca";
import { cronbachAlpha, pairwiseCorrelations, pearson, spearman } from "../stats";
import { DEFAULT_THRESHOLDS, indicatorStats, type IndicatorStats, type StatThresholds } from "./stats";

export { indicatorStats, DEFAULT_THRESHOLDS, type IndicatorStats, type StatThresholds } from "./stats";

export interface AuditOptions {
  thresholds?: Partial<StatThresholds>;
  /** |r| above which two members of a group are flagged as collinear (default 0.9). */
  collinearity?: number;
}

/** A node (indicator or aggregate below the root) against its parent and the index. */
export interface NodeCorrelation {
  code: string;
  kind: "indicator" | "aggregate";
  level: number;
  parent: string;
  pearsonParent: number;
  spearmanParent: number;
  pearsonIndex: number;
  spearmanIndex: number;
  /** Pearson r with the parent is below 0: the node pulls against its own aggregate. */
  negativeWithParent: boolean;
}

export interface CollinearPair {
  a: string;
  b: string;
  pearson: number;
}

export interface GroupAudit {
  code: string;
  level: number;
  children: string[];
  /** Row-major children × children matrices. */
  pearson: Float64Array;
  spearman: Float64Array;
  collinear: CollinearPair[];
  cronbachAlpha: number;
  /** Share of variance explained by the first component, and its loadings (NaN when PCA is not defined). */
  pcaVariance: number;
  pcaLoadings: Float64Array;
  /** Why PCA was not computed (too few complete rows, a constant column). */
  note?: string;
  /** The note in the catalogue, for the analyst's language. */
  noteText?: Message;
}

export interface WeightImportance {
  code: string;
  effectiveWeight: number;
  pearsonIndex: number;
  /** r² scaled to sum 1 over the indicators: the share of "importance" to set against the weight. */
  importanceShare: number;
}

export interface AuditResult {
  /** Statistics of the raw indicators (before any step), as COINr get_stats(dset = "Raw"). */
  stats: IndicatorStats[];
  /** Statistics of the normalized indicators (what enters aggregation). */
  normalizedStats: IndicatorStats[];
  nodes: NodeCorrelation[];
  groups: GroupAudit[];
  importance: WeightImportance[];
  /** Pearson correlations between all normalized indicators (row-major, indicator order), for the heatmap. */
  indicatorCodes: string[];
  indicatorCorrelations: Float64Array;
  thresholds: StatThresholds;
  collinearity: number;
}

export function auditIndex(result: IndexResult, options: AuditOptions = {}): AuditResult {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const collinearity = options.collinearity ?? 0.9;
  const { framework, steps } = result;
  const column = columnLookup(result);
  const root = column(framework.root);

  const stats = steps.raw.codes.map((code, j) => indicatorStats(code, steps.raw.columns[j]!, thresholds));
  const normalizedStats = steps.normalized.codes.map((code, j) =>
    indicatorStats(code, steps.normalized.columns[j]!, thresholds),
  );

  const nodes: NodeCorrelation[] = [];
  const below = [...framework.indicators, ...framework.aggregates.filter((a) => a.parent !== null)];
  for (const node of below) {
    const own = column(node.code);
    const parent = column(node.parent!);
    if (!own || !parent || !root) continue; // screened-out indicators have no column
    const pearsonParent = pearson(own, parent);
    nodes.push({
      code: node.code,
      kind: node.kind,
      level: node.level,
      parent: node.parent!,
      pearsonParent,
      spearmanParent: spearman(own, parent),
      pearsonIndex: pearson(own, root),
      spearmanIndex: spearman(own, root),
      negativeWithParent: pearsonParent < 0,
    });
  }

  const groups: GroupAudit[] = framework.aggregates.map((aggregate) => {
    const children = aggregate.children.filter((code) => column(code) !== undefined);
    const columns = children.map((code) => column(code)!);
    const k = children.length;
    const pearsonMatrix = pairwiseCorrelations(columns, "pearson");
    const collinear: CollinearPair[] = [];
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++) {
        const r = pearsonMatrix[a * k + b]!;
        if (Math.abs(r) > collinearity) collinear.push({ a: children[a]!, b: children[b]!, pearson: r });
      }
    }
    const group: GroupAudit = {
      code: aggregate.code,
      level: aggregate.level,
      children,
      pearson: pearsonMatrix,
      spearman: pairwiseCorrelations(columns, "spearman"),
      collinear,
      cronbachAlpha: cronbachAlpha(columns),
      pcaVariance: NaN,
      pcaLoadings: new Float64Array(k).fill(NaN),
    };
    try {
      const components = pca(columns, children);
      group.pcaVariance = components.varianceExplained[0]!;
      group.pcaLoadings = components.loadings;
    } catch (error) {
      const why = error instanceof IndexComputeError && error.text ? error.text : (error as Error).message;
      group.noteText = msg("audit.pcaNotComputed", { why });
      group.note = render("en", group.noteText);
    }
    return group;
  });

  const indicatorCodes = steps.normalized.codes;
  const rIndex = indicatorCodes.map((code) => (root ? pearson(column(code)!, root) : NaN));
  let sumR2 = 0;
  for (const r of rIndex) if (r === r) sumR2 += r * r;
  const importance = indicatorCodes.map((code, j) => ({
    code,
    effectiveWeight: result.effectiveWeights.get(code) ?? NaN,
    pearsonIndex: rIndex[j]!,
    importanceShare: sumR2 > 0 ? rIndex[j]! ** 2 / sumR2 : NaN,
  }));

  const indicatorCorrelations = pairwiseCorrelations(
    indicatorCodes.map((code) => column(code)!),
    "pearson",
  );
  return {
    stats,
    normalizedStats,
    nodes,
    groups,
    importance,
    indicatorCodes: [...indicatorCodes],
    indicatorCorrelations,
    thresholds,
    collinearity,
  };
}

/** Column of any node: normalized values for indicators, scores for aggregates. */
function columnLookup(result: IndexResult): (code: string) => Float64Array | undefined {
  const map = new Map<string, Float64Array>();
  result.steps.normalized.codes.forEach((code, j) => map.set(code, result.steps.normalized.columns[j]!));
  result.scores.codes.forEach((code, j) => map.set(code, result.scores.columns[j]!));
  return (code) => map.get(code);
}
