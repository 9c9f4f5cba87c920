/** Weighting methods: alternatives to the Framework's expert weights. */
import { IndexComputeError } from "../errors";
import { msg } from "../messages";
import { entropyWeights } from "./entropy";
import { equalWeights } from "./equal";
import { pcaWeights } from "./pca";

export { ahp, completeComparisonMatrix, RANDOM_INDEX, CR_LIMIT, RECIPROCAL_TOLERANCE, type AhpResult } from "./ahp";
export { entropyWeights } from "./entropy";
export { equalWeights } from "./equal";
export { pca, pcaWeights, type PcaResult } from "./pca";

export const WEIGHT_METHODS = ["entropy", "pca", "equal"] as const;
export type WeightMethod = (typeof WEIGHT_METHODS)[number];

/** Weights (summing to 1) for the columns, by the named data-driven method. */
export function columnWeights(
  method: WeightMethod,
  columns: readonly Float64Array[],
  codes: readonly string[],
): Float64Array {
  switch (method) {
    case "entropy":
      return entropyWeights(columns, codes);
    case "pca":
      return pcaWeights(columns, codes);
    case "equal":
      return equalWeights(columns.length);
    default:
      throw new IndexComputeError(
        msg("weights.unknownMethod", { method: String(method), allowed: [...WEIGHT_METHODS] }),
      );
  }
}
