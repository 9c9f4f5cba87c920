/** Aggregate: weighted means up the tree, missing children skipped with weights renormalized. */
import { IndexComputeError } from "../errors";
import { aggregateFor, type AggregateOneSpec, type AggregateSpec } from "../spec";
import type { ColumnSet, Framework } from "../types";
import { magnitudeSafe } from "./magnitude";

export function aggregateColumns(
  children: Float64Array[],
  weights: number[],
  method: AggregateOneSpec,
  nodeCode: string,
  unitCodes: string[],
): Float64Array {
  // Relative weights and values near the largest double (magnitude.ts): rescaled once, then this same code.
  const safe = magnitudeSafe(children, weights, method);
  if (safe) return safe.finish(aggregateColumns(safe.children, safe.weights, method, nodeCode, unitCodes));
  const n = children[0]?.length ?? unitCodes.length;
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  const p = method.method === "power" ? method.p : 1;
  const needsPositive = method.method === "geometric" || method.method === "harmonic";
  const needsNonNegative = method.method === "power" && !Number.isInteger(p);
  children.forEach((x, c) => {
    const w = weights[c]!;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      if (v !== v) continue;
      if ((needsPositive && v <= 0) || (needsNonNegative && v < 0)) throw nonPositiveError(method, nodeCode, unitCodes[i]!, v, c);
      den[i]! += w;
      switch (method.method) {
        case "arithmetic": num[i]! += w * v; break;
        case "geometric": num[i]! += w * Math.log(v); break;
        case "harmonic": num[i]! += w / v; break;
        case "power": num[i]! += w * Math.pow(v, p); break;
      }
    }
  });
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const W = den[i]!;
    if (!(W > 0)) {
      out[i] = NaN; // every child missing (or weighing 0) for this unit
      continue;
    }
    switch (method.method) {
      case "arithmetic": out[i] = num[i]! / W; break;
      case "geometric": out[i] = Math.exp(num[i]! / W); break;
      case "harmonic": out[i] = W / num[i]!; break;
      case "power": out[i] = Math.pow(num[i]! / W, 1 / p); break;
    }
  }
  return out;
}

function nonPositiveError(method: AggregateOneSpec, node: string, unit: string, value: number, child: number): IndexComputeError {
  const name = method.method === "power" ? `a power mean with p = ${method.p}` : `the ${method.method} mean`;
  return new IndexComputeError(
    `Cannot aggregate ${node} for unit ${unit} with ${name}: child #${child + 1} has the value ${value}, and ${name} needs ${method.method === "power" ? "values ≥ 0" : "values > 0"}. ` +
      `Normalize to a positive range (e.g. min-max with low 1 and high 100) or use the arithmetic mean.`,
  );
}

/**
 * Aggregates level by level. Returns the scores of every aggregate (framework.aggregates order).
 * `weights` holds the weight in force for each node code.
 */
export function aggregate(
  normalized: ColumnSet,
  framework: Framework,
  spec: AggregateSpec,
  weights: Map<string, number>,
  unitCodes: string[],
): ColumnSet {
  const byCode = new Map<string, Float64Array>();
  normalized.codes.forEach((code, j) => byCode.set(code, normalized.columns[j]!));
  const columns: Float64Array[] = [];
  for (const node of framework.aggregates) {
    const children = node.children.map((c) => byCode.get(c)!);
    const w = node.children.map((c) => weights.get(c)!);
    const scores = aggregateColumns(children, w, aggregateFor(spec, node.level), node.code, unitCodes);
    byCode.set(node.code, scores);
    columns.push(scores);
  }
  return { codes: framework.aggregates.map((a) => a.code), columns };
}
