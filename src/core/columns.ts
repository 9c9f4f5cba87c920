/** Looking up columns by code. */
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
