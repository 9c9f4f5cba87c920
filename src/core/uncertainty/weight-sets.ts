/**
 * Whole-framework weight sets from the data-driven methods of core/weights: within every aggregate,
 * the weights of its children from their columns in a computed result (normalized indicators,
 * aggregate scores). The set can be the `weights` of a run's spec or one alternative among several
 * in the uncertainty analysis.
 */
import { IndexComputeError } from "../errors";
import type { IndexResult } from "../result";
import { columnWeights, type WeightMethod } from "../weights";

export type WeightSetMethod = WeightMethod | "framework";

export interface WeightSet {
  name: string;
  /** Weight of every node within its parent, by code (as spec.weights). */
  weights: Record<string, number>;
}

export function weightSetFor(result: IndexResult, method: WeightSetMethod): WeightSet {
  const weights: Record<string, number> = {};
  if (method === "framework") {
    for (const [code, w] of result.weights) weights[code] = w;
    return { name: method, weights };
  }
  const column = (code: string) => {
    const a = result.scores.codes.indexOf(code);
    if (a >= 0) return result.scores.columns[a]!;
    const i = result.steps.normalized.codes.indexOf(code);
    if (i >= 0) return result.steps.normalized.columns[i]!;
    throw new IndexComputeError(`no values for ${code} in the result, so ${method} weights cannot be computed`);
  };
  for (const aggregate of result.framework.aggregates) {
    const children = aggregate.children;
    if (children.length === 1) {
      weights[children[0]!] = 1;
      continue;
    }
    // Only the units that take part (screened-out units are NaN already; this keeps it explicit).
    const columns = children.map((code) => column(code).map((v, u) => (result.included[u] ? v : NaN)));
    let w: Float64Array;
    try {
      w = columnWeights(method, columns, children);
    } catch (error) {
      throw new IndexComputeError(
        `${method} weights of the children of ${aggregate.code}: ${(error as Error).message}`,
      );
    }
    children.forEach((code, i) => (weights[code] = w[i]!));
  }
  weights[result.framework.root] = result.weights.get(result.framework.root) ?? 1;
  return { name: method, weights };
}
