/** The method panel's reading and writing of the Settings sheet (issue 15) on the Excel fake. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { computeIndex, settingsToSpecInput } from "../../src/core/engine";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../src/core/sample";
import { createExcelService, type StoredChoice } from "../../src/excel/service";
import { differences, overridesOf, setValue, valuesOf } from "../../src/taskpane/method-model";
import { freshWorkbook, putTable, sheetNamed } from "./helpers";

type Cells = [string, unknown, string | null, string | null][];
const cellsOf = (wb: ReturnType<typeof freshWorkbook>, sheet: string): Cells =>
  (wb.snapshot() as { sheets: { name: string; cells: Cells }[] }).sheets.find((s) => s.name === sheet)?.cells ?? [];
/** Cells that differ between two snapshots of a sheet, as "A1: before → after". */
function changedCells(before: Cells, after: Cells): string[] {
  const map = (cells: Cells) => new Map(cells.map(([a, v, f]) => [a, JSON.stringify([v, f])]));
  const [b, a] = [map(before), map(after)];
  return [...new Set([...b.keys(), ...a.keys()])]
    .filter((k) => b.get(k) !== a.get(k))
    .sort()
    .map((k) => `${k}: ${b.get(k) ?? "empty"} → ${a.get(k) ?? "empty"}`);
}

async function sample() {
  const wb = freshWorkbook();
  const service = createExcelService(() => "en");
  const choice = await service.createTemplate("ieci", "en");
  return { wb, service, choice };
}

test("method settings: read gives every Settings row (with its cell) and the Framework's nodes and levels", async () => {
  const { service, choice } = await sample();
  const read = await service.readMethodSettings!(choice);
  const expected = ieciSettingsTable()
    .slice(1)
    .map(([key, value], k) => ({ key, value, address: `Settings!B${k + 2}` }));
  assert.deepEqual(read.entries, expected);
  assert.deepEqual(read.problems, []);
  assert.equal(read.maxLevel, 4, "indicators, sub-pillars, pillars, index");
  assert.equal(read.nodes.filter((n) => n.level === 1).length, 25);
  assert.equal(read.nodes.filter((n) => n.level === 2).length, 11);
  assert.equal(read.nodes.filter((n) => n.level === 3).length, 3);
});

test("method settings: saving unchanged leaves the sheet identical; one change writes only its cell", async () => {
  const { wb, service, choice } = await sample();
  const settings = sheetNamed(wb, "Settings");
  settings.enter(0, 3, "my note"); // a user's cell beside the table
  const before = cellsOf(wb, "Settings");
  const read = await service.readMethodSettings!(choice);
  const base = valuesOf(read.entries);
  const syncs = wb.requests.length;
  await service.saveMethodSettings!(choice.settings, differences(base, base));
  assert.deepEqual(cellsOf(wb, "Settings"), before, "nothing changed");
  assert.equal(wb.requests.length - syncs, 3, "only the reads (which sheet, where, the values): no write");

  const changed = setValue(base, base, "treat.winmax", 4);
  const saved = await service.saveMethodSettings!(choice.settings, differences(base, changed));
  assert.deepEqual(changedCells(before, cellsOf(wb, "Settings")), ["B6: [5,null] → [4,null]"]);
  assert.deepEqual(valuesOf(saved.entries), changed);
});

test("method settings: a new method clears the old one's parameter rows; a new key goes below the table; the run then equals the engine's", async () => {
  const { wb, service, choice } = await sample();
  const before = cellsOf(wb, "Settings");
  const read = await service.readMethodSettings!(choice);
  const base = valuesOf(read.entries);
  let values = setValue(base, base, "treat.method", "none");
  assert.deepEqual(
    [...values.keys()].filter((k) => k.startsWith("treat.")),
    ["treat.method"],
    "winmax, skew and kurtosis limits go with winsorize",
  );
  values = setValue(values, base, "normalize.byIndicator.PM25.method", "zscore");
  const changes = differences(base, values);
  assert.deepEqual(
    changes.map((c) => [c.key, c.value]),
    [
      ["treat.method", "none"],
      ["treat.winmax", null],
      ["treat.skewThreshold", null],
      ["treat.kurtThreshold", null],
      ["normalize.byIndicator.PM25.method", "zscore"],
    ],
  );
  await service.saveMethodSettings!(choice.settings, changes);
  assert.deepEqual(
    changedCells(before, cellsOf(wb, "Settings")),
    [
      'A13: empty → ["normalize.byIndicator.PM25.method",null]',
      'A6: ["treat.winmax","@"] → [null,"@"]',
      'A7: ["treat.skewThreshold","@"] → [null,"@"]',
      'A8: ["treat.kurtThreshold","@"] → [null,"@"]',
      'B13: empty → ["zscore",null]',
      'B5: ["winsorize","@"] → ["none","@"]',
      "B6: [5,null] → empty",
      "B7: [2,null] → empty",
      "B8: [3.5,null] → empty",
    ].sort(),
  );
  // The saved Settings compute what the engine computes with the same options.
  await service.runIndex(choice);
  const spec = settingsToSpecInput(ieciSettingsTable()).spec as Record<string, unknown>;
  const engine = computeIndex(ieciDataTable(), ieciFrameworkTable(), {
    ...spec,
    treat: { method: "none" },
    normalize: { ...(spec.normalize as object), byIndicator: { PM25: { method: "zscore" } } },
  });
  assert.deepEqual((await service.currentResult())!.scores, engine.scores);
});

test("method settings: unsaved changes run as overrides on top of Settings (removed keys too), and Settings are untouched", async () => {
  const { wb, service, choice } = await sample();
  const before = cellsOf(wb, "Settings");
  const base = valuesOf((await service.readMethodSettings!(choice)).entries);
  const values = setValue(setValue(base, base, "treat.method", "none"), base, "normalize.method", "zscore");
  const options = overridesOf(differences(base, values))!;
  assert.deepEqual(JSON.parse(JSON.stringify(options)), {
    treat: { method: "none", winmax: null, skewThreshold: null, kurtThreshold: null },
    normalize: { method: "zscore", low: null, high: null },
  });
  const run: StoredChoice = { ...choice, options };
  await service.runIndex(run);
  const spec = settingsToSpecInput(ieciSettingsTable()).spec as Record<string, unknown>;
  const engine = computeIndex(ieciDataTable(), ieciFrameworkTable(), {
    ...spec,
    treat: { method: "none" },
    normalize: { method: "zscore" },
  });
  assert.deepEqual((await service.currentResult())!.ranks, engine.ranks);
  assert.deepEqual(cellsOf(wb, "Settings"), before);
});

test("method settings: a failed write puts every cell back; a busy row below a Settings range is refused; no Settings sheet creates one", async () => {
  const { wb, service, choice } = await sample();
  const before = cellsOf(wb, "Settings");
  const base = valuesOf((await service.readMethodSettings!(choice)).entries);
  const values = setValue(setValue(base, base, "impute.method", "mean"), base, "weights.P1", 2);
  wb.failOperation("Range.values", 2); // the first cell is written, the second fails
  await assert.rejects(
    service.saveMethodSettings!(choice.settings, differences(base, values)),
    /Settings were not saved.*as it was/,
  );
  wb.clearFailures();
  assert.deepEqual(cellsOf(wb, "Settings"), before);

  // A range source with a user's cell right below it: no room for a new key, nothing written.
  const range = { kind: "range" as const, sheet: "Settings", address: "A1:B12" };
  sheetNamed(wb, "Settings").enter(12, 0, "keep me");
  const withNote = cellsOf(wb, "Settings");
  await assert.rejects(
    service.saveMethodSettings!(range, differences(base, values)),
    /Settings!A13, below the Settings range, is not empty/,
  );
  assert.deepEqual(cellsOf(wb, "Settings"), withNote);

  // A workbook without Settings: the first save creates the sheet with a header.
  const wb2 = freshWorkbook();
  putTable(wb2, "Data", ieciDataTable());
  putTable(wb2, "Framework", ieciFrameworkTable());
  const service2 = createExcelService(() => "en");
  const saved = await service2.saveMethodSettings!(null, [{ key: "impute.method", value: "median" }]);
  assert.deepEqual(saved.source, { kind: "sheet", sheet: "Settings" });
  assert.deepEqual(
    cellsOf(wb2, "Settings").map(([a, v]) => [a, v]),
    [
      ["A1", "Key"],
      ["B1", "Value"],
      ["A2", "impute.method"],
      ["B2", "median"],
    ],
  );
});
