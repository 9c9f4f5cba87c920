/**
 * Index Studio's custom worksheet functions (namespace IDX, shared runtime). The JSDoc tags below
 * generate functions.json (custom-functions-metadata); parameter and return types are written out
 * in full because the generator does not follow type aliases. Every function returns #VALUE! with
 * a message instead of throwing: matrix results carry the error in their single cell.
 * Number options are typed `unknown` (type "any" in functions.json): a number parameter would make
 * Excel answer text with a bare #VALUE! before the function runs, with no message saying why.
 * functions.json also sets allowErrorForDataTypeAny (metadata-options.cjs), so an error cell
 * (#N/A) in a range arrives as an error object, read as missing data, instead of failing the call.
 */
import { rankRange, normalizeRange, scoreRows, winsorizeRange } from "./columns";
import { rankChangeRange } from "./editions-fn";
import { indexScores } from "./index-fn";
import { ahpColumn, ahpConsistencyRatio, weightsRow } from "./weights-fn";
import { errorFrom } from "./errors";

function spill(compute: () => Array<Array<number | string>>): Array<Array<number | string | CustomFunctions.Error>> {
  try {
    return compute();
  } catch (caught) {
    return [[errorFrom(caught) as CustomFunctions.Error]];
  }
}

/**
 * Normalizes a range column by column (minmax 0-100 by default); blanks and text stay blank.
 * @customfunction
 * @param values Range of numbers, one indicator per column.
 * @param [method] minmax (default), zscore, rank, percentile, borda, fracmax or dist2max.
 * @param [low] Lower end for minmax (default 0).
 * @param [high] Upper end for minmax (default 100).
 * @returns The normalized range, same shape.
 */
export function normalize(
  values: unknown[][],
  method?: string,
  low?: unknown,
  high?: unknown,
): Array<Array<number | string | CustomFunctions.Error>> {
  return spill(() => normalizeRange(values, method, low, high));
}

/**
 * Competition ranks of the numbers in a range, as RANK.EQ: ties share the best rank; blanks stay blank.
 * @customfunction
 * @param scores Range of scores.
 * @param [ascending] TRUE or 1 to give rank 1 to the lowest value (default: the highest).
 * @returns One rank per cell, same shape.
 */
export function rank(scores: unknown[][], ascending?: unknown): Array<Array<number | string | CustomFunctions.Error>> {
  return spill(() => rankRange(scores, ascending));
}

/**
 * One composite score per row: applies directions, normalizes each column, then takes the weighted mean across the row.
 * @customfunction
 * @param data Units in rows, indicators in columns.
 * @param weights One weight per column (a row or a column of numbers).
 * @param [directions] One direction per column: 1 (higher is better, default) or -1.
 * @param [normalize] minmax (default), zscore, rank, percentile, borda, fracmax, dist2max or none.
 * @param [aggregate] arithmetic (default), geometric or harmonic.
 * @returns A column of scores, one per row of data.
 */
export function score(
  data: unknown[][],
  weights: unknown[][],
  directions?: unknown[][],
  normalize?: string,
  aggregate?: string,
): Array<Array<number | string | CustomFunctions.Error>> {
  return spill(() => scoreRows(data, weights, directions, normalize, aggregate));
}

/**
 * The full index (denominate, impute, screen, treat, normalize, aggregate) from a Data and a Framework table.
 * @customfunction
 * @param data Data table with its header row: unit code, indicator codes, optional name and group columns.
 * @param framework Framework table with its header row: code, parent, weight, direction, type...
 * @param [node] Aggregate or indicator code to return (default: the index); "*" returns every aggregate with a header row.
 * @param [settings] Two columns: setting key (e.g. normalize.method) and value (e.g. zscore).
 * @param [edition] Data with a Time column: the edition (Time value) to return; empty returns every row's score within its own edition.
 * @returns The scores of the node, one per Data row.
 */
export function index(
  data: unknown[][],
  framework: unknown[][],
  node?: string,
  settings?: unknown[][],
  edition?: unknown,
): Array<Array<number | string | CustomFunctions.Error>> {
  return spill(() => indexScores(data, framework, node, settings, edition));
}

/**
 * Rank changes between two editions: previous rank minus current rank (positive = moved up), one per unit.
 * @customfunction
 * @param current Ranks in the current edition (or scores, with scores TRUE), one cell per unit.
 * @param previous Ranks of the same units in the same order in the previous edition; blank for a unit that was not ranked.
 * @param [scores] TRUE when both ranges hold scores: each is ranked first (highest = 1).
 * @returns One change per cell, same shape; blank where either rank is missing.
 */
export function rankchange(
  current: unknown[][],
  previous: unknown[][],
  scores?: unknown,
): Array<Array<number | string | CustomFunctions.Error>> {
  return spill(() => rankChangeRange(current, previous, scores));
}

/**
 * Data-driven weights for the columns of a range, summing to 1.
 * @customfunction
 * @param data Units in rows, indicators in columns.
 * @param [method] entropy (default; needs values >= 0), pca (squared loadings of the first component) or equal.
 * @returns A row of weights, one per column.
 */
export function weights(data: unknown[][], method?: string): Array<Array<number | string | CustomFunctions.Error>> {
  return spill(() => weightsRow(data, method));
}

/**
 * AHP weights from a reciprocal pairwise-comparison matrix (principal eigenvector, summing to 1).
 * @customfunction
 * @param matrix Square matrix of judgments a(i,j) = importance of item i over item j (1 to 9), a(j,i) = 1/a(i,j); blanks below the diagonal are filled as reciprocals.
 * @returns A column of weights, one per item.
 */
export function ahp(matrix: unknown[][]): Array<Array<number | string | CustomFunctions.Error>> {
  return spill(() => ahpColumn(matrix));
}

/**
 * Saaty's consistency ratio of a pairwise-comparison matrix; above 0.1 the judgments are inconsistent.
 * @customfunction
 * @param matrix Square reciprocal matrix of judgments (3 to 10 items; 1 or 2 items give 0).
 * @returns The consistency ratio CR = CI / RI.
 */
export function ahpcr(matrix: unknown[][]): number | CustomFunctions.Error {
  try {
    return ahpConsistencyRatio(matrix);
  } catch (caught) {
    return errorFrom(caught) as CustomFunctions.Error;
  }
}

/**
 * COINr's outlier treatment, column by column: winsorizes while |skew| and kurtosis exceed their thresholds, else falls back to a log transform.
 * @customfunction
 * @param values Range of numbers, one indicator per column.
 * @param [winmax] Most points to winsorize per column (default 5).
 * @param [skewThreshold] Absolute skewness limit (default 2).
 * @param [kurtThreshold] Kurtosis limit (default 3.5).
 * @returns The treated range, same shape.
 */
export function winsorize(
  values: unknown[][],
  winmax?: unknown,
  skewThreshold?: unknown,
  kurtThreshold?: unknown,
): Array<Array<number | string | CustomFunctions.Error>> {
  return spill(() => winsorizeRange(values, winmax, skewThreshold, kurtThreshold));
}
