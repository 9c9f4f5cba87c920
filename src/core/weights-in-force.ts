/** The weight of every node (Framework or override) and each indicator's effective weight in the index. */
import { IndexInputError, said } from "./errors";
import { msg } from "./messages";
import { relativeWeights } from "./steps/magnitude";
import type { Framework } from "./types";

export function weightsInForce(framework: Framework, overrides: Record<string, number> | null): Map<string, number> {
  const weights = new Map<string, number>();
  for (const node of framework.byCode.values()) weights.set(node.code, node.weight);
  if (overrides) {
    // Codes are NFC (framework.ts): a decomposed "Zürich" in the options names the same node.
    const unknown = Object.keys(overrides).filter(
      (code) => !framework.byCode.has(code) && !framework.byCode.has(code.normalize("NFC")),
    );
    if (unknown.length) {
      throw new IndexInputError([
        { table: "Weights", severity: "error", ...said(msg("weights.unknown", { codes: unknown.slice(0, 10) })) },
      ]);
    }
    for (const [code, w] of Object.entries(overrides))
      weights.set(framework.byCode.has(code) ? code : code.normalize("NFC"), w);
    for (const agg of framework.aggregates) {
      if (agg.children.every((c) => weights.get(c) === 0)) {
        throw new IndexInputError([
          { table: "Weights", severity: "error", ...said(msg("weights.allZero", { code: agg.code })) },
        ]);
      }
    }
  }
  return weights;
}

/** Share of each node within its parent times its ancestors' shares; the root has 1. */
export function effectiveWeights(framework: Framework, weights: Map<string, number>): Map<string, number> {
  const effective = new Map<string, number>([[framework.root, 1]]);
  for (let k = framework.aggregates.length - 1; k >= 0; k--) {
    const agg = framework.aggregates[k]!;
    const own = effective.get(agg.code) ?? 0;
    // Relative weights (a power-of-two rescale, exact): 1.7e308 twice does not overflow the total.
    const kids = relativeWeights(agg.children.map((c) => weights.get(c)!));
    let total = 0;
    for (const w of kids) total += w;
    agg.children.forEach((c, k) => effective.set(c, total > 0 ? (own * kids[k]!) / total : 0));
  }
  return effective;
}
