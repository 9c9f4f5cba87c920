/**
 * The adapter under Excel's own rules (issue 10, section 3), each enforced by the fake with its
 * source (test/excel/fake-excel/README.md): every test here failed before the adapter followed it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../src/core/sample/ieci";
import { AddinError, enableAutoRefresh, runIndex, saveChoice, type StoredChoice } from "../../src/excel/index";
import { OWNED_SETTING } from "../../src/excel/ownership";
import type { WorkbookModel } from "./fake-excel";
import { freshWorkbook, putTable, sheetNamed } from "./helpers";

const CHOICE: StoredChoice = {
  version: 1,
  data: { kind: "sheet", sheet: "Data" },
  framework: { kind: "sheet", sheet: "Framework" },
  settings: { kind: "sheet", sheet: "Settings" },
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sample(data = ieciDataTable()): WorkbookModel {
  const wb = freshWorkbook();
  putTable(wb, "Data", data);
  putTable(wb, "Framework", ieciFrameworkTable());
  putTable(wb, "Settings", ieciSettingsTable());
  return wb;
}

test("the sample computes: the radar chart gets no axis title, the others keep theirs; panes are frozen on visible sheets", async () => {
  const wb = sample();
  await runIndex(CHOICE);
  const charts = sheetNamed(wb, "Dashboard").charts;
  const radar = charts.find((c) => c.type === "Radar")!;
  assert.ok(radar, "the sample has a radar chart");
  assert.deepEqual([radar.axes.category.title, radar.axes.value.title], ["", ""]);
  assert.ok(
    charts.filter((c) => c.type !== "Radar").every((c) => c.axes.value.title !== ""),
    "other charts keep their axis titles",
  );
  assert.deepEqual(sheetNamed(wb, "Results").freeze, { rows: 1, cols: 3 });
  assert.ok(wb.sheets.every((s) => s.visibility === "Visible"));
});

test("a refresh while the analyst types in a cell waits for the edit to end (ExcelApi 1.11+); before 1.11 it says why it failed", async () => {
  const wb = sample();
  await runIndex(CHOICE);
  wb.startCellEdit();
  let done = false;
  const running = runIndex(CHOICE).then(() => (done = true));
  await sleep(50);
  assert.equal(done, false, "the batch waits");
  wb.endCellEdit();
  await running;
  assert.ok(done);
  wb.excelApiMinor = 10;
  const before = JSON.stringify(wb.snapshot({ ids: true }));
  wb.startCellEdit();
  const error = await runIndex(CHOICE).then(
    () => null,
    (e: unknown) => e,
  );
  wb.endCellEdit();
  assert.ok(error instanceof AddinError && error.messages[0]!.includes("press Enter or Esc"), String(error));
  assert.equal(JSON.stringify(wb.snapshot({ ids: true })), before);
});

test("co-authoring: a co-author's edit does not trigger auto-refresh in this copy; a local edit does", async () => {
  const wb = sample();
  await saveChoice(CHOICE);
  let runs = 0;
  await enableAutoRefresh(
    true,
    async () => {
      runs++;
      await runIndex(CHOICE);
    },
    { delayMs: 50 },
  );
  wb.remoteEdit("Data", [[5]], 1, 5);
  await sleep(300);
  assert.equal(runs, 0, "remote edits are left to the copy where they were made");
  wb.userEdit("Data", [[6]], 1, 5);
  for (let k = 0; k < 200 && runs === 0; k++) await sleep(10);
  assert.equal(runs, 1);
  await enableAutoRefresh(false, () => undefined);
});

test("a chart sheet active (getActiveWorksheet throws): Compute works, first run and refresh that replaces", async () => {
  const wb = sample();
  wb.chartSheetActive = true;
  const first = await runIndex(CHOICE);
  assert.equal(first.top[0]!.name, "London");
  const registry = JSON.parse(wb.settings.get(OWNED_SETTING) as string) as { sheets: { shape?: string }[] };
  for (const entry of registry.sheets) delete entry.shape; // force the replacing path, which asks for the active sheet
  wb.settings.set(OWNED_SETTING, JSON.stringify(registry));
  const again = await runIndex(CHOICE);
  assert.deepEqual(again.sheets, first.sheets);
});

test("hidden staging sheets left by an interrupted run are removed by the next run; a user's look-alike is kept", async () => {
  const wb = sample();
  // What a runtime that died mid-write leaves: a hidden, marked, unregistered staging sheet with a staging table.
  const leftover = wb.addSheet("IS~1");
  leftover.enter(0, 0, "Rank");
  leftover.enter(1, 0, 1);
  wb.addTable("IS~1", { row: 0, col: 0, rows: 2, cols: 1 }, "IndexStudioStaging1");
  leftover.visibility = "Hidden";
  leftover.customProperties.set("IndexStudio", "results");
  const mine = wb.addSheet("IS~2"); // the user's own hidden sheet with that kind of name: no mark
  mine.enter(0, 0, "mine");
  mine.visibility = "Hidden";
  const summary = await runIndex(CHOICE);
  assert.equal(wb.sheetByName("IS~1"), undefined);
  assert.ok(!wb.tables.some((t) => t.name === "IndexStudioStaging1"));
  assert.equal(wb.sheetByName("IS~2"), mine);
  assert.ok(
    summary.warnings.some((w) => w.includes('hidden sheet(s) left by an interrupted run: "IS~1"')),
    summary.warnings.join("\n"),
  );
  // Without custom properties (ExcelApi < 1.12) the mark is a sheet-scoped name.
  const old = sample();
  old.excelApiMinor = 8;
  const stale = old.addSheet("IS~4");
  stale.visibility = "VeryHidden";
  stale.names.push({ name: "IndexStudio_scores", formula: "='IS~4'!$A$1" });
  await runIndex(CHOICE);
  assert.equal(old.sheetByName("IS~4"), undefined);
});

/** The analyst's own work that points at the outputs: a formula, a defined name and a chart. */
function analystWork(wb: WorkbookModel): void {
  const notes = wb.addSheet("Notes");
  notes.setFormula(0, 0, "=Results!D2");
  notes.setFormula(1, 0, "=SUM(IndexStudioResults[Index])");
  wb.names.push({ name: "TopScore", formula: "=Scores!$C$2" });
  const results = sheetNamed(wb, "Results");
  notes.charts.push({
    id: "mine",
    name: "My chart",
    type: "Line",
    title: "mine",
    legendVisible: false,
    position: null,
    deleted: false,
    axes: {
      category: {
        title: "",
        titleVisible: false,
        reversePlotOrder: false,
        numberFormat: "General",
        position: "Automatic",
      },
      value: {
        title: "",
        titleVisible: false,
        reversePlotOrder: false,
        numberFormat: "General",
        position: "Automatic",
      },
    },
    series: [
      {
        name: "top",
        values: { sheet: results, rect: { row: 1, col: 3, rows: 5, cols: 1 } },
        xValues: null,
        yErrorBars: { visible: false, include: "Both", type: "FixedValue" },
      },
    ],
  });
}

const analystView = (wb: WorkbookModel) => {
  const notes = sheetNamed(wb, "Notes");
  const chart = notes.charts[0]!.series[0]!.values!;
  return {
    formulas: [notes.formula(0, 0), notes.formula(1, 0)],
    name: wb.names.find((n) => n.name === "TopScore")!.formula,
    chart: chart.sheet.deleted ? "#REF!" : chart.sheet.name,
  };
};

test("a refresh keeps the analyst's formulas, names and charts on Results and Scores working: outputs are updated in place", async () => {
  const wb = sample();
  await runIndex(CHOICE);
  analystWork(wb);
  const ids = wb.sheets.map((s) => s.id).join();
  const data = sheetNamed(wb, "Data");
  data.enter(1, 5, 9_999); // London's first indicator: new values, same layout
  const summary = await runIndex(CHOICE);
  assert.deepEqual(analystView(wb), {
    formulas: ["=Results!D2", "=SUM(IndexStudioResults[Index])"],
    name: "=Scores!$C$2",
    chart: "Results",
  });
  assert.equal(wb.sheets.map((s) => s.id).join(), ids, "the same sheets, not new ones");
  assert.ok(!summary.warnings.some((w) => w.includes("#REF!")), summary.warnings.join("\n"));
  // The values under the references are the new ones: the written cells equal a fresh run's.
  const fresh = sample(ieciDataTable().map((row, r) => (r === 1 ? row.map((v, c) => (c === 5 ? 9_999 : v)) : row)));
  await runIndex(CHOICE);
  for (const name of ["Results", "Scores", "Ranks", "Normalized", "Log", "Dashboard"]) {
    const strip = (m: WorkbookModel) =>
      JSON.stringify((m.snapshot() as { sheets: { name: string }[] }).sheets.find((s) => s.name === name));
    assert.equal(strip(wb), strip(fresh), `${name} updated in place equals a fresh write`);
  }
  // Switching the output language renames the sheets in place; the references follow the rename.
  await runIndex(CHOICE, { language: "zh-CN" });
  const view = analystView(wb);
  assert.ok(!JSON.stringify(view).includes("#REF!"), JSON.stringify(view));
});

test("when an output's layout must change (a unit added), it is replaced and the run says so", async () => {
  const wb = sample();
  await runIndex(CHOICE);
  analystWork(wb);
  const more = ieciDataTable().map((row) => [...row]);
  more.push(["NEW", "New City", ...more[1]!.slice(2)]);
  const data = sheetNamed(wb, "Data");
  more[more.length - 1]!.forEach((v, c) => {
    if (typeof v === "string") data.setFormat(more.length - 1, c, "@");
    data.enter(more.length - 1, c, v);
  });
  const summary = await runIndex(CHOICE);
  const replaced = summary.warnings.filter(
    (w) => w.includes("was replaced, not updated in place") && w.includes("#REF!"),
  );
  assert.ok(
    replaced.some((w) => w.startsWith('"Results"')),
    summary.warnings.join("\n"),
  );
  assert.equal(
    analystView(wb).formulas[0],
    "=#REF!D2",
    "the fake turns references to a deleted sheet into #REF!, as Excel does",
  );
});

test("a refresh in place that Excel rejects at any operation is undone exactly: cells, chart titles and series names", async () => {
  // Swapping the first two units' indicator values changes every output's values and the radar
  // chart's title and series name (it profiles the rank-1 unit), but not the layout.
  const swapped = ieciDataTable().map((row) => [...row]);
  const [a, b] = [swapped[1]!, swapped[2]!];
  for (let c = 2; c < a.length; c++) [a[c], b[c]] = [b[c]!, a[c]!];
  const edit = (wb: WorkbookModel) =>
    swapped.slice(1, 3).forEach((row, k) => row.forEach((v, c) => c >= 2 && sheetNamed(wb, "Data").enter(1 + k, c, v)));
  const probe = sample();
  await runIndex(CHOICE);
  edit(probe);
  probe.operationLog.length = 0;
  const clean = await runIndex(CHOICE);
  assert.ok(!clean.warnings.some((w) => w.includes("replaced")), clean.warnings.join("\n"));
  const counts = new Map<string, number>();
  for (const op of probe.operationLog) counts.set(op, (counts.get(op) ?? 0) + 1);
  for (const op of ["Range.values", "Range.numberFormat", "ChartPart.text", "Series.name", "RangeFormat.columnWidth"])
    assert.ok(counts.has(op), `${op} in ${[...counts.keys()].join()}`);
  let undone = 0;
  for (const [op, count] of counts) {
    for (const occurrence of new Set([1, count])) {
      const wb = sample();
      await runIndex(CHOICE);
      edit(wb);
      const before = JSON.stringify(wb.snapshot({ ids: true }));
      wb.failOperation(op, occurrence);
      const outcome = await runIndex(CHOICE).then(
        () => null,
        (e: unknown) => e,
      );
      wb.clearFailures();
      assert.ok(outcome instanceof AddinError, `failing ${op} #${occurrence}: ${String(outcome)}`);
      assert.equal(
        JSON.stringify(wb.snapshot({ ids: true })),
        before,
        `failing ${op} #${occurrence}: workbook changed`,
      );
      undone++;
    }
  }
  assert.ok(undone >= counts.size);
});
