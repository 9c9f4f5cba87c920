/**
 * The sheets of data with editions: Editions (units × editions: the index rank in each, the change
 * since the previous edition, the index score in each, with colour scales) and Trends (native line
 * chart of the index over editions for the top N, bar chart of the largest rank changes).
 */
import type { Language } from "../language";
import type { IndexResult } from "../result";
import type { Cell } from "../types";
import { editionsText, RANK_CHANGE_FORMAT, type EditionsText } from "./editions-text";
import { fill, reportText, type ReportText } from "./i18n";
import type { ChartPlan, FormatPlan, RangeRef, SheetDraft } from "./types";
import { bodyRange, headerWidth, nodeName, num, rangeA1, uniqueHeaders, unitLabel, unitsByRank } from "./util";

export interface EditionsReportOptions {
  language: Language;
  /** Units in the trends chart (default 10, the top of the shown edition). */
  topN?: number;
  /** Movers shown each way in the rank-change chart (default 5 up and 5 down). */
  movers?: number;
}

const CHART_COLS = 9;
const CHART_ROWS = 20;
const DATA_COL = CHART_COLS + 2;

export function buildEditionSheets(result: IndexResult, options: EditionsReportOptions): SheetDraft[] {
  if (!result.editions) return [];
  const text = editionsText(options.language);
  const common = reportText(options.language);
  return [editionsSheet(result, text, common), trendsSheet(result, text, common, options)];
}

/** Panel rows of every unit (by code), one slot per edition (-1 = absent), units in report order. */
function unitGrid(result: IndexResult): { codes: string[]; rows: Int32Array[] } {
  const info = result.editions!;
  const { panel } = info;
  const byCode = new Map<string, Int32Array>();
  // Units of the shown edition first, in its report order; then the others in Data order.
  const order = [...unitsByRank(result).order.map((u) => result.units.codes[u]!), ...panel.units.codes];
  for (const code of order) if (!byCode.has(code)) byCode.set(code, new Int32Array(info.times.length).fill(-1));
  panel.units.codes.forEach((code, r) => (byCode.get(code)![info.editionOf[r]!] = r));
  return { codes: [...byCode.keys()], rows: [...byCode.values()] };
}

function editionsSheet(result: IndexResult, text: EditionsText, common: ReportText): SheetDraft {
  const info = result.editions!;
  const { panel, times, shown } = info;
  const root = result.framework.root;
  const at = panel.ranks.codes.indexOf(root);
  const [ranks, scores, changes] = [panel.ranks.columns[at]!, panel.scores.columns[at]!, info.rankChange.columns[at]!];
  const indexName = nodeName(result, root);
  const { codes, rows } = unitGrid(result);
  const value = (column: Float64Array, r: number): Cell => (r >= 0 && panel.included[r] === 1 ? num(column[r]!) : null);
  const headers = uniqueHeaders([
    common.code,
    common.name,
    ...times.map((time) => fill(text.rankIn, { time })),
    shown > 0 ? fill(text.changeSince, { time: times[shown - 1]! }) : text.change,
    ...times.map((time) => fill(text.scoreIn, { index: indexName, time })),
  ]);
  const E = times.length;
  const cells: Cell[][] = [headers];
  codes.forEach((code, i) => {
    const slots = rows[i]!;
    const named = Array.from(slots).find((r) => r >= 0)!;
    cells.push([
      code,
      panel.units.names[named] ?? code,
      ...Array.from(slots, (r) => value(ranks, r)),
      value(changes, slots[shown]!),
      ...Array.from(slots, (r) => value(scores, r)),
    ]);
  });
  const n = codes.length;
  const formats: FormatPlan[] = [];
  const colorScales: string[] = [];
  if (n > 0) {
    formats.push({ range: rangeA1(1, 2, n, 1 + E), numberFormat: "0" });
    formats.push({ range: bodyRange(2 + E, n)!, numberFormat: RANK_CHANGE_FORMAT });
    formats.push({ range: rangeA1(1, 3 + E, n, 2 + 2 * E), numberFormat: "0.00" });
    // Green for moving up, red for down; the scores on one scale across editions (pooled normalization).
    colorScales.push(bodyRange(2 + E, n)!, rangeA1(1, 3 + E, n, 2 + 2 * E));
  }
  return {
    key: "editions",
    name: text.sheetEditions,
    cells,
    table: { name: "IndexStudioEditions", rows: n + 1, cols: headers.length },
    formats,
    colorScales,
    highlights: [],
    freeze: { rows: 1, cols: 2 },
    columnWidths: headers.map((header, c) => (c === 0 ? 10 : c === 1 ? 26 : Math.max(9, headerWidth(header)))),
    charts: [],
  };
}

function trendsSheet(
  result: IndexResult,
  text: EditionsText,
  common: ReportText,
  options: EditionsReportOptions,
): SheetDraft {
  const info = result.editions!;
  const { times, shown } = info;
  const root = result.framework.root;
  const indexName = nodeName(result, root);
  const { order, ranked } = unitsByRank(result);
  const top = order.slice(0, Math.min(ranked, Math.max(1, Math.floor(options.topN ?? 10))));
  const ref = (range: string): RangeRef => ({ sheet: "trends", range });
  const cells: Cell[][] = [];
  const put = (r: number, c: number, v: Cell) => {
    const line = (cells[r] ??= []);
    while (line.length < c) line.push(null);
    line[c] = v;
  };
  const formats: FormatPlan[] = [];
  const charts: ChartPlan[] = [];

  // Index scores over editions: one row per edition, one column per top unit (read off the panel).
  const { panel } = info;
  const panelScores = panel.scores.columns[panel.scores.codes.indexOf(root)]!;
  const rowIn = info.members.map((rows) => new Map(Array.from(rows, (r) => [panel.units.codes[r]!, r])));
  let col = DATA_COL;
  put(0, col, text.edition);
  times.forEach((time, k) => put(k + 1, col, time));
  top.forEach((u, j) => {
    const code = result.units.codes[u]!;
    put(0, col + 1 + j, unitLabel(result, u));
    rowIn.forEach((rows, k) => {
      const r = rows.get(code);
      put(k + 1, col + 1 + j, r !== undefined && panel.included[r] === 1 ? num(panelScores[r]!) : null);
    });
  });
  if (top.length > 0) {
    formats.push({ range: rangeA1(1, col + 1, times.length, col + top.length), numberFormat: "0.0" });
    charts.push({
      id: "trends",
      kind: "line",
      title: fill(text.chartTrends, { index: indexName, n: top.length, time: times[shown]! }),
      xAxisTitle: text.axisEdition,
      yAxisTitle: indexName,
      legend: true,
      valueFormat: "0.0",
      series: top.map((_, j) => ({
        name: ref(rangeA1(0, col + 1 + j, 0, col + 1 + j)),
        categories: ref(bodyRange(col, times.length)!),
        values: ref(bodyRange(col + 1 + j, times.length)!),
      })),
      anchor: { row: 0, col: 0, rows: CHART_ROWS, cols: CHART_COLS },
    });
  }
  col += top.length + 2;

  // Largest movers since the previous edition: the biggest rises first, the biggest falls last.
  const change = info.rankChange.columns[info.rankChange.codes.indexOf(root)]!;
  const rows = info.members[shown]!;
  const moved = Array.from(rows.keys()).filter((i) => Number.isFinite(change[rows[i]!]!) && change[rows[i]!] !== 0);
  const each = Math.max(1, Math.floor(options.movers ?? 5));
  const up = moved
    .filter((i) => change[rows[i]!]! > 0)
    .sort((a, b) => change[rows[b]!]! - change[rows[a]!]! || a - b)
    .slice(0, each);
  const down = moved
    .filter((i) => change[rows[i]!]! < 0)
    .sort((a, b) => change[rows[a]!]! - change[rows[b]!]! || a - b)
    .slice(0, each)
    .reverse();
  const movers = [...up, ...down];
  put(0, col, common.unit);
  put(0, col + 1, text.change);
  movers.forEach((i, m) => {
    put(m + 1, col, unitLabel(result, i));
    put(m + 1, col + 1, change[rows[i]!]!);
  });
  if (movers.length > 0 && shown > 0) {
    formats.push({ range: bodyRange(col + 1, movers.length)!, numberFormat: RANK_CHANGE_FORMAT });
    charts.push({
      id: "movers",
      kind: "bar",
      title: fill(text.chartMovers, { before: times[shown - 1]!, time: times[shown]! }),
      xAxisTitle: common.unit,
      yAxisTitle: text.axisRankChange,
      legend: false,
      valueFormat: RANK_CHANGE_FORMAT,
      reverseCategories: true,
      series: [
        {
          name: ref(rangeA1(0, col + 1, 0, col + 1)),
          categories: ref(bodyRange(col, movers.length)!),
          values: ref(bodyRange(col + 1, movers.length)!),
        },
      ],
      anchor: { row: CHART_ROWS + 1, col: 0, rows: Math.max(12, movers.length + 6), cols: CHART_COLS },
    });
  }
  const width = cells.reduce((m, line) => Math.max(m, line.length), 0);
  return {
    key: "trends",
    name: text.sheetTrends,
    cells,
    formats,
    colorScales: [],
    highlights: [],
    freeze: { rows: 0, cols: 0 },
    columnWidths: Array.from({ length: width }, (_, c) => (c < DATA_COL ? 9 : 12)),
    charts,
  };
}
