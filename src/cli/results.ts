/** The command line's result files: the scores table (--csv) and the result as JSON (--json). */
import { formatIssue, aggregatesTopDown, type TableName, type TableOrigin } from "../core/engine";
import type { IndexResult } from "../core/engine";
import type { Cell } from "../core/engine";
import { editionsJson, editionsScoresTable } from "./editions-results";

/** One row per unit (Data order): uCode, uName, every aggregate's score (top down), then their ranks. */
export function scoresTable(result: IndexResult): Cell[][] {
  if (result.editions) return editionsScoresTable(result);
  const codes = aggregatesTopDown(result);
  const scoreColumns = codes.map((code) => result.scores.columns[result.scores.codes.indexOf(code)]!);
  const rankColumns = codes.map((code) => result.ranks.columns[result.ranks.codes.indexOf(code)]!);
  const rows: Cell[][] = [["uCode", "uName", ...codes, ...codes.map((code) => `${code}_Rank`)]];
  const { codes: unitCodes, names } = result.units;
  for (let u = 0; u < unitCodes.length; u++) {
    const included = result.included[u] === 1;
    const cell = (column: Float64Array): Cell => (included && Number.isFinite(column[u]!) ? column[u]! : null);
    rows.push([unitCodes[u]!, names[u]!, ...scoreColumns.map(cell), ...rankColumns.map(cell)]);
  }
  return rows;
}

const columnsOf = (codes: string[], columns: Float64Array[]) =>
  Object.fromEntries(codes.map((code, i) => [code, Array.from(columns[i]!)]));

/** The result as plain JSON: units, scores and ranks by aggregate code (aligned with units), weights, log, warnings. NaN → null. */
export function resultJson(result: IndexResult, origins: Partial<Record<TableName, TableOrigin>>): string {
  const { units, log } = result;
  const document = {
    spec: result.spec,
    root: result.framework.root,
    units: units.codes.map((code, u) => ({
      code,
      name: units.names[u],
      included: result.included[u] === 1,
      coverage: log.coverage[u],
    })),
    scores: columnsOf(result.scores.codes, result.scores.columns),
    ranks: columnsOf(result.ranks.codes, result.ranks.columns),
    effectiveWeights: Object.fromEntries(result.effectiveWeights),
    weights: Object.fromEntries(result.weights),
    log: {
      imputed: log.imputed,
      excluded: log.excluded,
      forced: log.forced,
      treatment: log.treatment,
      methods: log.methods,
      belowCoverage: log.belowCoverage,
    },
    warnings: result.warnings.map((issue) => ({ ...issue, text: formatIssue(issue, origins) })),
    ...editionsJson(result),
  };
  // JSON.stringify writes NaN and ±Infinity as null. Large results are written compact (an
  // indented 10,000-unit score array is one line per number).
  const cells = units.codes.length * (result.scores.codes.length + result.ranks.codes.length);
  return JSON.stringify(document, null, cells > 50_000 ? undefined : 2) + "\n";
}
