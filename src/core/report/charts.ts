/**
 * The Dashboard sheet: data blocks written as cells on the right, and the native charts bound to
 * them on the left (top-N bar, pillar contributions, radar against the median, pillar scatter).
 */
import { IndexInputError, said } from "../errors";
import { msg, type Message } from "../messages";
import type { IndexResult } from "../result";
import type { Cell } from "../types";
import { fill, type ReportText } from "./i18n";
import type { ChartPlan, FormatPlan, RangeRef, SheetDraft } from "./types";
import {
  bodyRange,
  headerWidth,
  medianOf,
  nodeName,
  num,
  pillarsAndSubPillars,
  rangeA1,
  unitLabel,
  unitsByRank,
} from "./util";
import { scoreOf } from "../columns";

export interface DashboardOptions {
  /** Units in the top-N bar chart (default 10). */
  topN?: number;
  /** Unit code profiled in the radar chart (default: the rank-1 unit). */
  radarUnit?: string;
  /** Two node codes for the scatter (default: the first two pillars). */
  scatterPillars?: [string, string];
  /** Most units drawn in the contributions chart (default 20, so every label is readable; the data block holds every ranked unit). */
  contributionUnits?: number;
}

/** Chart grid: two charts side by side, each CHART_COLS wide; the data starts at DATA_COL. */
const CHART_COLS = 8;
const CHART_ROWS = 20;
const DATA_COL = 2 * CHART_COLS + 2;
const VALUE_FORMAT = "0.0";
/** Units in the contributions chart by default: the top 20 by index score. */
const CONTRIBUTION_UNITS = 20;
/** Rows of chart height per unit drawn (a row is 15 pt; a category label needs about that), plus title, axis and legend. */
const ROWS_PER_UNIT = 1;
const CHART_CHROME_ROWS = 8;

export function buildDashboard(result: IndexResult, text: ReportText, options: DashboardOptions): SheetDraft {
  const { pillars, subPillars } = pillarsAndSubPillars(result);
  const root = result.framework.root;
  const indexName = nodeName(result, root);
  const rootScores = scoreOf(result, root) ?? new Float64Array(result.units.codes.length).fill(NaN);
  const { order, ranked } = unitsByRank(result);
  const rankedUnits = order.slice(0, ranked);
  const topN = Math.max(1, Math.floor(options.topN ?? 10));
  const scatter =
    options.scatterPillars ?? (pillars.length >= 2 ? ([pillars[0]!, pillars[1]!] as [string, string]) : null);
  validateOptions(result, options, scatter);

  const grid = new Grid();
  const formats: FormatPlan[] = [];
  const charts: ChartPlan[] = [];
  const ref = (range: string): RangeRef => ({ sheet: "dashboard", range });
  let col = DATA_COL;

  // Top-N: rank | unit | index score.
  const top = rankedUnits.slice(0, topN);
  grid.block(
    col,
    [text.rank, text.unit, indexName],
    top.map((u) => [Number(rankOf(result, u)), unitLabel(result, u), num(rootScores[u]!)]),
  );
  if (top.length > 0) {
    formats.push({ range: bodyRange(col + 2, top.length)!, numberFormat: VALUE_FORMAT });
    charts.push({
      id: "top",
      kind: "bar",
      title: fill(text.chartTop, { n: top.length, index: indexName }),
      xAxisTitle: text.unit,
      yAxisTitle: text.axisScore,
      legend: false,
      valueFormat: VALUE_FORMAT,
      reverseCategories: true,
      series: [
        {
          name: ref(rangeA1(0, col + 2, 0, col + 2)),
          categories: ref(bodyRange(col + 1, top.length)!),
          values: ref(bodyRange(col + 2, top.length)!),
        },
      ],
      anchor: { row: 0, col: 0, rows: CHART_ROWS, cols: CHART_COLS },
    });
  }
  col += 4;

  // Contributions: unit | effective weight of each pillar × its score | index. Sums to the index
  // under arithmetic aggregation when no pillar is missing.
  const pillarScores = pillars.map((p) => scoreOf(result, p));
  const pillarWeights = pillars.map((p) => result.effectiveWeights.get(p) ?? NaN);
  grid.block(
    col,
    [text.unit, ...pillars.map((p) => fill(text.contribution, { name: nodeName(result, p) })), indexName],
    rankedUnits.map((u) => [
      unitLabel(result, u),
      ...pillars.map((_, k) => num(pillarWeights[k]! * (pillarScores[k]?.[u] ?? NaN))),
      num(rootScores[u]!),
    ]),
  );
  const drawn = Math.min(rankedUnits.length, Math.max(1, Math.floor(options.contributionUnits ?? CONTRIBUTION_UNITS)));
  if (rankedUnits.length > 0 && pillars.length > 0) {
    formats.push({
      range: rangeA1(1, col + 1, rankedUnits.length, col + 1 + pillars.length),
      numberFormat: VALUE_FORMAT,
    });
    charts.push({
      id: "contributions",
      kind: "barStacked",
      title: fill(drawn < rankedUnits.length ? text.chartContributionsTop : text.chartContributions, {
        index: indexName,
        n: drawn,
      }),
      xAxisTitle: text.unit,
      yAxisTitle: text.axisContribution,
      legend: true,
      valueFormat: VALUE_FORMAT,
      reverseCategories: true,
      series: pillars.map((_, k) => ({
        name: ref(rangeA1(0, col + 1 + k, 0, col + 1 + k)),
        categories: ref(bodyRange(col, drawn)!),
        values: ref(bodyRange(col + 1 + k, drawn)!),
      })),
      anchor: {
        row: CHART_ROWS + 1,
        col: 0,
        rows: Math.max(CHART_ROWS, drawn * ROWS_PER_UNIT + CHART_CHROME_ROWS),
        cols: CHART_COLS,
      },
    });
  }
  col += pillars.length + 3;

  // Radar: pillar | chosen unit | median of included units.
  // A radar needs three axes: with fewer pillars, profile the level below (sub-pillars).
  const radarUnit = options.radarUnit !== undefined ? result.units.codes.indexOf(options.radarUnit) : rankedUnits[0];
  const axes = pillars.length >= 3 ? pillars : subPillars;
  if (radarUnit !== undefined && axes.length >= 3) {
    const axisScores = axes.map((code) => scoreOf(result, code));
    grid.block(
      col,
      [text.pillar, unitLabel(result, radarUnit), text.median],
      axes.map((code, k) => [
        nodeName(result, code),
        num(axisScores[k]?.[radarUnit] ?? NaN),
        num(medianOf(axisScores[k] ?? [], result.included)),
      ]),
    );
    formats.push({ range: rangeA1(1, col + 1, axes.length, col + 2), numberFormat: VALUE_FORMAT });
    const categories = ref(bodyRange(col, axes.length)!);
    charts.push({
      id: "radar",
      kind: "radar",
      title: fill(text.chartRadar, { unit: unitLabel(result, radarUnit) }),
      yAxisTitle: text.axisScore,
      legend: true,
      valueFormat: VALUE_FORMAT,
      series: [1, 2].map((k) => ({
        name: ref(rangeA1(0, col + k, 0, col + k)),
        categories,
        values: ref(bodyRange(col + k, axes.length)!),
      })),
      anchor: { row: 0, col: CHART_COLS + 1, rows: CHART_ROWS, cols: CHART_COLS },
    });
    col += 4;
  }

  // Scatter: unit | x pillar | y pillar, over ranked units with both scores.
  if (scatter) {
    const [xs, ys] = [scoreOf(result, scatter[0])!, scoreOf(result, scatter[1])!];
    const points = rankedUnits.filter((u) => Number.isFinite(xs[u]!) && Number.isFinite(ys[u]!));
    const [xName, yName] = [nodeName(result, scatter[0]), nodeName(result, scatter[1])];
    grid.block(
      col,
      [text.unit, xName, yName],
      points.map((u) => [unitLabel(result, u), xs[u]!, ys[u]!]),
    );
    if (points.length > 0) {
      formats.push({ range: rangeA1(1, col + 1, points.length, col + 2), numberFormat: VALUE_FORMAT });
      charts.push({
        id: "scatter",
        kind: "scatter",
        title: fill(text.chartScatter, { a: xName, b: yName }),
        xAxisTitle: xName,
        yAxisTitle: yName,
        legend: false,
        valueFormat: VALUE_FORMAT,
        series: [
          {
            name: ref(rangeA1(0, col + 2, 0, col + 2)),
            categories: ref(bodyRange(col + 1, points.length)!),
            values: ref(bodyRange(col + 2, points.length)!),
            pointLabels: ref(bodyRange(col, points.length)!),
          },
        ],
        anchor: { row: CHART_ROWS + 1, col: CHART_COLS + 1, rows: CHART_ROWS, cols: CHART_COLS },
      });
    }
  }

  return {
    key: "dashboard",
    name: text.sheetDashboard,
    cells: grid.cells,
    formats,
    colorScales: [],
    highlights: [],
    freeze: { rows: 0, cols: 0 },
    columnWidths: [
      ...Array.from({ length: DATA_COL }, () => 9),
      ...Array.from({ length: grid.width - DATA_COL }, (_, k) => {
        const header = grid.cells[0]?.[DATA_COL + k];
        if (typeof header !== "string") return 3;
        // Wide enough for the longest text below (unit and pillar names), within reason.
        let width = Math.max(9, headerWidth(header));
        for (const row of grid.cells) {
          const value = row[DATA_COL + k];
          if (typeof value === "string") width = Math.max(width, Math.min(30, headerWidth(value) - 2));
        }
        return width;
      }),
    ],
    charts,
  };
}

function rankOf(result: IndexResult, unit: number): number {
  const at = result.ranks.codes.indexOf(result.framework.root);
  return at >= 0 ? result.ranks.columns[at]![unit]! : NaN;
}

function validateOptions(result: IndexResult, options: DashboardOptions, scatter: [string, string] | null): void {
  const issues: Message[] = [];
  if (options.radarUnit !== undefined && !result.units.codes.includes(options.radarUnit)) {
    issues.push(msg("dashboard.radarUnit", { unit: options.radarUnit, units: result.units.codes.slice(0, 5) }));
  }
  for (const code of scatter ?? []) {
    if (!scoreOf(result, code)) issues.push(msg("dashboard.scatter", { code }));
  }
  if (issues.length > 0) {
    throw new IndexInputError(
      issues.map((text) => ({ table: "Settings", column: "dashboard", ...said(text), severity: "error" })),
    );
  }
}

/** Cells that grow as blocks are placed side by side from row 0. */
class Grid {
  readonly cells: Cell[][] = [];
  width = DATA_COL;
  block(col: number, headers: string[], rows: Cell[][]): void {
    [headers, ...rows].forEach((row, r) => {
      const line = (this.cells[r] ??= []);
      while (line.length < col) line.push(null);
      row.forEach((value, c) => (line[col + c] = value));
    });
    this.width = Math.max(this.width, col + headers.length);
  }
}
