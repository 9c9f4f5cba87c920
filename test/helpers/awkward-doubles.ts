/** Columns of doubles that stress sorting and ranking: ties, NaN, ±0, ±Infinity, subnormals, extremes. */
import { Random } from "../../src/core/stats";

const SPECIAL = [
  0,
  -0,
  Infinity,
  -Infinity,
  5e-324,
  -5e-324,
  2.2250738585072014e-308, // smallest normal
  -1e-310, // subnormal
  1.7976931348623157e308,
  -1.7976931348623157e308,
  1,
  -1,
  1 + 2 ** -52, // differs from 1 in the lowest bit only
  -(1 + 2 ** -52),
];

/**
 * `n` values drawn from a few regimes so that each sorting path is hit: a small pool (many ties),
 * the special values, wide-ranging signed values, and values that differ only in their low 32 bits.
 */
export function awkwardColumn(n: number, seed: number): Float64Array {
  const rng = new Random(seed);
  const pool = Array.from({ length: 7 }, () => Math.round((rng.uniform() - 0.5) * 20) / 4);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    if (u < 0.1) x[i] = NaN;
    else if (u < 0.35) x[i] = pool[rng.int(pool.length)]!;
    else if (u < 0.5) x[i] = SPECIAL[rng.int(SPECIAL.length)]!;
    else if (u < 0.75) x[i] = (rng.uniform() - 0.5) * 10 ** (rng.int(40) - 20);
    else x[i] = (rng.uniform() < 0.5 ? -1 : 1) * (3 + rng.int(2 ** 12) * 2 ** -51);
  }
  return x;
}

/** Values sharing their high 32 bits, differing in the low ones: long runs for the low-half sort. */
export function lowBitsColumn(n: number, seed: number, sign: 1 | -1): Float64Array {
  const rng = new Random(seed);
  return Float64Array.from({ length: n }, () => sign * (1 + rng.int(2 ** 20) * 2 ** -52));
}

/** Extremes, and values near 1 that differ only in the 10 lowest bits of the high half and in the low half. */
export function prefixTieColumn(n: number, seed: number): Float64Array {
  const rng = new Random(seed);
  return Float64Array.from({ length: n }, (_, i) =>
    i % 8 === 0
      ? (i % 16 === 0 ? 1 : -1) * 1.7976931348623157e308
      : 1 + rng.int(2 ** 10) * 2 ** -20 + rng.int(2 ** 20) * 2 ** -52,
  );
}

/** Rank 1 = the largest: 1 + the count of values strictly greater (O(n²), the definition). */
export function bruteRanks(x: ArrayLike<number>, descending: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isNaN(v)) {
      out.push(NaN);
      continue;
    }
    let beaten = 0;
    for (let j = 0; j < x.length; j++) if (descending ? x[j]! > v : x[j]! < v) beaten++;
    out.push(beaten + 1);
  }
  return out;
}
