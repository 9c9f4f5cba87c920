/** Aggregate: weighted means up the tree, missing children skipped with weights renormalized. */
import { IndexComputeError } from "../errors";
import { aggregateEntry, type MeanDomain } from "../methods/aggregate";
import { aggregateFor, coverageFor, type AggregateOneSpec, type AggregateSpec } from "../spec";
import type { ColumnSet, Framework } from "../types";
import { magnitudeSafe } from "./magnitude";

export function aggregateColumns(
  children: Float64Array[],
  weights: number[],
  method: AggregateOneSpec,
  nodeCode: string,
  unitCodes: string[],
  childCodes?: readonly string[],
  minCoverage?: number,
): Float64Array {
  // Relative weights and values near the largest double (magnitude.ts): rescaled once, then this same code.
  const safe = magnitudeSafe(children, weights, method);
  // childCodes and minCoverage go along: the data threshold must hold whatever the weights' scale.
  if (safe)
    return safe.finish(
      aggregateColumns(safe.children, safe.weights, method, nodeCode, unitCodes, childCodes, minCoverage),
    );
  const n = children[0]?.length ?? unitCodes.length;
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  const kernel = aggregateEntry(method).kernel(method);
  const { positive: needsPositive, nonNegative: needsNonNegative } = domainOf(method);
  children.forEach((x, c) => {
    const w = weights[c]!;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      if (v !== v) continue;
      if ((needsPositive && v <= 0) || (needsNonNegative && v < 0))
        throw nonPositiveError(method, nodeCode, unitCodes[i]!, v, c, childCodes?.[c]);
      den[i]! += w;
    }
    kernel.add(num, x, w);
  });
  const out = new Float64Array(n);
  const present = minCoverage === undefined ? null : presentCounts(children, n);
  for (let i = 0; i < n; i++) {
    const W = den[i]!;
    // COINr dat_thresh: the share of children with a value (weights aside) below the threshold → missing.
    if (present && present[i]! / children.length < minCoverage!) {
      out[i] = NaN;
      continue;
    }
    if (!(W > 0)) {
      out[i] = NaN; // every child missing (or weighing 0) for this unit
      continue;
    }
    out[i] = kernel.finish(num[i]!, W);
  }
  return out;
}

/** Values a mean is defined for (each entry of the registry says it). */
export function domainOf(method: AggregateOneSpec): MeanDomain {
  return aggregateEntry(method).domain(method);
}

function presentCounts(children: Float64Array[], n: number): Float64Array {
  const counts = new Float64Array(n);
  for (const x of children) for (let i = 0; i < n; i++) if (x[i] === x[i]) counts[i]!++;
  return counts;
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
  normalized: ColumnSet,
  framework: Framework,
  spec: AggregateSpec,
  weights: Map<string, number>,
  unitCodes: string[],
  included?: Uint8Array,
): ColumnSet & { belowCoverage: BelowCoverage[] } {
  const byCode = new Map<string, Float64Array>();
  normalized.codes.forEach((code, j) => byCode.set(code, normalized.columns[j]!));
  const columns: Float64Array[] = [];
  const belowCoverage: BelowCoverage[] = [];
  for (const node of framework.aggregates) {
    const children = node.children.map((c) => byCode.get(c)!);
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
