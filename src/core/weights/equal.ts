/** Equal weights: every column counts the same. */
export function equalWeights(count: number): Float64Array {
  return new Float64Array(count).fill(count > 0 ? 1 / count : 0);
}
