/** IDX.RANKCHANGE: rank changes between two editions, from two rank (or score) ranges of the same units in the same order. */
import { rankDescending } from "../core/engine";
import { asMatrix, numberOf, optionFlag, type OutCell } from "./cells";
import { ArgumentError } from "./errors";

/** previous − current for each cell (positive = moved up); blank where either is blank. With `scores`, each range is ranked first (highest = 1). */
export function rankChangeRange(current: unknown, previous: unknown, scoresArg: unknown): OutCell[][] {
  const now = asMatrix(current, "current");
  const before = asMatrix(previous, "previous");
  if (now.length !== before.length || now[0]!.length !== before[0]!.length) {
    throw new ArgumentError(
      `current (${now.length} × ${now[0]!.length}) and previous (${before.length} × ${before[0]!.length}) must have the same shape: one cell per unit, in the same order`,
    );
  }
  const scores = optionFlag(scoresArg, false, "scores");
  const flat = (rows: readonly (readonly unknown[])[]) => Float64Array.from(rows.flat(), numberOf);
  const [a, b] = scores ? [rankDescending(flat(now)), rankDescending(flat(before))] : [flat(now), flat(before)];
  const width = now[0]!.length;
  return now.map((row, r) =>
    row.map((_, c) => {
      const v = b[r * width + c]! - a[r * width + c]!;
      return v === v ? v : "";
    }),
  );
}
