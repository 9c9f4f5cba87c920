/**
 * Ranking at scale (issue 12 §7): the engine ranks every aggregate column, 121 of 10,000 units at
 * 10,000 × 1,000, and again in every Monte Carlo run. Timed next to a native typed sort of the same
 * columns (what ranking cost before the radix argsort: that sort plus a binary search per value).
 */
import { rankDescending } from "../src/core/engine";
import { Random } from "../src/core/stats";

const COLUMNS = 121;
const UNITS = 10_000;

/** Scores in [0, 100] with a few ties and NaNs, as aggregates look. */
function columns(): Float64Array[] {
  const rng = new Random(12);
  return Array.from({ length: COLUMNS }, () => {
    const x = Float64Array.from({ length: UNITS }, () => (rng.uniform() < 0.01 ? NaN : rng.uniform() * 100));
    for (let t = 0; t < 20; t++) x[rng.int(UNITS)] = x[rng.int(UNITS)]!;
    return x;
  });
}

/** Best of `repeats` timings after a warm-up (the machine may be shared). */
function bestMs(repeats: number, fn: () => void): number {
  fn();
  let best = Infinity;
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

export function benchRank(): { name: string; ms: number; perColumn: number }[] {
  const cols = columns();
  const rows = [
    { name: `rank ${COLUMNS} columns × 10,000 (rankDescending)`, fn: () => cols.forEach((c) => rankDescending(c)) },
    { name: `native Float64Array sort of the same columns`, fn: () => cols.forEach((c) => c.slice().sort()) },
  ];
  return rows.map(({ name, fn }) => {
    const ms = bestMs(5, fn);
    return { name, ms, perColumn: ms / COLUMNS };
  });
}
