/** The service's side of the pane shell (issue 15) on the Excel fake: selectCell, and what a run reports for the results card. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { computeIndex, settingsToSpecInput } from "../../src/core/engine";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../src/core/sample";
import { createExcelService } from "../../src/excel/service";
import { freshWorkbook } from "./helpers";

test("selectCell activates the sheet and selects the range; the fake refuses select() off the active sheet, as Excel does", async () => {
  const wb = freshWorkbook();
  const host = createExcelService(() => "en");
  await host.createTemplate("ieci", "en");
  await host.selectCell!("Framework", "C4");
  assert.equal(wb.activeSheet?.name, "Framework");
  assert.deepEqual([wb.selection?.sheet.name, wb.selection?.rect], ["Framework", { row: 3, col: 2, rows: 1, cols: 1 }]);
  await host.selectCell!("Data", "E4:F5");
  assert.deepEqual([wb.activeSheet?.name, wb.selection?.rect], ["Data", { row: 3, col: 4, rows: 2, cols: 2 }]);
  // Without activate(): select() on another sheet fails (office-js issue #5118), so selectCell must activate first.
  await assert.rejects(
    Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Framework").getRange("A1").select();
      await context.sync();
    }),
    (error: { code?: string }) => error.code === "InvalidSelection",
  );
  await assert.rejects(host.selectCell!("Nope", "A1"), /ItemNotFound|doesn't exist/);
});

test("a run reports its unit count, duration, full ranking (the engine's) and where the Data cells are", async () => {
  freshWorkbook();
  const host = createExcelService(() => "en");
  const choice = await host.createTemplate("ieci", "en");
  const summary = await host.runIndex(choice);
  const engine = computeIndex(ieciDataTable(), ieciFrameworkTable(), settingsToSpecInput(ieciSettingsTable()).spec);
  const ranks = engine.ranks.columns[engine.ranks.codes.indexOf(engine.framework.root)]!;
  assert.equal(summary.unitCount, 37);
  assert.ok(typeof summary.durationMs === "number" && summary.durationMs >= 0);
  assert.deepEqual(
    summary.ranking!.map((u) => [u.code, u.rank]),
    engine.units.codes.map((code, u) => [code, ranks[u]!] as const).sort((a, b) => a[1] - b[1]),
  );
  const cells = summary.dataCells!;
  assert.deepEqual([cells.sheet, cells.row, cells.col], ["Data", 0, 0]);
  assert.deepEqual(cells.headers, ieciDataTable()[0]!.map(String));
  assert.equal(cells.units[2], "Paris", "Data row 4 is Paris (the sample's name column)");
});
