/** The adapter end to end through the Excel fake: sample, ASEM conformance, names, hostile text, errors. */
import { CONFORMANCE_DIR } from "../helpers/conformance";
import { test } from "node:test";
import assert from "node:assert/strict";
import { computeIndex, settingsToSpecInput } from "../../src/core/engine";
import { buildReport } from "../../src/core/report/build";
import type { SheetPlan } from "../../src/core/report/types";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../src/core/sample/ieci";
import type { Cell } from "../../src/core/types";
import {
  AddinError,
  createTemplate,
  detectSources,
  loadStoredChoice,
  runIndex,
  saveChoice,
  type StoredChoice,
} from "../../src/excel/index";
import { FORMULA_RESULT, type WorkbookModel } from "./fake-excel";
import { freshWorkbook, putTable, readCsv, sheetNamed, sheetValues } from "./helpers";

const ASEM = CONFORMANCE_DIR;
const SHEETS_CHOICE: StoredChoice = {
  version: 1,
  data: { kind: "sheet", sheet: "Data" },
  framework: { kind: "sheet", sheet: "Framework" },
  settings: { kind: "sheet", sheet: "Settings" },
};

/** Every planned cell is in the sheet exactly (numbers bit for bit, text verbatim, missing = empty), and no cell is a formula. */
function assertSheetIsPlan(wb: WorkbookModel, name: string, plan: SheetPlan): void {
  const sheet = sheetNamed(wb, name);
  plan.cells.forEach((row, r) =>
    row.forEach((cell: Cell, c) => {
      const expected =
        cell === null || cell === undefined || cell === "" || (typeof cell === "number" && !Number.isFinite(cell))
          ? undefined
          : cell;
      assert.equal(sheet.value(r, c), expected, `${name}!R${r + 1}C${c + 1}`);
      assert.equal(sheet.formula(r, c), undefined, `${name}!R${r + 1}C${c + 1} must not be a formula`);
    }),
  );
  const used = sheet.usedRect(true);
  assert.ok(used && used.rows === plan.cells.length, `${name}: no rows beyond the plan`);
}

test("the IECI sample: template, detection, run; every written cell equals the engine's plan", async () => {
  const wb = freshWorkbook();
  wb.addSheet("Sheet1");
  const choice = await createTemplate("ieci", "en");
  assert.deepEqual((await detectSources()).choice, SHEETS_CHOICE);
  assert.deepEqual(await loadStoredChoice(), { ...SHEETS_CHOICE, language: "en" });
  const summary = await runIndex(choice);

  const result = computeIndex(ieciDataTable(), ieciFrameworkTable(), settingsToSpecInput(ieciSettingsTable()).spec);
  const plan = buildReport(result, { language: "en" });
  assert.deepEqual(
    summary.sheets,
    plan.sheets.map((s) => s.name),
  );
  plan.sheets.forEach((sheetPlan) => assertSheetIsPlan(wb, sheetPlan.name, sheetPlan));

  // The summary against the engine directly: the top 10 by the root's rank.
  const root = result.framework.root;
  const scores = result.scores.columns[result.scores.codes.indexOf(root)]!;
  const byScore = [...scores.keys()].filter((u) => Number.isFinite(scores[u]!)).sort((a, b) => scores[b]! - scores[a]!);
  assert.deepEqual(
    summary.top.map((t) => t.code),
    byScore.slice(0, 10).map((u) => result.units.codes[u]),
  );
  assert.deepEqual(
    summary.top.map((t) => t.score),
    byScore.slice(0, 10).map((u) => scores[u]),
  );
  assert.equal(summary.top[0]!.name, "London");

  // Excel objects: tables, number formats, frozen header, colour scales, charts bound to the written ranges.
  assert.deepEqual(
    wb.tables.map((t) => [t.name, t.sheet.name]),
    plan.sheets.filter((s) => s.table).map((s) => [s.table!.name, s.name]),
  );
  const results = sheetNamed(wb, "Results");
  const resultsPlan = plan.sheets.find((s) => s.key === "results")!;
  assert.deepEqual(results.freeze, resultsPlan.freeze);
  assert.equal(results.conditionalFormats.length, resultsPlan.colorScales.length);
  assert.equal(results.format(1, 3), "0.00");
  assert.equal(results.format(1, 1), "@");
  const dashboard = sheetNamed(wb, "Dashboard");
  const dashPlan = plan.sheets.find((s) => s.key === "dashboard")!;
  assert.equal(dashboard.charts.length, dashPlan.charts.length);
  for (const [i, chartPlan] of dashPlan.charts.entries()) {
    const chart = dashboard.charts[i]!;
    assert.equal(chart.title, chartPlan.title);
    assert.equal(chart.series.length, chartPlan.series.length);
    chartPlan.series.forEach((s, k) => {
      const sheetName = plan.sheets.find((p) => p.key === s.values.sheet)!.name;
      assert.equal(chart.series[k]!.values!.sheet.name, sheetName);
      assert.equal(chart.series[k]!.values!.rect.row + 1, Number(/\d+/.exec(s.values.range)![0]));
    });
  }
  assert.deepEqual(
    dashboard.charts.map((c) => c.type),
    dashPlan.charts.map(
      (c) =>
        ({
          bar: "BarClustered",
          barStacked: "BarStacked",
          radar: "Radar",
          scatter: "XYScatter",
          rankInterval: "LineMarkers",
          line: "LineMarkers",
        })[c.kind],
    ),
  );
  assert.ok(summary.syncCount <= 8, `syncs: ${summary.syncCount}`);
  // Every sync that wrote cells had calculation suspended.
  for (const r of wb.requests) if (r.requestBytes > 50_000) assert.ok(r.calculationSuspended);
});

test("ASEM conformance through the add-in: Scores and Ranks sheets equal COINr's within 1e-9", async () => {
  const wb = freshWorkbook();
  putTable(wb, "Data", readCsv(`${ASEM}/data.csv`));
  putTable(wb, "Framework", readCsv(`${ASEM}/meta.csv`));
  await runIndex({
    version: 1,
    data: { kind: "sheet", sheet: "Data" },
    framework: { kind: "sheet", sheet: "Framework" },
    settings: null,
  });
  const expected = readCsv(`${ASEM}/expected-default.csv`);
  const header = expected[0] as string[];
  const scores = sheetValues(sheetNamed(wb, "Scores"));
  const ranks = sheetValues(sheetNamed(wb, "Ranks"));
  let compared = 0;
  for (const row of expected.slice(1)) {
    const unit = row[0];
    const sRow = scores.find((r) => r[0] === unit)!;
    const rRow = ranks.find((r) => r[0] === unit)!;
    assert.ok(sRow && rRow, `unit ${unit} written`);
    header.slice(2).forEach((code, k) => {
      const want = row[k + 2] as number;
      if (code.endsWith("_Rank")) {
        assert.equal(rRow[(ranks[0] as string[]).indexOf(code.slice(0, -5))], want, `${unit} ${code}`);
      } else {
        const got = sRow[(scores[0] as string[]).indexOf(code)] as number;
        assert.ok(Math.abs(got - want) <= 1e-9, `${unit} ${code}: ${got} vs ${want}`);
      }
      compared++;
    });
  }
  assert.equal(compared, 51 * 22);
});

test("a user's sheet named Results, and a user's table and name, are never touched", async () => {
  const wb = freshWorkbook();
  putTable(wb, "Data", ieciDataTable());
  putTable(wb, "Framework", ieciFrameworkTable());
  putTable(wb, "Settings", ieciSettingsTable());
  putTable(wb, "Results", [
    ["my", "own"],
    ["notes", 1],
  ]);
  wb.addTable("Results", { row: 0, col: 0, rows: 2, cols: 2 }, "IndexStudioResults");
  wb.names.push({ name: "IndexStudioScores", formula: "=Results!A1" });
  const before = JSON.stringify((wb.snapshot() as { sheets: unknown[] }).sheets[3]);
  const summary = await runIndex(SHEETS_CHOICE);
  assert.equal(JSON.stringify((wb.snapshot() as { sheets: unknown[] }).sheets[3]), before);
  assert.equal(summary.sheets[0], "Results (2)");
  assert.ok(summary.warnings.some((w) => w.includes('"Results (2)"')));
  const tables = wb.tables.map((t) => `${t.name}@${t.sheet.name}`);
  assert.ok(tables.includes("IndexStudioResults@Results"));
  assert.ok(tables.includes("IndexStudioResults_2@Results (2)"));
  assert.ok(tables.includes("IndexStudioScores_2@Scores"));
  // A second run replaces its own "Results (2)" and still leaves the user's sheet alone.
  const again = await runIndex(SHEETS_CHOICE);
  assert.equal(again.sheets[0], "Results (2)");
  assert.equal(JSON.stringify((wb.snapshot() as { sheets: unknown[] }).sheets[3]), before);
  assert.equal(wb.sheets.filter((s) => s.name.startsWith("Results")).length, 2);
});

test("text from the data is written as text: formulas, signs and @ never evaluate", async () => {
  const wb = freshWorkbook();
  const data = ieciDataTable().map((row) => [...row]);
  const hostile = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "007", "12%", "TRUE", "=1+1"];
  hostile.forEach((name, k) => (data[k + 1]![1] = name));
  putTable(wb, "Data", data);
  putTable(wb, "Framework", ieciFrameworkTable());
  putTable(wb, "Settings", ieciSettingsTable());
  await runIndex(SHEETS_CHOICE);
  for (const sheetName of ["Results", "Scores", "Ranks", "Normalized"]) {
    const sheet = sheetNamed(wb, sheetName);
    const names: unknown[] = [];
    for (let r = 1; r <= 37; r++) {
      const nameCol = sheetName === "Results" ? 2 : 1;
      names.push(sheet.value(r, nameCol));
      assert.equal(sheet.formula(r, nameCol), undefined);
      assert.notEqual(sheet.value(r, nameCol), FORMULA_RESULT);
    }
    for (const h of hostile) assert.ok(names.includes(h), `${sheetName} keeps ${h} as text`);
  }
});

test("bad input: issues name the real sheet and cell, also for a picked range away from A1", async () => {
  const wb = freshWorkbook();
  const data = ieciDataTable().map((row) => [...row]);
  data[11]![5] = "n/a";
  putTable(wb, "Inputs", data, 2, 1); // header at B3
  putTable(wb, "Framework", ieciFrameworkTable());
  const choice: StoredChoice = {
    version: 1,
    data: { kind: "range", sheet: "Inputs", address: "B3:AD40" },
    framework: { kind: "sheet", sheet: "Framework" },
    settings: null,
  };
  // Text in a number cell: a result with a warning at the cell. Row 11 of the table (header = 0)
  // sits on sheet row 3 + 11 = 14; column 5 from B is G.
  const summary = await runIndex(choice);
  assert.ok(
    summary.warnings.some((m) => m.includes("Inputs!G14") && m.includes("n/a")),
    summary.warnings.join("\n"),
  );
  // A duplicate unit code: an error at the cell, and nothing written.
  const sheetsBefore = JSON.stringify(wb.snapshot({ ids: true }));
  wb.sheetByName("Inputs")!.enter(2 + 6, 1, data[5]![0]);
  const afterEdit = JSON.stringify(wb.snapshot({ ids: true }));
  assert.notEqual(afterEdit, sheetsBefore);
  const error = await runIndex(choice).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(error instanceof AddinError, String(error));
  assert.ok(
    error.messages.some((m) => m.startsWith("Inputs!B9")),
    error.messages.join("\n"),
  );
  assert.equal(JSON.stringify(wb.snapshot({ ids: true })), afterEdit, "a failed run changes nothing");
});

test("bad settings rows point at their Settings cell; a missing sheet is named", async () => {
  const wb = freshWorkbook();
  putTable(wb, "Data", ieciDataTable());
  putTable(wb, "Framework", ieciFrameworkTable());
  const settings = ieciSettingsTable().map((row) => [...row]);
  settings[8]![1] = "minimax";
  putTable(wb, "Settings", settings);
  const error = await runIndex(SHEETS_CHOICE).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(error instanceof AddinError);
  assert.ok(
    error.messages.some((m) => m.startsWith("Settings!B9") && m.includes("minimax")),
    error.messages.join("\n"),
  );
  const missing = await runIndex({ ...SHEETS_CHOICE, framework: { kind: "sheet", sheet: "Frame" } }).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(missing instanceof AddinError && missing.messages[0]!.includes('sheet "Frame" was not found'));
});

test("inputs as Excel tables; stored choice is validated when read back", async () => {
  const wb = freshWorkbook();
  putTable(wb, "Inputs1", ieciDataTable());
  wb.addTable("Inputs1", { row: 0, col: 0, rows: 38, cols: ieciDataTable()[0]!.length }, "Data");
  putTable(wb, "Inputs2", ieciFrameworkTable());
  wb.addTable(
    "Inputs2",
    { row: 0, col: 0, rows: ieciFrameworkTable().length, cols: ieciFrameworkTable()[0]!.length },
    "Framework",
  );
  const detected = await detectSources();
  assert.deepEqual(detected.data, { kind: "table", table: "Data" });
  assert.deepEqual(detected.framework, { kind: "table", table: "Framework" });
  await saveChoice(detected.choice!);
  const summary = await runIndex((await loadStoredChoice())!);
  assert.equal(summary.top.length, 10);
  wb.settings.set("IndexStudio.choice", JSON.stringify({ version: 1, data: { kind: "sheet" } }));
  assert.equal(await loadStoredChoice(), null);
  assert.match((await detectSources()).warnings[0]!, /unreadable/);
  await assert.rejects(
    saveChoice({ version: 1, data: { kind: "sheet", sheet: "" } } as unknown as StoredChoice),
    AddinError,
  );
});
