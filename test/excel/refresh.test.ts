/** Nothing lost: idempotent refresh, recreated outputs, and failures at any point leave the workbook as it was. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../src/core/sample/ieci";
import { AddinError, runIndex, type StoredChoice } from "../../src/excel/index";
import { OWNED_SETTING } from "../../src/excel/ownership";
import { SheetModel, type WorkbookModel } from "./fake-excel";
import { freshWorkbook, putTable } from "./helpers";

const CHOICE: StoredChoice = {
  version: 1,
  data: { kind: "sheet", sheet: "Data" },
  framework: { kind: "sheet", sheet: "Framework" },
  settings: { kind: "sheet", sheet: "Settings" },
};

function sampleWorkbook(): WorkbookModel {
  const wb = freshWorkbook();
  putTable(wb, "Notes", [["my notes", 42]]);
  putTable(wb, "Data", ieciDataTable());
  putTable(wb, "Framework", ieciFrameworkTable());
  putTable(wb, "Settings", ieciSettingsTable());
  wb.addTable("Notes", { row: 0, col: 0, rows: 2, cols: 2 }, "MyTable");
  wb.names.push({ name: "MyName", formula: "=Notes!A1" });
  return wb;
}

/** What the user sees, without sheet ids and our registry (which names the ids). */
const visible = (wb: WorkbookModel) => JSON.stringify(wb.snapshot({ omitSettings: [OWNED_SETTING] }));
/** Everything, ids included. */
const exact = (wb: WorkbookModel) => JSON.stringify(wb.snapshot({ ids: true }));

test("refresh twice gives the same workbook; outputs keep their places among the user's sheets", async () => {
  const wb = sampleWorkbook();
  await runIndex(CHOICE);
  const first = visible(wb);
  // The user moves an output sheet before Data: refresh keeps it there.
  const scores = wb.sheetByName("Scores")!;
  wb.sheets.splice(wb.sheets.indexOf(scores), 1);
  wb.sheets.splice(1, 0, scores);
  const moved = visible(wb);
  assert.notEqual(moved, first);
  await runIndex(CHOICE);
  assert.equal(visible(wb), moved);
  await runIndex(CHOICE);
  assert.equal(visible(wb), moved);
  const registry = JSON.parse(wb.settings.get(OWNED_SETTING) as string);
  assert.deepEqual(registry.sheets.map((s: { key: string }) => s.key).sort(), [
    "dashboard",
    "log",
    "normalized",
    "ranks",
    "results",
    "scores",
  ]);
  assert.equal(registry.sheets.length, 6, "no stale ids accumulate");
});

test("deleting an output sheet by hand and refreshing recreates it", async () => {
  const wb = sampleWorkbook();
  await runIndex(CHOICE);
  const before = wb.snapshot() as { sheets: { name: string }[] };
  const ranksBefore = JSON.stringify(before.sheets.find((s) => s.name === "Ranks"));
  wb.deleteSheet(wb.sheetByName("Ranks")!);
  await runIndex(CHOICE);
  const after = wb.snapshot() as { sheets: { name: string }[] };
  assert.equal(JSON.stringify(after.sheets.find((s) => s.name === "Ranks")), ranksBefore);
  assert.equal(wb.sheets.filter((s) => s.name.startsWith("Ranks")).length, 1);
});

test("a validation error leaves the workbook exactly as it was", async () => {
  const wb = sampleWorkbook();
  await runIndex(CHOICE);
  wb.sheetByName("Framework")!.enter(3, 5, -2); // a negative weight
  const before = exact(wb);
  const operationsBefore = wb.operationLog.length;
  await assert.rejects(
    runIndex(CHOICE),
    (e: unknown) => e instanceof AddinError && e.messages.some((m) => m.startsWith("Framework!F4")),
  );
  assert.equal(exact(wb), before);
  assert.deepEqual(wb.operationLog.slice(operationsBefore), [], "no write was even attempted");
});

test("a sheet that looks like ours but is not registered (a copy) is never touched; an unreadable registry is ignored safely", async () => {
  const wb = sampleWorkbook();
  await runIndex(CHOICE);
  const copy = wb.addSheet("Results copy");
  copy.customProperties.set("IndexStudio", "results");
  copy.enter(0, 0, "kept");
  await runIndex(CHOICE);
  assert.equal(wb.sheetByName("Results copy")!.value(0, 0), "kept");
  wb.settings.set(OWNED_SETTING, "{not json");
  const summary = await runIndex(CHOICE);
  assert.equal(summary.sheets[0], "Results (2)");
  assert.ok(summary.warnings.some((w) => w.includes("unreadable")));
  assert.ok(wb.sheetByName("Results"), "the old output is kept when ownership cannot be proven");
});

/** Forget the layout signatures, as a registry written by an earlier version: the next refresh replaces every output. */
function forgetShapes(wb: WorkbookModel): void {
  const registry = JSON.parse(wb.settings.get(OWNED_SETTING) as string) as { sheets: { shape?: string }[] };
  for (const entry of registry.sheets) delete entry.shape;
  wb.settings.set(OWNED_SETTING, JSON.stringify(registry));
}

for (const mode of ["in place", "replacing"] as const) {
  test(`a write that Excel rejects, at any operation, leaves the workbook as it was (or completes the swap): refresh ${mode}`, async () => {
    const prepare = (wb: WorkbookModel) => (mode === "replacing" ? forgetShapes(wb) : undefined);
    // The operations of one refresh over existing output, in order.
    const probe = sampleWorkbook();
    await runIndex(CHOICE);
    prepare(probe);
    probe.operationLog.length = 0;
    await runIndex(CHOICE);
    const counts = new Map<string, number>();
    for (const op of probe.operationLog) counts.set(op, (counts.get(op) ?? 0) + 1);
    const reference = sampleWorkbook();
    await runIndex(CHOICE);
    prepare(reference);
    await runIndex(CHOICE);
    const refreshed = visible(reference);

    let undone = 0;
    let completed = 0;
    const wb = sampleWorkbook();
    await runIndex(CHOICE);
    for (const [op, count] of counts) {
      for (const occurrence of new Set([1, count])) {
        prepare(wb);
        const before = exact(wb);
        wb.failOperation(op, occurrence);
        const outcome = await runIndex(CHOICE).then(
          (s) => s,
          (e: unknown) => e,
        );
        wb.clearFailures();
        if (outcome instanceof AddinError) {
          assert.equal(exact(wb), before, `failing ${op} #${occurrence}: workbook changed`);
          assert.ok(
            outcome.messages.some((m) => m.includes("injected failure")),
            outcome.messages.join("\n"),
          );
          undone++;
        } else {
          assert.ok(!(outcome instanceof Error), `failing ${op} #${occurrence}: ${String(outcome)}`);
          assert.equal(
            visible(wb),
            refreshed,
            `failing ${op} #${occurrence}: completed swap differs from a clean refresh`,
          );
          completed++;
        }
        // Either way the next refresh works and gives the clean result.
        prepare(wb);
        await runIndex(CHOICE);
        assert.equal(visible(wb), refreshed, `after failing ${op} #${occurrence}, the next refresh is clean`);
      }
    }
    // In place a refresh only writes cells and chart texts; replacing, it builds whole sheets.
    assert.ok(undone >= (mode === "in place" ? 4 : 20), `undone ${undone}, completed ${completed}`);
    console.log(
      `injected failures (${mode}): ${undone} undone, ${completed} completed, over ${counts.size} operation kinds`,
    );
  });
}

test("a write failure on the very first run leaves no trace", async () => {
  for (const op of [
    "Range.values",
    "Table.name",
    "ChartCollection.add",
    "Worksheet.position",
    "KeyedItem.value",
    "SettingCollection.add",
  ]) {
    const wb = sampleWorkbook();
    const before = exact(wb);
    wb.failOperation(op, 1);
    const outcome = await runIndex(CHOICE).then(
      () => null,
      (e: unknown) => e,
    );
    wb.clearFailures();
    if (outcome === null) continue; // the operation did not occur in this run
    assert.ok(outcome instanceof AddinError);
    assert.equal(exact(wb), before, `failing ${op}`);
  }
});

test("a user's sheet that gets a recycled id of a deleted output is never touched (with and without custom properties)", async () => {
  for (const minor of [17, 8]) {
    const wb = sampleWorkbook();
    wb.excelApiMinor = minor; // 8: Excel 2019, no custom properties: sheet-scoped names mark the outputs
    await runIndex(CHOICE);
    const first = visible(wb);
    await runIndex(CHOICE);
    assert.equal(visible(wb), first, `ExcelApi 1.${minor}: refresh twice`);
    const old = wb.sheetByName("Results")!;
    wb.deleteSheet(old);
    const impostor = new SheetModel(old.id, "Results");
    impostor.enter(0, 0, "user data");
    wb.sheets.push(impostor);
    const summary = await runIndex(CHOICE);
    assert.equal(wb.sheetByName("Results"), impostor, `ExcelApi 1.${minor}`);
    assert.equal(impostor.value(0, 0), "user data");
    assert.equal(summary.sheets[0], "Results (2)");
  }
});

test("after a run the user sees the results once, then stays where they are (or on the refreshed output they were on)", async () => {
  const wb = sampleWorkbook();
  wb.activeSheet = wb.sheetByName("Data")!;
  await runIndex(CHOICE);
  assert.equal(wb.activeSheet?.name, "Results", "first run shows the results");
  wb.activeSheet = wb.sheetByName("Data")!;
  await runIndex(CHOICE);
  assert.equal(wb.activeSheet?.name, "Data", "a refresh does not pull the user away from their data");
  wb.activeSheet = wb.sheetByName("Dashboard")!;
  await runIndex(CHOICE);
  assert.equal(wb.activeSheet?.name, "Dashboard");
  assert.ok(!wb.activeSheet!.deleted, "the new Dashboard, not the deleted one");
});

test("two refreshes started together (ribbon during auto-refresh) run one after the other", async () => {
  const wb = sampleWorkbook();
  await runIndex(CHOICE);
  const single = visible(wb);
  const results = await Promise.allSettled([runIndex(CHOICE), runIndex(CHOICE), runIndex(CHOICE)]);
  assert.deepEqual(
    results.map((r) => r.status),
    ["fulfilled", "fulfilled", "fulfilled"],
  );
  assert.equal(visible(wb), single);
});
