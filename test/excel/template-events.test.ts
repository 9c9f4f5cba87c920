/** Templates never overwrite, auto-refresh reacts to the user only, output in Chinese, plans from the analysis. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ieciDataTable, ieciFrameworkTable } from "../../src/core/sample";
import { reportText } from "../../src/core/report";
import type { ReportPlan } from "../../src/core/report";
import {
  AddinError,
  createTemplate,
  detectSources,
  enableAutoRefresh,
  loadStoredChoice,
  runIndex,
  saveChoice,
  selectedRangeSource,
  writeReportPlan,
  type StoredChoice,
} from "../../src/excel/index";
import { computeIndex } from "../../src/core/engine";
import { createContext } from "./fake-excel";
import { freshWorkbook, putTable, sheetNamed, sheetValues } from "./helpers";
import { finishSheet } from "../../src/core/report";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("createTemplate never overwrites: existing Data keeps its cells, the template goes to Data (2) and the choice follows", async () => {
  const wb = freshWorkbook();
  putTable(wb, "Data", [["mine", 1]]);
  const before = JSON.stringify(sheetValues(wb.sheetByName("Data")!));
  const choice = await createTemplate("ieci", "en");
  assert.equal(JSON.stringify(sheetValues(wb.sheetByName("Data")!)), before);
  assert.deepEqual(choice.data, { kind: "sheet", sheet: "Data (2)" });
  assert.deepEqual((await loadStoredChoice())!.data, { kind: "sheet", sheet: "Data (2)" });
  assert.deepEqual(
    wb.sheets.map((s) => s.name),
    ["Data", "Data (2)", "Framework", "Settings", "About"],
  );
  // Text is stored as text: codes and names exactly as the sample has them.
  assert.deepEqual(
    sheetValues(sheetNamed(wb, "Data (2)"))
      .slice(0, 3)
      .map((r) => r.slice(0, 4)),
    ieciDataTable()
      .slice(0, 3)
      .map((r) => r.slice(0, 4)),
  );
  const summary = await runIndex(choice);
  assert.equal(summary.top[0]!.name, "London");
});

test("the blank skeleton is a valid framework in the chosen language, on sheets named in it; running it asks for data by cell, in that language", async () => {
  const wb = freshWorkbook();
  const choice = await createTemplate("blank", "zh-CN");
  assert.deepEqual(
    wb.sheets.map((s) => s.name),
    ["数据", "框架", "设置"],
  );
  assert.equal(sheetNamed(wb, "框架").value(7, 1), "指数");
  assert.equal(sheetNamed(wb, "数据").value(1, 1), "单位 1");
  // Detection takes the Chinese names for Data, Framework and Settings.
  const found = await detectSources();
  assert.deepEqual(
    [found.data, found.framework, found.settings],
    [
      { kind: "sheet", sheet: "数据" },
      { kind: "sheet", sheet: "框架" },
      { kind: "sheet", sheet: "设置" },
    ],
  );
  const error = await runIndex(choice).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(error instanceof AddinError, String(error));
  // The stored choice says zh-CN: the message is Chinese, and English is kept for a switch of language.
  assert.ok(
    error.messages.some((m) => m.includes("IND1") && m.includes("没有任何值")),
    error.messages.join("\n"),
  );
  assert.ok(
    error.localized!.en.some((m) => m.includes("IND1") && m.includes("no values")),
    error.localized!.en.join("\n"),
  );
  assert.equal(wb.sheets.length, 3, "nothing written");
});

test("a failed template creation leaves no sheets behind", async () => {
  const wb = freshWorkbook();
  wb.addSheet("Sheet1");
  wb.failOperation("Range.values", 3);
  await assert.rejects(createTemplate("ieci", "en"), AddinError);
  assert.deepEqual(
    wb.sheets.map((s) => s.name),
    ["Sheet1"],
  );
});

test("auto-refresh: user edits run once after the debounce; the add-in's own writes and disabled watching do not", async () => {
  const wb = freshWorkbook();
  putTable(wb, "Data", ieciDataTable());
  putTable(wb, "Framework", ieciFrameworkTable());
  const choice: StoredChoice = {
    version: 1,
    data: { kind: "sheet", sheet: "Data" },
    framework: { kind: "sheet", sheet: "Framework" },
    settings: null,
  };
  await saveChoice(choice);
  let runs = 0;
  let finished = 0;
  const DEBOUNCE = 300;
  await enableAutoRefresh(
    true,
    async () => {
      runs++;
      await runIndex(choice);
      finished++;
    },
    { delayMs: DEBOUNCE },
  );
  wb.userEdit("Data", [[5]], 1, 5);
  wb.userEdit("Data", [[6]], 2, 5);
  wb.userEdit("Framework", [["Renamed"]], 1, 1);
  await waitFor(() => finished === 1);
  await sleep(2 * DEBOUNCE);
  assert.equal(runs, 1, "three quick edits, one run");
  // A write by the add-in itself to Data (as createTemplate would do) is ignored.
  const ctx = createContext(wb) as unknown as {
    workbook: { worksheets: { getItem(n: string): { getRange(a: string): { values: unknown } } } };
    sync(): Promise<void>;
  };
  ctx.workbook.worksheets.getItem("Data").getRange("F2").values = [[7]];
  await ctx.sync();
  await sleep(2 * DEBOUNCE);
  assert.equal(runs, 1);
  await enableAutoRefresh(false, () => undefined);
  wb.userEdit("Data", [[8]], 1, 5);
  await sleep(2 * DEBOUNCE);
  assert.equal(runs, 1);
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await sleep(10);
  }
}

test("output in Simplified Chinese: sheet names and headers from the report's own texts", async () => {
  const wb = freshWorkbook();
  putTable(wb, "Data", ieciDataTable());
  putTable(wb, "Framework", ieciFrameworkTable());
  const summary = await runIndex(
    {
      version: 1,
      data: { kind: "sheet", sheet: "Data" },
      framework: { kind: "sheet", sheet: "Framework" },
      settings: null,
    },
    { language: "zh-CN" },
  );
  const zh = reportText("zh-CN");
  assert.equal(summary.sheets[0], zh.sheetResults);
  assert.equal(sheetNamed(wb, zh.sheetResults).value(0, 0), zh.rank);
});

test("writeReportPlan writes extra plans (analysis sheets) beside the main output without removing it", async () => {
  const wb = freshWorkbook();
  putTable(wb, "Data", ieciDataTable());
  putTable(wb, "Framework", ieciFrameworkTable());
  await runIndex({
    version: 1,
    data: { kind: "sheet", sheet: "Data" },
    framework: { kind: "sheet", sheet: "Framework" },
    settings: null,
  });
  const plan: ReportPlan = {
    sheets: [
      finishSheet({
        key: "uncertainty",
        name: "Uncertainty",
        cells: [
          ["Unit", "Median rank", "Low", "High"],
          ["LON", 1, 1, 2],
          ["NYC", 2, 1, 3],
        ],
        table: { name: "IndexStudioUncertainty", rows: 3, cols: 4 },
        formats: [{ range: "B2:D3", numberFormat: "0" }],
        colorScales: [],
        highlights: ["C3"],
        freeze: { rows: 1, cols: 1 },
        columnWidths: [10, 12],
        charts: [
          {
            id: "rankInterval",
            kind: "rankInterval",
            title: "Rank intervals",
            legend: false,
            anchor: { row: 5, col: 0, rows: 10, cols: 6 },
            series: [
              {
                name: { sheet: "uncertainty", range: "B1" },
                categories: { sheet: "uncertainty", range: "A2:A3" },
                values: { sheet: "uncertainty", range: "B2:B3" },
              },
            ],
          },
        ],
      }),
    ],
  };
  const written = await writeReportPlan(plan);
  assert.deepEqual(written.sheets, ["Uncertainty"]);
  assert.ok(wb.sheetByName("Results") && wb.sheetByName("Dashboard"));
  const sheet = sheetNamed(wb, "Uncertainty");
  assert.equal(sheet.charts[0]!.series[0]!.name, "Median rank");
  assert.equal(sheet.charts[0]!.series[0]!.lineStyle, "None");
  assert.equal(sheet.charts[0]!.type, "LineMarkers");
  assert.equal(sheet.fills.get("C3"), "#FCE4D6");
  assert.deepEqual(sheet.freeze, { rows: 1, cols: 1 });
  // A refresh of the main output keeps the analysis sheet (it is ours, but not part of that plan).
  await runIndex({
    version: 1,
    data: { kind: "sheet", sheet: "Data" },
    framework: { kind: "sheet", sheet: "Framework" },
    settings: null,
  });
  assert.ok(wb.sheetByName("Uncertainty"));
  await assert.rejects(
    writeReportPlan({
      sheets: [
        {
          ...plan.sheets[0]!,
          charts: [
            { ...plan.sheets[0]!.charts[0]!, series: [{ values: { sheet: "weights", range: "A1:A2" }, name: "x" }] },
          ],
        },
      ],
    }),
    (e: unknown) => e instanceof AddinError && e.messages[0]!.includes("not in the report"),
  );
});

test("sheet limits: a plan wider than Excel's 16,384 columns or longer than 1,048,576 rows is refused before any write", async () => {
  const wb = freshWorkbook();
  wb.addSheet("Sheet1");
  const before = JSON.stringify(wb.snapshot({ ids: true }));
  const base = {
    key: "normalized" as const,
    name: "Normalized",
    formats: [],
    colorScales: [],
    highlights: [],
    freeze: { rows: 1, cols: 0 },
    charts: [],
  };
  const wide = finishSheet({ ...base, cells: [new Array(16_385).fill(1)] });
  await assert.rejects(
    writeReportPlan({ sheets: [wide] }),
    (e: unknown) => e instanceof AddinError && e.messages[0]!.includes("16,385 columns"),
  );
  const long = finishSheet({ ...base, cells: Array.from({ length: 1_048_577 }, () => [] as number[]) });
  await assert.rejects(
    writeReportPlan({ sheets: [long] }),
    (e: unknown) => e instanceof AddinError && e.messages[0]!.includes("1,048,577 rows"),
  );
  assert.equal(JSON.stringify(wb.snapshot({ ids: true })), before);
});

test("the selection as a range source; task pane options override Settings rows", async () => {
  const wb = freshWorkbook();
  putTable(wb, "Data", ieciDataTable(), 1, 1);
  putTable(wb, "Framework", ieciFrameworkTable());
  putTable(wb, "Settings", [
    ["Key", "Value"],
    ["normalize.method", "minmax"],
    ["impute.method", "median"],
  ]);
  wb.selection = {
    sheet: wb.sheetByName("Data")!,
    rect: { row: 1, col: 1, rows: 38, cols: ieciDataTable()[0]!.length },
  };
  const source = await selectedRangeSource();
  assert.deepEqual(source, { kind: "range", sheet: "Data", address: "B2:AD39" });
  const choice: StoredChoice = {
    version: 1,
    data: source,
    framework: { kind: "sheet", sheet: "Framework" },
    settings: { kind: "sheet", sheet: "Settings" },
    options: { normalize: { method: "zscore" } },
  };
  const summary = await runIndex(choice);
  const expected = computeIndex(ieciDataTable(), ieciFrameworkTable(), {
    normalize: { method: "zscore" },
    impute: { method: "median" },
  });
  const root = expected.framework.root;
  const scores = expected.scores.columns[expected.scores.codes.indexOf(root)]!;
  assert.equal(summary.top[0]!.score, Math.max(...scores.filter(Number.isFinite)));
  wb.selection = { sheet: wb.sheetByName("Data")!, rect: { row: 0, col: 0, rows: 1, cols: 3 } };
  await assert.rejects(selectedRangeSource(), AddinError);
});

test("a sheet that is not found is said in the run's language, with English kept for a switch", async () => {
  const wb = freshWorkbook();
  putTable(wb, "Data", ieciDataTable());
  putTable(wb, "Framework", ieciFrameworkTable());
  const choice: StoredChoice = {
    version: 1,
    data: { kind: "sheet", sheet: "Data" },
    framework: { kind: "sheet", sheet: "Framwork" },
    settings: null,
  };
  const error = await runIndex(choice, { language: "zh-CN" }).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(error instanceof AddinError, String(error));
  assert.deepEqual(error.messages, ["未找到工作表“Framwork”；请检查名称，或在任务窗格中重新选择数据。"]);
  assert.deepEqual(error.localized!.en, [
    'sheet "Framwork" was not found; check the name or choose the data again in the task pane.',
  ]);
  // Only the name the user typed is in Latin letters.
  assert.deepEqual(error.messages[0]!.replace("Framwork", "").match(/[A-Za-z]{2,}/g), null);
  assert.equal(wb.sheets.length, 2, "nothing written");
});
