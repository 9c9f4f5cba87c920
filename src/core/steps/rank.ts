/** Competition ranks ("1224", Excel RANK.EQ): ties share the lowest rank; NaN stays NaN. */

function competitionRanks(x: ArrayLike<number>, descending: boolean): Float64Array {
  const n = x.length;
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (x[i] === x[i]) order.push(i);
  order.sort(descending ? (a, b) => x[b]! - x[a]! : (a, b) => x[a]! - x[b]!);
  const ranks = new Float64Array(n).fill(NaN);
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const prev = k > 0 ? order[k - 1]! : -1;
    ranks[i] = k > 0 && x[prev] === x[i] ? ranks[prev]! : k + 1;
  }
  return ranks;
}

/** Rank 1 = the highest value (scores). */
export function rankDescending(x: ArrayLike<number>): Float64Array {
  return competitionRanks(x, true);
}

/** Rank 1 = the lowest value (rank normalization). */
export function rankAscending(x: ArrayLike<number>): Float64Array {
  return competitionRanks(x, false);
}
