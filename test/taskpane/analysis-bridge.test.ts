/** The Analysis section's host through the real Excel adapter and the Excel fake: read, compute, write the sheets safely. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { computeIndex, settingsToSpecInput } from "../../src/core";
import { runAnalysis } from "../../src/core/analysis";
import { buildAnalysisReport } from "../../src/core/report/analysis";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../src/core/sample/ieci";
import type { Cell } from "../../src/core/types";
import { createTemplate, runIndex } from "../../src/excel/index";
import { createAnalysisHost } from "../../src/taskpane/analysis-bridge";
import { freshWorkbook, sheetNamed } from "../excel/helpers";

test("host: the current index equals the engine's; analysis sheets are added next to the results and replaced on the next write", async () => {
  const wb = freshWorkbook();
  const userAudit = wb.addSheet("Audit"); // a user's own sheet with our preferred name
  userAudit.enter(0, 0, "my notes");
  const host = createAnalysisHost();
  assert.equal(await host.currentResult(), null, "nothing chosen yet");
  const choice = await createTemplate("ieci", "en");
  await runIndex(choice);
  const resultSheets = wb.sheets.map((s) => s.name);

  const result = (await host.currentResult())!;
  const engine = computeIndex(ieciDataTable(), ieciFrameworkTable(), settingsToSpecInput(ieciSettingsTable()).spec);
  assert.deepEqual(result.scores, engine.scores);

  const analysis = runAnalysis(result, { audit: true, uncertainty: { runs: 40 }, sensitivity: { n: 5, bootstrap: 10 }, seed: 2 });
  const plans = buildAnalysisReport(analysis, result, { language: "en" });
  const names = await host.writeSheets(plans);
  assert.deepEqual(names, ["Audit (2)", "Uncertainty", "Sensitivity"]);
  assert.equal(userAudit.value(0, 0), "my notes", "the user's sheet is untouched");
  for (const name of resultSheets) assert.ok(wb.sheetByName(name), `${name} is still there`);
  plans.forEach((plan, k) => {
    const sheet = sheetNamed(wb, names[k]!);
    plan.cells.forEach((row, r) => row.forEach((cell: Cell, c) => {
      const expected = cell === null || cell === undefined || cell === "" ? undefined : cell;
      assert.equal(sheet.value(r, c), expected, `${names[k]}!R${r + 1}C${c + 1}`);
    }));
  });
  assert.equal(sheetNamed(wb, "Audit (2)").conditionalFormats.length, plans[0]!.colorScales.length);
  assert.equal(sheetNamed(wb, "Uncertainty").charts.length, 1);
  assert.equal(sheetNamed(wb, "Sensitivity").charts.length, 1);

  // A second analysis replaces our three sheets (same names), adds none.
  const count = wb.sheets.length;
  const again = buildAnalysisReport(runAnalysis(result, { audit: true, uncertainty: { runs: 40 }, sensitivity: { n: 5, bootstrap: 10 }, seed: 3 }), result, { language: "en" });
  assert.deepEqual(await host.writeSheets(again), names);
  assert.equal(wb.sheets.length, count);
});
