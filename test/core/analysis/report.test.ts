import { test } from "node:test";
import assert from "node:assert/strict";
import { computeIndex } from "../../../src/core/engine";
import { runAnalysis } from "../../../src/core/analysis";
import { buildAnalysisReport } from "../../../src/core/report/analysis";
import { cellAddress } from "../../../src/core/errors";
import { smallData, smallFramework } from "../audit/fixture";

const result = computeIndex(smallData, smallFramework);
const analysis = runAnalysis(result, {
  audit: true,
  uncertainty: { runs: 50, inputs: { weights: { factor: 0.5 }, normalize: ["minmax", "rank"] } },
  sensitivity: { n: 20, bootstrap: 20, inputs: { weights: { factor: 0.5 }, normalize: ["minmax", "rank"] } },
  seed: 9,
});

test("three sheets, in English and Chinese, with no NaN or infinity in any cell", () => {
  const en = buildAnalysisReport(analysis, result, { language: "en" });
  assert.deepEqual(
    en.map((s) => [s.key, s.name]),
    [
      ["audit", "Audit"],
      ["uncertainty", "Uncertainty"],
      ["sensitivity", "Sensitivity"],
    ],
  );
  const zh = buildAnalysisReport(analysis, result, { language: "zh-CN" });
  assert.deepEqual(
    zh.map((s) => s.name),
    ["统计审核", "不确定性分析", "敏感性分析"],
  );
  for (const sheet of en) {
    for (const row of sheet.cells)
      for (const cell of row) assert.ok(typeof cell !== "number" || Number.isFinite(cell), sheet.key);
    const header = sheet.cells[0]!;
    assert.equal(new Set(header.map(String)).size, header.length, "unique table headers");
  }
  assert.deepEqual(
    buildAnalysisReport({ seed: 1, audit: analysis.audit }, result, { language: "en" }).map((s) => s.key),
    ["audit"],
  );
});

test("Audit: D's negative correlation and P1's collinear pair are highlighted; heatmap has a colour scale", () => {
  const [audit] = buildAnalysisReport(analysis, result, { language: "en" });
  const header = audit!.cells[0]!;
  const dRow = audit!.cells.findIndex((row) => row[0] === "D");
  const negCol = header.indexOf("Negative with parent");
  assert.equal(audit!.cells[dRow]![negCol], "YES");
  assert.ok(audit!.highlights.includes(`${cellAddress(dRow, negCol)}:${cellAddress(dRow, negCol)}`));
  const p1Row = audit!.cells.findIndex((row) => row[0] === "P1");
  assert.match(String(audit!.cells[p1Row]![9]), /^A – B \(0\.94\)$/);
  assert.ok(audit!.highlights.includes(`${cellAddress(p1Row, 9)}:${cellAddress(p1Row, 9)}`));
  assert.equal(audit!.colorScales.length, 1);
  const heatTop = audit!.cells.findIndex((row) => row[0] === "" && row[1] === "A") + 1;
  assert.equal(audit!.colorScales[0], `${cellAddress(heatTop, 1)}:${cellAddress(heatTop + 3, 4)}`);
  assert.equal(audit!.cells[heatTop]![1], 1);
  assert.equal(audit!.table!.rows, 5);
});

test("Uncertainty: rows sorted by nominal rank, error bars = median − low and high − median, chart over them", () => {
  const sheet = buildAnalysisReport(analysis, result, { language: "en" })[1]!;
  const body = sheet.cells.slice(1, 7);
  assert.deepEqual(
    body.map((r) => r[0]),
    [...body.map((r) => r[0] as number)].sort((a, b) => a - b),
  );
  for (const row of body) {
    assert.equal(row[6], (row[3] as number) - (row[4] as number));
    assert.equal(row[7], (row[5] as number) - (row[3] as number));
  }
  const chart = sheet.charts[0]!;
  assert.equal(chart.kind, "rankInterval");
  assert.deepEqual(chart.series[0]!.values, { sheet: "uncertainty", range: "D2:D7" });
  assert.deepEqual(chart.series[0]!.errorMinus, { sheet: "uncertainty", range: "G2:G7" });
  assert.deepEqual(chart.series[0]!.errorPlus, { sheet: "uncertainty", range: "H2:H7" });
  assert.deepEqual(chart.series[0]!.categories, { sheet: "uncertainty", range: "C2:C7" });
  // The lower end for the floating-bar drawing (Excel adapter): the 5 % rank column.
  assert.deepEqual(chart.series[0]!.low, { sheet: "uncertainty", range: "E2:E7" });
  assert.equal(sheet.cells[0]![4], chart.series[0]!.segmentNames!.low);
  const zh = buildAnalysisReport(analysis, result, { language: "zh-CN" })[1]!.charts[0]!.series[0]!.segmentNames!;
  assert.notEqual(zh.below, chart.series[0]!.segmentNames!.below, "segment names follow the language");
});

test("Sensitivity: one row per input with both indices, and a two-series bar chart", () => {
  const sheet = buildAnalysisReport(analysis, result, { language: "en" })[2]!;
  assert.deepEqual(
    sheet.cells.slice(1, 4).map((r) => r[0]),
    ["weights L1", "weights L2", "normalization"],
  );
  const first = analysis.sensitivity!.indices[2]!;
  assert.deepEqual(sheet.cells[3]!.slice(2), [
    first.first,
    first.firstLow,
    first.firstHigh,
    first.total,
    first.totalLow,
    first.totalHigh,
  ]);
  assert.equal(sheet.table!.rows, analysis.sensitivity!.indices.length + 1);
  const chart = sheet.charts[0]!;
  assert.equal(chart.kind, "bar");
  assert.equal(chart.series.length, 2);
  assert.deepEqual(chart.series[1]!.values, {
    sheet: "sensitivity",
    range: `F2:F${analysis.sensitivity!.indices.length + 1}`,
  });
});
