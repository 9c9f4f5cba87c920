/** Looking up a result's columns and nodes by code. */
import type { IndexResult } from "./result";
import type { ColumnSet } from "./types";

export function columnOf(set: ColumnSet, code: string): Float64Array | undefined {
  const j = set.codes.indexOf(code);
  return j < 0 ? undefined : set.columns[j];
}

/** Scores of one aggregate (or normalized values of one indicator). */
export function scoreOf(result: IndexResult, code: string): Float64Array | undefined {
  return columnOf(result.scores, code) ?? columnOf(result.steps.normalized, code);
}

/** Aggregates top-down (root first, then by level, Framework order within a level). */
export function aggregatesTopDown(result: IndexResult): string[] {
  const list = result.framework.aggregates.map((node, order) => ({ node, order }));
  list.sort((a, b) => b.node.level - a.node.level || a.node.row - b.node.row || a.order - b.order);
  return list.map(({ node }) => node.code);
}
