/**
 * The Uncertainty sheet's rank-interval chart in Excel: Office.js cannot bind custom error bars, so
 * the adapter draws a floating stacked column (unfilled 0 → p5, then p5 → median, median → p95).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { computeIndex, settingsToSpecInput } from "../../src/core/engine";
import { runAnalysis } from "../../src/core/analysis";
import { buildAnalysisReport } from "../../src/core/report/analysis";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../src/core/sample/ieci";
import { writeReportPlan } from "../../src/excel/index";
import type { SeriesModel } from "./fake-excel/model";
import { freshWorkbook, sheetNamed } from "./helpers";

/** IECI with one city's numbers blanked, so screening leaves it unranked (last row, outside the chart). */
function analysed(language: "en" | "zh-CN") {
  const data = ieciDataTable().map((row, r) =>
    r === 6 ? row.map((cell) => (typeof cell === "number" ? null : cell)) : row,
  );
  const result = computeIndex(data, ieciFrameworkTable(), settingsToSpecInput(ieciSettingsTable()).spec);
  const analysis = runAnalysis(result, { uncertainty: { runs: 30 }, seed: 5 });
  return { uncertainty: analysis.uncertainty!, plans: buildAnalysisReport(analysis, result, { language }) };
}

const column = (s: SeriesModel) => s.values!.rect.col;

test("rank-interval chart: three stacked series over exactly the ranked rows, p5 + (median − p5) + (p95 − median) per unit", async () => {
  const wb = freshWorkbook();
  wb.addSheet("Sheet1");
  const { uncertainty, plans } = analysed("en");
  const ranked = uncertainty.units.filter((u) => Number.isFinite(u.nominalRank));
  assert.ok(
    ranked.length >= 30 && ranked.length < uncertainty.units.length,
    "the test data has ranked and unranked units",
  );
  await writeReportPlan({ sheets: plans });

  const sheet = sheetNamed(wb, "Uncertainty");
  assert.equal(sheet.charts.length, 1);
  const chart = sheet.charts[0]!;
  assert.equal(chart.type, "ColumnStacked");
  assert.equal(chart.series.length, 3);
  const [spacer, below, above] = chart.series as [SeriesModel, SeriesModel, SeriesModel];
  // Bound to the p5, (median − p5) and (p95 − median) columns (E, G, H), rows 2 .. ranked + 1, unit names as categories.
  assert.deepEqual([spacer, below, above].map(column), [4, 6, 7]);
  assert.equal(sheet.value(0, 4), "Rank 5 %");
  for (const s of chart.series) {
    assert.equal(s.values!.sheet, sheet);
    assert.deepEqual({ row: s.values!.rect.row, rows: s.values!.rect.rows }, { row: 1, rows: ranked.length });
    assert.deepEqual(s.xValues?.rect, { row: 1, col: 2, rows: ranked.length, cols: 1 });
  }
  // The spacer is invisible; the two visible segments differ in colour and carry the plan's names.
  assert.equal(spacer.fill, "none");
  assert.equal(spacer.lineStyle, "None");
  assert.ok(below.fill && above.fill && below.fill !== "none" && above.fill !== "none" && below.fill !== above.fill);
  const names = plans[0]!.charts[0]!.series[0]!.segmentNames!;
  assert.deepEqual(
    chart.series.map((s) => s.name),
    [names.low, names.below, names.above],
  );
  // Rank 1 on top: the rank (value) axis is reversed and the unit axis crosses at its bottom end.
  assert.equal(chart.axes.value.reversePlotOrder, true);
  assert.equal(chart.axes.value.position, "Maximum");
  assert.equal(chart.axes.category.reversePlotOrder, false);

  // Stacked, the written cells reproduce the analysis' own interval for every ranked unit.
  ranked.forEach((unit, i) => {
    const row = 1 + i;
    const cell = (col: number) => sheet.value(row, col) as number;
    assert.equal(sheet.value(row, 1), unit.code);
    assert.equal(sheet.value(row, 2), unit.name);
    const p5 = cell(column(spacer));
    assert.equal(p5, unit.rankLow, `${unit.code} p5`);
    assert.ok(Math.abs(p5 + cell(column(below)) - unit.medianRank) < 1e-9, `${unit.code}: p5 + (median − p5) = median`);
    assert.ok(
      Math.abs(p5 + cell(column(below)) + cell(column(above)) - unit.rankHigh) < 1e-9,
      `${unit.code}: … + (p95 − median) = p95`,
    );
    assert.ok(cell(column(below)) >= 0 && cell(column(above)) >= 0, `${unit.code}: segments are not negative`);
  });
  // The unranked unit's row is written but left out of the chart.
  assert.equal(sheet.value(ranked.length + 1, 1), uncertainty.units[ranked.length]!.code);
});

test("rank-interval chart on ExcelApi 1.7: the same bars, the axis crossing (1.8) left to Excel", async () => {
  const wb = freshWorkbook();
  wb.addSheet("Sheet1");
  wb.excelApiMinor = 7;
  const { plans } = analysed("zh-CN");
  await writeReportPlan({ sheets: plans });
  const chart = sheetNamed(wb, plans[0]!.name).charts[0]!;
  assert.equal(chart.type, "ColumnStacked");
  assert.deepEqual(
    chart.series.map((s) => s.fill === "none"),
    [true, false, false],
  );
  assert.equal(chart.axes.value.reversePlotOrder, true);
  assert.equal(chart.axes.value.position, "Automatic");
  assert.deepEqual(
    chart.series.slice(1).map((s) => s.name),
    [plans[0]!.charts[0]!.series[0]!.segmentNames!.below, plans[0]!.charts[0]!.series[0]!.segmentNames!.above],
  );
});
