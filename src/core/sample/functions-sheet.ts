/**
 * The sample workbook's Functions sheet: one live example of every IDX custom function over the
 * sample's Data, Framework and Settings sheets. Strings starting with "=" are formulas for the
 * sample builder. They are written as Excel itself stores add-in custom functions in a file
 * (_xldudf_IDX_INDEX for IDX.INDEX): Excel shows them as IDX.INDEX once the add-in is loaded.
 * Column B shows each formula as the analyst types it. Pure data, no I/O.
 */
import { columnLetter } from "../errors";
import type { Cell, Table } from "../types";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "./ieci";

/** How a workbook file spells IDX.<NAME>. */
export const FILE_PREFIX = "_xldudf_IDX_";

/** The formula as typed in Excel ("IDX.RANK(B17:B53)") in its file form. */
export function fileFormula(typed: string): string {
  return `=${typed.replace(/\bIDX\.([A-Z]+)\(/g, `${FILE_PREFIX}$1(`)}`;
}

function rangeOf(sheet: string, table: Table, firstCol = 0, lastCol?: number, firstRow = 0): string {
  const width = table.reduce((m, row) => Math.max(m, row.length), -Infinity);
  return `${sheet}!${columnLetter(firstCol)}${firstRow + 1}:${columnLetter(lastCol ?? width - 1)}${table.length}`;
}

export interface SpillArea {
  /** The formula's cell, e.g. "B17". */
  cell: string;
  /** Every cell its result fills, e.g. "B17:B53" (for writers that store array formulas). */
  ref: string;
}

/** Where the live formulas sit and how far they spill (rows are 1-based, as in Excel). */
export function functionsSheetSpills(): SpillArea[] {
  return layout().spills;
}

export function functionsSheetTable(): Table {
  return layout().rows;
}

function layout(): { rows: Cell[][]; spills: SpillArea[] } {
  const data = ieciDataTable();
  const framework = ieciFrameworkTable();
  const header = data[0]!.map(String);
  const units = data.length - 1;
  const col = (code: string) => header.indexOf(code);
  const dataAll = rangeOf("Data", data);
  const fwAll = rangeOf("Framework", framework);
  const settings = rangeOf("Settings", ieciSettingsTable());
  const body = (from: string, to = from) => `Data!${columnLetter(col(from))}2:${columnLetter(col(to))}${units + 1}`;
  const aggregates = framework.slice(1).filter((row) => row[6] === "Aggregate").length;

  const rows: Cell[][] = [];
  const spills: SpillArea[] = [];
  const put = (r: number, c: number, value: Cell) => {
    while (rows.length <= r) rows.push([]);
    const row = rows[r]!;
    while (row.length <= c) row.push(null);
    row[c] = value;
  };
  /** A live formula at (r, c) that fills `height` x `width` cells. */
  const live = (r: number, c: number, typed: string, height: number, width = 1) => {
    put(r, c, fileFormula(typed));
    spills.push({
      cell: `${columnLetter(c)}${r + 1}`,
      ref: `${columnLetter(c)}${r + 1}:${columnLetter(c + width - 1)}${r + height}`,
    });
  };

  // Catalogue: what each function does, with the formula used below.
  const firstResult = 16; // 0-based row of the results block's formulas (Excel row 17)
  const lastResult = firstResult + units; // exclusive
  const ranks = `B${firstResult + 1}:B${lastResult}`;
  const examples: [string, string, string][] = [
    [
      "IDX.INDEX",
      `IDX.INDEX(${dataAll}, ${fwAll}, , ${settings})`,
      "the index score of every city, with the Settings sheet's pipeline",
    ],
    ["IDX.RANK", `IDX.RANK(${ranks})`, "ranks of those scores (ties share the best rank, as RANK.EQ)"],
    [
      "IDX.SCORE",
      `IDX.SCORE(${body("PM25", "Green")}, {1,1}, {-1,1})`,
      "living-environment score: PM2.5 (lower is better) and green space, min-max then mean",
    ],
    ["IDX.NORMALIZE", `IDX.NORMALIZE(${body("PM25", "Green")})`, "the two columns min-max normalized to 0-100"],
    ["IDX.WINSORIZE", `IDX.WINSORIZE(${body("Tourists")})`, "inbound tourists after COINr's outlier treatment"],
    [
      "IDX.WEIGHTS",
      `IDX.WEIGHTS(${body("HCPapers", "Unicorns")}, "entropy")`,
      "entropy weights of the three sci-tech indicators (also pca, equal)",
    ],
    ["IDX.AHP", "IDX.AHP(B62:D64)", "pillar weights from the pairwise comparisons below"],
    ["IDX.AHPCR", "IDX.AHPCR(B62:D64)", "their consistency ratio (above 0.1: revise the judgments)"],
  ];
  put(0, 0, "IDX custom functions: live examples over the Data, Framework and Settings sheets");
  put(
    1,
    0,
    "They calculate when the Index Studio add-in is loaded (without it Excel shows #NAME?). Results spill down and right.",
  );
  put(3, 0, "Function");
  put(3, 1, "Formula");
  put(3, 2, "Returns");
  examples.forEach(([name, typed, what], i) => {
    put(4 + i, 0, name);
    put(4 + i, 1, typed); // shown as text: no leading "="
    put(4 + i, 2, what);
  });

  // Results block: one column per city, all from row 17.
  put(firstResult - 2, 0, "Results (one row per Data row)");
  [
    "uCode",
    "IDX.INDEX",
    "IDX.RANK",
    "IDX.SCORE",
    "IDX.NORMALIZE PM25",
    "IDX.NORMALIZE Green",
    "IDX.WINSORIZE Tourists",
  ].forEach((label, c) => put(firstResult - 1, c, label));
  // City codes as plain values: labels for the rows, and one legacy-formula pitfall fewer.
  data.slice(1).forEach((row, i) => put(firstResult + i, 0, row[col("uCode")] ?? null));
  live(firstResult, 1, examples[0]![1], units);
  live(firstResult, 2, examples[1]![1], units);
  live(firstResult, 3, examples[2]![1], units);
  live(firstResult, 4, examples[3]![1], units, 2);
  live(firstResult, 6, examples[4]![1], units);

  // Weights block (Excel rows 56-58).
  const weightsRow = 55;
  put(weightsRow - 1, 0, "Weights of HCPapers, PCT, Unicorns");
  (["entropy", "pca", "equal"] as const).forEach((method, i) => {
    put(weightsRow + i, 0, method);
    live(weightsRow + i, 1, `IDX.WEIGHTS(${body("HCPapers", "Unicorns")}, "${method}")`, 1, 3);
  });

  // AHP block (Excel rows 61-64): row item compared with column item, 1-9 scale.
  const ahpRow = 60;
  put(ahpRow - 1, 0, "AHP: how much more important is the row pillar than the column pillar (1-9)?");
  ["", "ATT", "INF", "CON", "", "weight", "CR"].forEach((label, c) => put(ahpRow, c, label || null));
  const judgments: Cell[][] = [
    ["ATT", 1, 2, 3],
    ["INF", "=1/2", 1, 2],
    ["CON", "=1/3", "=1/2", 1],
  ];
  judgments.forEach((row, i) => row.forEach((value, c) => put(ahpRow + 1 + i, c, value)));
  live(ahpRow + 1, 5, examples[6]![1], 3);
  live(ahpRow + 1, 6, examples[7]![1], 1);

  // Every aggregate with its header (node "*"), from Excel row 67.
  const starRow = 66;
  put(starRow - 1, 0, 'Every aggregate: IDX.INDEX(…, "*", …) spills a header row of codes and one row per city');
  live(starRow, 0, `IDX.INDEX(${dataAll}, ${fwAll}, "*", ${settings})`, units + 1, aggregates);

  const width = rows.reduce((m, row) => Math.max(m, row.length), -Infinity);
  return { rows: rows.map((row) => [...row, ...new Array<Cell>(width - row.length).fill(null)]), spills };
}
