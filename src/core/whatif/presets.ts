/**
 * Weight presets for the what-if model: equal, PCA, entropy (src/core/weights) over the children of
 * one aggregate, or of every aggregate bottom-up; AHP from a pairwise grid over one aggregate's
 * children. Preset weights keep the siblings' current total, so they stay on the Framework's scale.
 */
import { IndexComputeError } from "../errors";
import { msg } from "../messages";
import { ahp, entropyWeights, equalWeights, pcaWeights, type AhpResult } from "../weights";
import type { WhatIfModel } from "./model";

export const PRESET_METHODS = ["equal", "pca", "entropy"] as const;
export type PresetMethod = (typeof PRESET_METHODS)[number];

/** Shares (summing to 1) for the children of `node` from their current scores. */
export function presetShares(model: WhatIfModel, node: string, method: PresetMethod): Float64Array {
  const kids = model.children(node);
  if (kids.length === 0) throw new IndexComputeError(msg("whatif.notAggregate", { node }));
  if (method === "equal") return equalWeights(kids.length);
  const columns = kids.map((c) => model.scores(c));
  return method === "pca" ? pcaWeights(columns, kids) : entropyWeights(columns, kids);
}

/** Sets the children's weights to `shares` times their current total (1 when they were all 0). */
export function setChildShares(model: WhatIfModel, node: string, shares: ArrayLike<number>): void {
  const kids = model.children(node);
  if (shares.length !== kids.length)
    throw new IndexComputeError(msg("whatif.sharesCount", { node, children: kids.length, given: shares.length }));
  let total = 0;
  for (const c of kids) total += model.weights[model.slot(c)]!;
  if (!(total > 0) || !Number.isFinite(total)) total = 1;
  kids.forEach((c, j) => {
    model.weights[model.slot(c)] = shares[j]! * total;
  });
}

/**
 * Applies a preset to one aggregate, or to every aggregate ("all") level by level from the bottom,
 * re-aggregating in between (a pillar's PCA weights need its sub-pillars' new scores). Runs the model.
 */
export function applyPreset(model: WhatIfModel, method: PresetMethod, node: string | "all"): void {
  // A single child's weight changes nothing (its share is 1), and PCA needs two columns.
  const targets = node === "all" ? model.aggregates().filter((a) => model.children(a).length > 1) : [node];
  for (const target of targets) {
    setChildShares(model, target, presetShares(model, target, method));
    const failure = model.run();
    if (failure) throw new IndexComputeError(failure.text);
  }
}

/** AHP weights from a pairwise grid over `node`'s children; applied only when consistent (CR ≤ 0.1). */
export function applyAhp(model: WhatIfModel, node: string, grid: readonly (readonly number[])[]): AhpResult {
  const kids = model.children(node);
  if (grid.length !== kids.length)
    throw new IndexComputeError(msg("whatif.gridRows", { node, children: kids.length, rows: grid.length }));
  const result = ahp(grid);
  if (!result.consistent) return result;
  setChildShares(model, node, result.weights);
  const failure = model.run();
  if (failure) throw new IndexComputeError(failure.text);
  return result;
}
