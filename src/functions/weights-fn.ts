/** IDX.WEIGHTS, IDX.AHP, IDX.AHPCR: thin layers over src/core/weights. */
import { ahp, columnWeights, WEIGHT_METHODS, type AhpResult } from "../core/engine";
import { asMatrix, columnsOf, numberOf, oneOf, optionText, type OutCell } from "./cells";
import { ArgumentError } from "./errors";

export function weightsRow(data: unknown, method: unknown): OutCell[][] {
  const rows = asMatrix(data, "data");
  const name = oneOf(optionText(method, "entropy", "method"), WEIGHT_METHODS, "weighting method");
  const columns = columnsOf(rows);
  const codes = columns.map((_, c) => `column ${c + 1}`);
  return [Array.from(columnWeights(name, columns, codes))];
}

const FRACTION = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/;

/** Judgments as numbers; blanks are NaN (completed from the mirror cell); "1/3" typed as text is read as a fraction. */
function judgments(matrix: unknown): number[][] {
  return asMatrix(matrix, "matrix").map((row, r) =>
    row.map((cell, c) => {
      if (cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "")) return Number.NaN;
      const n = numberOf(cell);
      if (n === n) return n;
      const fraction = typeof cell === "string" ? FRACTION.exec(cell) : null;
      if (fraction) return Number(fraction[1]) / Number(fraction[2]);
      throw new ArgumentError(
        `matrix row ${r + 1}, column ${c + 1} holds ${JSON.stringify(cell)}: judgments must be numbers (1 to 9, or their reciprocals such as =1/3); select the matrix without its labels`,
      );
    }),
  );
}

export function ahpOf(matrix: unknown): AhpResult {
  return ahp(judgments(matrix));
}

export function ahpColumn(matrix: unknown): OutCell[][] {
  return Array.from(ahpOf(matrix).weights, (w) => [w]);
}

export function ahpConsistencyRatio(matrix: unknown): number {
  const result = ahpOf(matrix);
  if (Number.isNaN(result.cr)) {
    throw new ArgumentError(
      `the consistency ratio needs Saaty's random index, known for up to 10 items; this matrix has ${result.weights.length}`,
    );
  }
  return result.cr;
}
