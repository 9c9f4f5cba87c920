/** Normalize: bring every indicator onto a common scale, direction applied first. */
import { normalizeEntry, type NormalizeMeta } from "../methods/normalize";
import type { NormalizeBlock, NormalizeSpec } from "../spec";
import type { ColumnSet, Framework, IndicatorNode, MethodSource } from "../types";
import { copyColumn } from "../column-arena";

export { ValueError, type NormalizeMeta } from "../methods/normalize";

/** One column through its method; the direction is applied first unless the method reads raw values. */
export function normalizeColumn(
  x: Float64Array,
  spec: NormalizeSpec,
  meta: NormalizeMeta,
  scratch?: Float64Array,
): Float64Array {
  const entry = normalizeEntry(spec);
  const input = entry.input === "raw" || meta.direction === 1 ? x : negate(x, scratch);
  const out = entry.apply(input, spec, meta);
  return out === scratch ? copyColumn(out) : out;
}

/** The negated column, in `scratch` when given (one buffer reused across the indicators of a step). */
function negate(x: Float64Array, scratch?: Float64Array): Float64Array {
  const out = scratch && scratch.length === x.length ? scratch : new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = -x[i]!;
  return out;
}

/** The method each indicator gets: the spec's byIndicator, then the Framework's Normalize column, then the global method. */
export function normalizeMethodOf(
  node: IndicatorNode,
  spec: NormalizeBlock,
): { spec: NormalizeSpec; source: MethodSource } {
  const own = spec.byIndicator?.[node.code];
  if (own) return { spec: own, source: "spec" };
  if (node.normalize) return { spec: node.normalize, source: "framework" };
  const { byIndicator: _, ...global } = spec;
  return { spec: global as NormalizeSpec, source: "global" };
}

export function normalize(set: ColumnSet, framework: Framework, spec: NormalizeBlock): ColumnSet {
  const perIndicator = !!spec.byIndicator || framework.indicators.some((node) => node.normalize);
  const scratch = new Float64Array(set.columns[0]?.length ?? 0);
  const columns = set.columns.map((column, j) => {
    const node = framework.indicators[j]!;
    return normalizeColumn(column, perIndicator ? normalizeMethodOf(node, spec).spec : spec, node, scratch);
  });
  return { codes: set.codes, columns };
}
