/**
 * buildReport: the one definition of the output sheets (Results, Scores, Ranks, Normalized, Log,
 * Dashboard) and their native charts, used by both the Excel adapter and the .xlsx writer.
 */
import type { Language } from "../language";
import type { IndexResult } from "../result";
import type { Cell, ColumnSet } from "../types";
import { buildDashboard, type DashboardOptions } from "./charts";
import { reportText, fill, type ReportText } from "./i18n";
import { aggregatesTopDown, scoreOf } from "../columns";
import { rankChangeOf } from "../editions";
import { buildEditionSheets } from "./editions";
import { editionsText, RANK_CHANGE_FORMAT } from "./editions-text";
import { buildLog } from "./log";
import { buildPublishedSheet } from "./published";
import type { PublishedRanking } from "../published";
import { columnFormats, finishReport, finishSheet, magnitudeFormat } from "./finish";
import type { FormatPlan, ReportPlan, SheetDraft, SheetKey } from "./types";
import { bodyRange, nodeName, nodeRanks, num, pillarsAndSubPillars, rangeA1, uniqueHeaders, unitsByRank } from "./util";

export interface ReportOptions extends DashboardOptions {
  language: Language;
  /** A published ranking (the optional Published table) to compare with. */
  published?: PublishedRanking;
}

export const SCORE_FORMAT = "0.00";
export const RANK_FORMAT = "0";

export function buildReport(result: IndexResult, options: ReportOptions): ReportPlan {
  const text = reportText(options.language);
  const drafts: SheetDraft[] = [
    resultsSheet(result, text, options.language),
    nodeSheet(
      result,
      text,
      "scores",
      text.sheetScores,
      "IndexStudioScores",
      result.scores,
      SCORE_FORMAT,
      aggregatesTopDown(result),
    ),
    nodeSheet(
      result,
      text,
      "ranks",
      text.sheetRanks,
      "IndexStudioRanks",
      result.ranks,
      RANK_FORMAT,
      aggregatesTopDown(result),
    ),
    nodeSheet(
      result,
      text,
      "normalized",
      text.sheetNormalized,
      "IndexStudioNormalized",
      result.steps.normalized,
      SCORE_FORMAT,
      result.steps.normalized.codes,
    ),
    buildLog(result, text, options.language),
    buildDashboard(result, text, options),
    ...buildEditionSheets(result, options),
    ...(options.published ? [buildPublishedSheet(result, options.published, options.language)] : []),
  ];
  return { sheets: finishReport(drafts.map(finishSheet)) };
}

/** Results: one row per unit sorted by index rank, excluded units last with empty scores. */
function resultsSheet(result: IndexResult, text: ReportText, language: Language): SheetDraft {
  const root = result.framework.root;
  const { pillars, subPillars } = pillarsAndSubPillars(result);
  type Column = { header: string; values: (unit: number) => Cell; format?: string; heat?: boolean; width: number };
  const rootScores = scoreOf(result, root);
  const rootRanks = nodeRanks(result, root);
  const columns: Column[] = [
    { header: text.rank, values: (u) => (rootRanks ? num(rootRanks[u]!) : null), format: RANK_FORMAT, width: 7 },
    ...rankChangeColumn(result, language),
    { header: text.code, values: (u) => result.units.codes[u]!, width: 10 },
    { header: text.name, values: (u) => result.units.names[u] ?? "", width: 26 },
    {
      header: nodeName(result, root),
      values: (u) => (rootScores ? num(rootScores[u]!) : null),
      format: SCORE_FORMAT,
      heat: true,
      width: 12,
    },
  ];
  for (const pillar of pillars) {
    const scores = scoreOf(result, pillar);
    const ranks = nodeRanks(result, pillar);
    columns.push({
      header: nodeName(result, pillar),
      values: (u) => (scores ? num(scores[u]!) : null),
      format: SCORE_FORMAT,
      heat: true,
      width: 12,
    });
    if (ranks) {
      columns.push({
        header: fill(text.rankOf, { name: nodeName(result, pillar) }),
        values: (u) => num(ranks[u]!),
        format: RANK_FORMAT,
        width: 9,
      });
    }
  }
  for (const sub of subPillars) {
    const scores = scoreOf(result, sub);
    columns.push({
      header: nodeName(result, sub),
      values: (u) => (scores ? num(scores[u]!) : null),
      format: SCORE_FORMAT,
      heat: true,
      width: 12,
    });
  }
  columns.push({ header: text.note, values: (u) => note(result, u, text), width: 34 });

  const { order } = unitsByRank(result);
  const headers = uniqueHeaders(columns.map((c) => c.header));
  const cells: Cell[][] = [headers];
  for (const unit of order) {
    const excluded = result.included[unit] === 0;
    cells.push(columns.map((column) => (excluded && column.format !== undefined ? null : column.values(unit))));
  }
  const formats: FormatPlan[] = [];
  const colorScales: string[] = [];
  columns.forEach((column, c) => {
    const range = bodyRange(c, order.length);
    if (!range) return;
    // Scores follow their magnitude (0-100 scores get one decimal, 0-1 scores three).
    const numberFormat =
      column.format === SCORE_FORMAT
        ? magnitudeFormat(cells.slice(1).map((row) => row[c] as number | null))
        : column.format;
    if (numberFormat) formats.push({ range, numberFormat });
    if (column.heat) colorScales.push(range);
  });
  return {
    key: "results",
    name: text.sheetResults,
    cells,
    table: { name: "IndexStudioResults", rows: order.length + 1, cols: columns.length },
    formats,
    colorScales,
    highlights: [],
    freeze: { rows: 1, cols: 3 },
    // Long headers wrap (finishSheet) rather than widen the numeric columns.
    columnWidths: columns.map((c) => c.width),
    charts: [],
  };
}

/** Editions: the index rank change since the previous edition (▲3 / ▼2), after the rank. */
function rankChangeColumn(result: IndexResult, language: Language) {
  const changes = rankChangeOf(result);
  const info = result.editions;
  if (!changes || !info) return [];
  const column = changes.columns[changes.codes.indexOf(result.framework.root)]!;
  const words = editionsText(language);
  const header = info.shown > 0 ? fill(words.changeSince, { time: info.times[info.shown - 1]! }) : words.change;
  return [{ header, values: (u: number): Cell => num(column[u]!), format: RANK_CHANGE_FORMAT, heat: true, width: 10 }];
}

function note(result: IndexResult, unit: number, text: ReportText): string {
  if (result.included[unit] === 0) {
    const coverage = result.log.coverage[unit];
    const shown = coverage !== undefined && Number.isFinite(coverage) ? `${(coverage * 100).toFixed(1)} %` : "?";
    const reason = result.log.excluded.find((e) => e.unit === result.units.codes[unit])?.reason;
    if (reason === "forced" || reason === "nonzero")
      return fill(text.excludedWhyNote, {
        coverage: shown,
        reason: reason === "forced" ? text.reasonForced : text.reasonNonZero,
      });
    return fill(text.excludedNote, { coverage: shown });
  }
  const rootScores = scoreOf(result, result.framework.root);
  if (!rootScores || Number.isFinite(rootScores[unit]!)) return "";
  const code = result.units.codes[unit];
  return result.log.belowCoverage.some((b) => b.unit === code && b.aggregate === result.framework.root)
    ? text.belowCoverageNote
    : text.noScoreNote;
}

/** Scores, Ranks or Normalized: one row per unit in Data order, one column per node code. */
function nodeSheet(
  result: IndexResult,
  text: ReportText,
  key: SheetKey,
  name: string,
  tableName: string,
  set: ColumnSet,
  numberFormat: string,
  codes: string[],
): SheetDraft {
  const units = result.units.codes.length;
  const at = new Map(set.codes.map((code, j) => [code, j])); // not indexOf per code: 150,000 codes would be quadratic
  const present = codes.filter((code) => at.has(code));
  const columns = present.map((code) => set.columns[at.get(code)!]!);
  const headers = uniqueHeaders([text.code, text.name, ...present]);
  const cells: Cell[][] = [headers];
  for (let u = 0; u < units; u++) {
    const row: Cell[] = [result.units.codes[u]!, result.units.names[u] ?? ""];
    const excluded = result.included[u] === 0;
    for (const column of columns) row.push(excluded ? null : num(column[u]!));
    cells.push(row);
  }
  const formats: FormatPlan[] =
    present.length === 0 || units === 0
      ? []
      : numberFormat === SCORE_FORMAT
        ? columnFormats(cells, 1, units, 2, 1 + present.length)
        : [{ range: rangeA1(1, 2, units, 1 + present.length), numberFormat }];
  return {
    key,
    name,
    cells,
    table: { name: tableName, rows: units + 1, cols: headers.length },
    formats,
    colorScales: [],
    highlights: [],
    freeze: { rows: 1, cols: 2 },
    columnWidths: [10, 26, ...present.map(() => 10)],
    charts: [],
  };
}
