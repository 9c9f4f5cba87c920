/** Timings of the IDX custom functions over 10,000 rows × 100 columns (what `npm run bench` prints). */
import { ahp, ahpcr, index, normalize, rank, score, weights, winsorize } from "../src/functions/functions";
import { isErrorValue } from "../src/functions/errors";
import { syntheticTables } from "./synthetic";

const ROWS = 10_000;
const COLS = 100;
const REPEATS = 5;

function median(fn: () => unknown): number {
  fn(); // warm-up (JIT)
  const times: number[] = [];
  for (let k = 0; k < REPEATS; k++) {
    const t0 = performance.now();
    const out = fn();
    times.push(performance.now() - t0);
    if (isErrorValue(out) || (Array.isArray(out) && isErrorValue(out[0]?.[0])))
      throw new Error(`bench: the function returned #VALUE!`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function benchFunctions(): { name: string; ms: number; cells: number }[] {
  const { data, framework } = syntheticTables(ROWS, COLS);
  // As Excel passes ranges: empty cells arrive as "".
  const excelData = data.map((row) => row.map((cell) => cell ?? ""));
  const excelFramework = framework.map((row) => row.map((cell) => cell ?? ""));
  const first = excelData[0]!.indexOf("I1");
  const values = excelData.slice(1).map((row) => row.slice(first, first + COLS));
  const weightRow = [Array.from({ length: COLS }, (_, j) => 1 + (j % 3))];
  const directionRow = [Array.from({ length: COLS }, (_, j) => (j % 7 === 3 ? -1 : 1))];
  const scoreColumn = (score(values, weightRow) as unknown[][]).map((row) => [row[0]]);
  // A reciprocal 10×10 judgment matrix: a_ij in 1..9 above the diagonal, 1/a_ji below.
  const judgment = (i: number, j: number) => 1 + ((3 * i + 5 * j) % 9);
  const matrix = Array.from({ length: 10 }, (_, i) =>
    Array.from({ length: 10 }, (_, j) => (i === j ? 1 : i < j ? judgment(i, j) : 1 / judgment(j, i))),
  );
  const cells = ROWS * COLS;
  return [
    { name: "IDX.NORMALIZE minmax 10000×100", ms: median(() => normalize(values)), cells },
    { name: "IDX.NORMALIZE zscore 10000×100", ms: median(() => normalize(values, "zscore")), cells },
    { name: "IDX.RANK 10000×100 (one ranking)", ms: median(() => rank(values)), cells },
    { name: "IDX.RANK 10000×1", ms: median(() => rank(scoreColumn)), cells: ROWS },
    { name: "IDX.SCORE 10000×100", ms: median(() => score(values, weightRow, directionRow)), cells },
    { name: "IDX.INDEX 10000×100 (4 levels)", ms: median(() => index(excelData, excelFramework)), cells },
    { name: 'IDX.INDEX 10000×100 node "*"', ms: median(() => index(excelData, excelFramework, "*")), cells },
    { name: "IDX.WEIGHTS entropy 10000×100", ms: median(() => weights(values)), cells },
    { name: "IDX.WEIGHTS pca 10000×100", ms: median(() => weights(values, "pca")), cells },
    { name: "IDX.WINSORIZE 10000×100", ms: median(() => winsorize(values)), cells },
    { name: "IDX.AHP 10×10", ms: median(() => ahp(matrix)), cells: 100 },
    { name: "IDX.AHPCR 10×10", ms: median(() => ahpcr(matrix)), cells: 100 },
  ];
}
