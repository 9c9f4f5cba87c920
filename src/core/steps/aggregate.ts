/** Aggregate: weighted means up the tree, missing children skipped with weights renormalized. */
import { IndexComputeError } from "../errors";
import { aggregateEntry, type MeanDomain } from "../methods/aggregate";
import { aggregateFor, coverageFor, type AggregateOneSpec, type AggregateSpec } from "../spec";
import type { ColumnSet, Framework } from "../types";
import { newColumn } from "../column-arena";
import { rescaled, timesPow2, valueShiftOf, weightShiftOf } from "./magnitude";

/** Reusable per-unit sums for the aggregations of one run (one set per level loop, not three arrays per node). */
export interface AggregateScratch {
  num: Float64Array;
  den: Float64Array;
  present: Float64Array;
}

export function aggregateScratch(n: number): AggregateScratch {
  return { num: new Float64Array(n), den: new Float64Array(n), present: new Float64Array(n) };
}

export function aggregateColumns(
  children: Float64Array[],
  weights: number[],
  method: AggregateOneSpec,
  nodeCode: string,
  unitCodes: string[],
  childCodes?: readonly string[],
  minCoverage?: number,
  scratch?: AggregateScratch,
): Float64Array {
  const n = children[0]?.length ?? unitCodes.length;
  const entry = aggregateEntry(method);
  const { positive, nonNegative } = entry.domain(method);
  // Relative weights: scaled by a power of two so that the largest is in [1, 2) (magnitude.ts; exact).
  const weightShift = weightShiftOf(weights);
  const w = weightShift === 0 ? weights : weights.map((x) => timesPow2(x, weightShift));
  const den = zeroed(scratch?.den, n);
  const present = minCoverage === undefined ? null : zeroed(scratch?.present, n);
  // One pass per child: Σ w of the present children, their count, the domain, and the values' magnitude.
  let maxAbs = 0;
  let minAbs = Infinity;
  let violation: { child: number; unit: number } | null = null;
  for (let c = 0; c < children.length; c++) {
    const scan = scanChild(children[c]!, w[c]!, den, present, positive, nonNegative);
    if (scan.maxAbs > maxAbs) maxAbs = scan.maxAbs;
    if (scan.minAbs < minAbs) minAbs = scan.minAbs;
    if (!violation && scan.violation >= 0) violation = { child: c, unit: scan.violation };
  }
  // Values near the largest double: rescaled once (magnitude.ts), then this same code.
  const valueShift = valueShiftOf(maxAbs, minAbs, entry.powerOf(method));
  if (valueShift !== 0) {
    const safe = rescaled(children, weights, weightShift, valueShift);
    // childCodes and minCoverage go along: the data threshold must hold whatever the weights' scale.
    return safe.finish(
      aggregateColumns(safe.children, safe.weights, method, nodeCode, unitCodes, childCodes, minCoverage, scratch),
    );
  }
  if (violation) {
    const { child, unit } = violation;
    throw nonPositiveError(method, nodeCode, unitCodes[unit]!, children[child]![unit]!, child, childCodes?.[child]);
  }
  const num = zeroed(scratch?.num, n);
  const kernel = entry.kernel(method);
  for (let c = 0; c < children.length; c++) kernel.add(num, children[c]!, w[c]!);
  const out = newColumn(n);
  const k = children.length;
  for (let i = 0; i < n; i++) {
    const W = den[i]!;
    // COINr dat_thresh: the share of children with a value (weights aside) below the threshold → missing.
    if (present && present[i]! / k < minCoverage!) out[i] = NaN;
    else out[i] = W > 0 ? kernel.finish(num[i]!, W) : NaN; // NaN: every child missing (or weighing 0)
  }
  return out;
}

/** A zeroed array of n: the scratch when it fits (reused across nodes), else a new one. */
function zeroed(scratch: Float64Array | undefined, n: number): Float64Array {
  if (scratch && scratch.length === n) return scratch.fill(0);
  return new Float64Array(n);
}

interface ChildScan {
  maxAbs: number;
  minAbs: number;
  /** The first unit whose value is outside the mean's domain, or -1. */
  violation: number;
}

/** Adds w to den (and 1 to present) where the child has a value; a small function of its own, so V8 optimizes the loop. */
function scanChild(
  x: Float64Array,
  w: number,
  den: Float64Array,
  present: Float64Array | null,
  positive: boolean,
  nonNegative: boolean,
): ChildScan {
  let maxAbs = 0;
  let minAbs = Infinity;
  let violation = -1;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v !== v) continue;
    den[i]! += w;
    if (present) present[i]!++;
    const a = v < 0 ? -v : v;
    if (a > maxAbs && a !== Infinity) maxAbs = a;
    if (a > 0 && a < minAbs) minAbs = a;
    if (violation < 0 && ((positive && v <= 0) || (nonNegative && v < 0))) violation = i;
  }
  return { maxAbs, minAbs, violation };
}

/** Values a mean is defined for (each entry of the registry says it). */
export function domainOf(method: AggregateOneSpec): MeanDomain {
  return aggregateEntry(method).domain(method);
}

function nonPositiveError(
  method: AggregateOneSpec,
  node: string,
  unit: string,
  value: number,
  child: number,
  childCode?: string,
): IndexComputeError {
  if (method.method !== "power") {
    // Kept word for word: analysts and the corpus know this message.
    const name = `the ${method.method} mean`;
    return new IndexComputeError(
      `Cannot aggregate ${node} for unit ${unit} with ${name}: child #${child + 1} has the value ${value}, and ${name} needs values > 0. ` +
        `Normalize to a positive range (e.g. min-max with low 1 and high 100) or use the arithmetic mean.`,
    );
  }
  // Short enough for Excel's 255-character #VALUE! message with usual codes.
  const [rule, fix] =
    method.p < 0
      ? ["values > 0", "to a positive range (e.g. min-max 1–100)"]
      : ["values ≥ 0", "to a non-negative range (e.g. min-max), use an even p,"];
  const which = childCode ? `child ${childCode}` : `child #${child + 1}`;
  return new IndexComputeError(
    `Cannot aggregate ${node} for unit ${unit} with a power mean with p = ${method.p}: ${which} has the value ${value}, and a power mean with p = ${method.p} needs ${rule}. ` +
      `Normalize ${fix} or use the arithmetic mean.`,
  );
}

/**
 * Where aggregation reads the indicators: `column(j)` is called once per indicator, under its parent
 * node, and may hand out a buffer that is reused after the next `nextNode()` (steps/normalize.ts).
 */
export interface IndicatorColumns {
  codes: readonly string[];
  nextNode(): void;
  column(j: number): Float64Array;
}

function keptColumns(set: ColumnSet): IndicatorColumns {
  return { codes: set.codes, nextNode: () => undefined, column: (j) => set.columns[j]! };
}

/** An aggregate left missing for a unit because too few of its children have a value (minCoverage). */
export interface BelowCoverage {
  aggregate: string;
  unit: string;
  /** Share of the aggregate's children with a value for this unit. */
  share: number;
  minCoverage: number;
}

/**
 * Aggregates level by level. Returns the scores of every aggregate (framework.aggregates order)
 * and the scores left missing by the data threshold. `weights` holds the weight in force for each node code.
 */
export function aggregate(
  normalized: ColumnSet | IndicatorColumns,
  framework: Framework,
  spec: AggregateSpec,
  weights: Map<string, number>,
  unitCodes: string[],
  included?: Uint8Array,
): ColumnSet & { belowCoverage: BelowCoverage[] } {
  const indicators = "columns" in normalized ? keptColumns(normalized) : normalized;
  const indicatorIndex = new Map(indicators.codes.map((code, j) => [code, j] as const));
  const byCode = new Map<string, Float64Array>(); // the scores of the aggregates done so far
  const columns: Float64Array[] = [];
  const belowCoverage: BelowCoverage[] = [];
  const scratch = aggregateScratch(unitCodes.length);
  for (const node of framework.aggregates) {
    indicators.nextNode();
    const children = node.children.map((c) => byCode.get(c) ?? indicators.column(indicatorIndex.get(c)!));
    const w = node.children.map((c) => weights.get(c)!);
    const minCoverage = coverageFor(spec, node.level);
    const scores = aggregateColumns(
      children,
      w,
      aggregateFor(spec, node.level),
      node.code,
      unitCodes,
      node.children,
      minCoverage,
      scratch,
    );
    if (minCoverage !== undefined) {
      for (let i = 0; i < scores.length; i++) {
        if (scores[i] === scores[i] || (included && included[i] !== 1)) continue;
        let present = 0;
        for (const x of children) if (x[i] === x[i]) present++;
        // Only the scores the threshold removed: with no child at all the score is missing anyway.
        if (present > 0)
          belowCoverage.push({
            aggregate: node.code,
            unit: unitCodes[i]!,
            share: present / children.length,
            minCoverage,
          });
      }
    }
    byCode.set(node.code, scores);
    columns.push(scores);
  }
  return { codes: framework.aggregates.map((a) => a.code), columns, belowCoverage };
}
