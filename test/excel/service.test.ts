/** The application service (src/excel/service.ts) on the Excel fake: the analysis section's side of it reuses the run's result and writes safely. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { computeIndex, settingsToSpecInput } from "../../src/core/engine";
import { runAnalysis } from "../../src/core/analysis";
import { buildAnalysisReport } from "../../src/core/report/analysis";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../src/core/sample/ieci";
import type { Cell } from "../../src/core/types";
import { createExcelService } from "../../src/excel/service";
import { freshWorkbook, sheetNamed } from "./helpers";

test("service: the current result is the last run's, equal to the engine's; analysis sheets are added next to the results and replaced on the next write", async () => {
  const wb = freshWorkbook();
  const userAudit = wb.addSheet("Audit"); // a user's own sheet with our preferred name
  userAudit.enter(0, 0, "my notes");
  const host = createExcelService(() => "en");
  assert.equal(await host.currentResult(), null, "nothing run yet");
  const choice = await host.createTemplate("ieci", "en");
  await host.runIndex(choice);
  const resultSheets = wb.sheets.map((s) => s.name);

  const result = (await host.currentResult())!;
  const engine = computeIndex(ieciDataTable(), ieciFrameworkTable(), settingsToSpecInput(ieciSettingsTable()).spec);
  assert.deepEqual(result.scores, engine.scores);

  const analysis = runAnalysis(result, {
    audit: true,
    uncertainty: { runs: 40 },
    sensitivity: { n: 5, bootstrap: 10 },
    seed: 2,
  });
  const plans = buildAnalysisReport(analysis, result, { language: "en" });
  const names = await host.writeAnalysisSheets(plans);
  assert.deepEqual(names, ["Audit (2)", "Uncertainty", "Sensitivity"]);
  assert.equal(userAudit.value(0, 0), "my notes", "the user's sheet is untouched");
  for (const name of resultSheets) assert.ok(wb.sheetByName(name), `${name} is still there`);
  plans.forEach((plan, k) => {
    const sheet = sheetNamed(wb, names[k]!);
    plan.cells.forEach((row, r) =>
      row.forEach((cell: Cell, c) => {
        const expected = cell === null || cell === undefined || cell === "" ? undefined : cell;
        assert.equal(sheet.value(r, c), expected, `${names[k]}!R${r + 1}C${c + 1}`);
      }),
    );
  });
  assert.equal(sheetNamed(wb, "Audit (2)").conditionalFormats.length, plans[0]!.colorScales.length);
  assert.equal(sheetNamed(wb, "Uncertainty").charts.length, 1);
  assert.equal(sheetNamed(wb, "Sensitivity").charts.length, 1);

  // A second analysis replaces our three sheets (same names), adds none.
  const count = wb.sheets.length;
  const again = buildAnalysisReport(
    runAnalysis(result, { audit: true, uncertainty: { runs: 40 }, sensitivity: { n: 5, bootstrap: 10 }, seed: 3 }),
    result,
    { language: "en" },
  );
  assert.deepEqual(await host.writeAnalysisSheets(again), names);
  assert.equal(wb.sheets.length, count);
});

test("service: the analysis reuses the run's result (no new read); a failed run clears it; the next good run sets it again", async () => {
  const wb = freshWorkbook();
  const service = createExcelService(() => "en");
  const choice = await service.createTemplate("ieci", "en");
  await service.runIndex(choice);
  const first = await service.currentResult();
  assert.ok(first);
  const data = sheetNamed(wb, "Data");
  const code = data.value(2, 0);
  data.enter(2, 0, data.value(1, 0)); // a duplicate unit code: the run fails at that cell
  assert.equal(await service.currentResult(), first, "the same object: not read and computed again");
  await assert.rejects(service.runIndex(choice), (error: { messages?: string[] }) =>
    (error.messages ?? []).some((m) => m.startsWith("Data!A3")),
  );
  assert.equal(await service.currentResult(), null, "inputs that no longer compute leave nothing to analyse");
  data.enter(2, 0, code);
  await service.runIndex(choice);
  const again = (await service.currentResult())!;
  assert.notEqual(again, first);
  assert.deepEqual(again.scores, first.scores);
});

test("service: the run summary lists the indicators with their own method (Settings byIndicator, Framework Normalize column), the others not", async () => {
  const wb = freshWorkbook();
  const host = createExcelService(() => "en");
  const choice = await host.createTemplate("ieci", "en");
  // The analyst's own rules: PM25 untreated (a Settings row), Green z-scored (a Framework column).
  const settings = sheetNamed(wb, "Settings");
  const settingsRows = ieciSettingsTable().length;
  settings.enter(settingsRows, 0, "treat.byIndicator.PM25");
  settings.enter(settingsRows, 1, "none");
  const framework = sheetNamed(wb, "Framework");
  const header = ieciFrameworkTable()[0]!;
  const greenRow = ieciFrameworkTable().findIndex((row) => row[0] === "Green");
  framework.enter(0, header.length, "Normalize");
  framework.enter(greenRow, header.length, "zscore");
  const summary = await host.runIndex(choice);
  assert.deepEqual(summary.exceptions, [
    { indicator: "PM25", normalize: null, treat: "none", source: "spec" },
    { indicator: "Green", normalize: "zscore (mean 0, sd 1)", treat: null, source: "framework" },
  ]);
  // The same run without them lists none.
  settings.enter(settingsRows, 0, null);
  settings.enter(settingsRows, 1, null);
  framework.enter(greenRow, header.length, null);
  assert.deepEqual((await host.runIndex(choice)).exceptions, []);
});
