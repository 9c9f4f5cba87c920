/** The fake's own enforcement: it must fail where Excel fails, or adapter tests prove nothing. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createContext, FORMULA_RESULT, makeExcel, parseAddress, WorkbookModel } from "./fake-excel";

// The fake is untyped for the adapter's purposes; tests drive it like Office.js code would.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function setup() {
  const wb = new WorkbookModel();
  wb.setValues("Data", [
    ["uCode", "x"],
    ["A", 1],
    ["B", 2],
  ]);
  const ctx = createContext(wb) as Any;
  return { wb, ctx };
}

test("reading a property that was not loaded and synced throws PropertyNotLoaded", async () => {
  const { ctx } = setup();
  const sheet = ctx.workbook.worksheets.getItem("Data");
  assert.throws(() => sheet.name, /PropertyNotLoaded|not available/);
  const range = sheet.getRange("A1:B3").load("values");
  assert.throws(
    () => range.values,
    (e: Any) => e.code === "PropertyNotLoaded",
  );
  await ctx.sync();
  assert.deepEqual(range.values, [
    ["uCode", "x"],
    ["A", 1],
    ["B", 2],
  ]);
  assert.throws(
    () => range.address,
    (e: Any) => e.code === "PropertyNotLoaded",
  );
});

test("queued writes are invisible to other reads until sync", async () => {
  const { wb, ctx } = setup();
  const sheet = ctx.workbook.worksheets.getItem("Data");
  sheet.getRange("C1").values = [["new"]];
  assert.equal(wb.sheetByName("Data")!.value(0, 2), undefined);
  const reader = sheet.getRange("C1").load("values");
  await ctx.sync();
  assert.equal(wb.sheetByName("Data")!.value(0, 2), "new");
  assert.deepEqual(reader.values, [["new"]]);
});

test("getItem throws ItemNotFound at sync; getItemOrNullObject gives isNullObject", async () => {
  const { ctx } = setup();
  const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
  const present = ctx.workbook.worksheets.getItemOrNullObject("data");
  assert.throws(() => missing.isNullObject, /not available/);
  await ctx.sync();
  assert.equal(missing.isNullObject, true);
  assert.equal(present.isNullObject, false);
  ctx.workbook.worksheets.getItem("Nope").load("name");
  await assert.rejects(ctx.sync(), (e: Any) => e.code === "ItemNotFound");
});

test("A1 addresses: qualified, quoted, whole columns and rows", () => {
  assert.deepEqual(parseAddress("Sheet1!A1:C3"), { sheet: "Sheet1", rect: { row: 0, col: 0, rows: 3, cols: 3 } });
  assert.deepEqual(parseAddress("'My sheet'!B2"), { sheet: "My sheet", rect: { row: 1, col: 1, rows: 1, cols: 1 } });
  assert.deepEqual(parseAddress("'It''s'!$B$2:$C$4"), { sheet: "It's", rect: { row: 1, col: 1, rows: 3, cols: 2 } });
  assert.deepEqual(parseAddress("B:D").rect, { row: 0, col: 1, rows: 1_048_576, cols: 3 });
  assert.deepEqual(parseAddress("3:4").rect, { row: 2, col: 0, rows: 2, cols: 16_384 });
  assert.deepEqual(parseAddress("AA10").rect, { row: 9, col: 26, rows: 1, cols: 1 });
  assert.throws(() => parseAddress("A0"));
  assert.throws(() => parseAddress("A1:B2:C3"));
  assert.throws(() => parseAddress("XFE1"));
});

test("values must match the range shape; used range and addresses come back as Excel gives them", async () => {
  const { ctx } = setup();
  const sheet = ctx.workbook.worksheets.add("My sheet");
  sheet.getRange("B2:C2").values = [[1, 2, 3]];
  await assert.rejects(ctx.sync(), (e: Any) => e.code === "InvalidArgument");
  sheet.getRangeByIndexes(1, 1, 2, 2).values = [
    [1, 2],
    [3, ""],
  ];
  const used = sheet.getUsedRange(true).load("address, rowIndex, columnIndex, rowCount, columnCount");
  await ctx.sync();
  assert.equal(used.address, "'My sheet'!B2:C3");
  assert.deepEqual([used.rowIndex, used.columnIndex, used.rowCount, used.columnCount], [1, 1, 2, 2]);
});

test("text is read as Excel reads typed text unless the cell is formatted as text", async () => {
  const { wb, ctx } = setup();
  const sheet = ctx.workbook.worksheets.getItem("Data");
  const hostile = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "12%", "007"];
  sheet.getRange("D1:I1").values = [hostile];
  sheet.getRange("D2:I2").numberFormat = [hostile.map(() => "@")];
  sheet.getRange("D2:I2").values = [hostile];
  await ctx.sync();
  const model = wb.sheetByName("Data")!;
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((c) => model.value(0, 3 + c)),
    [FORMULA_RESULT, 1, -1, FORMULA_RESULT, 0.12, 7],
  );
  assert.equal(model.formula(0, 3), hostile[0]);
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((c) => model.value(1, 3 + c)),
    hostile,
  );
});

test("sheet rules: unique names, last visible sheet, positions", async () => {
  const { wb, ctx } = setup();
  ctx.workbook.worksheets.add("DATA");
  await assert.rejects(ctx.sync(), (e: Any) => e.code === "ItemAlreadyExists");
  ctx.workbook.worksheets.getItem("Data").delete();
  await assert.rejects(ctx.sync(), (e: Any) => e.code === "InvalidOperation");
  const b = ctx.workbook.worksheets.add("B");
  const c = ctx.workbook.worksheets.add("C");
  c.position = 0;
  b.visibility = "Hidden";
  const all = ctx.workbook.worksheets.load("items/name, items/position, items/visibility");
  await ctx.sync();
  assert.deepEqual(
    all.items.map((s: Any) => [s.name, s.position, s.visibility]),
    [
      ["C", 0, "Visible"],
      ["Data", 1, "Visible"],
      ["B", 2, "Hidden"],
    ],
  );
  assert.deepEqual(
    wb.sheets.map((s) => s.name),
    ["C", "Data", "B"],
  );
});

test("tables share one namespace, get unique headers; charts keep their series ranges across renames", async () => {
  const { wb, ctx } = setup();
  const sheet = ctx.workbook.worksheets.getItem("Data");
  sheet.getRange("A1:B1").values = [["x", "x"]];
  const table = sheet.tables.add(sheet.getRange("A1:B3"), true);
  table.name = "Results";
  const chart = sheet.charts.add("BarClustered", sheet.getRange("B2:B3"), "Columns");
  chart.series.getItemAt(0).setXAxisValues(sheet.getRange("A2:A3"));
  chart.title.text = "Top";
  sheet.name = "Renamed";
  await ctx.sync();
  assert.deepEqual(wb.sheetByName("Renamed")!.value(0, 1), "x2");
  const snap = wb.snapshot() as Any;
  assert.deepEqual(snap.tables, [{ name: "Results", sheet: "Renamed", range: "A1:B3" }]);
  assert.equal(snap.sheets[0].charts[0].series[0].values, "Renamed!B2:B3");
  assert.equal(snap.sheets[0].charts[0].series[0].xValues, "Renamed!A2:A3");
  ctx.workbook.worksheets.add("Other").tables.add("Other!A1:A2", true).name = "results";
  await assert.rejects(ctx.sync(), (e: Any) => e.code === "ItemAlreadyExists");
});

test("syncs are counted with request sizes; requests over 5 MB are rejected; injected failures stop the batch", async () => {
  const wb = new WorkbookModel();
  wb.addSheet("S");
  const Excel = makeExcel(wb) as Any;
  const big = Array.from({ length: 300_000 }, (_, i) => [i + 0.123456789, "name " + i]);
  await assert.rejects(
    Excel.run(async (ctx: Any) => {
      ctx.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, big.length, 2).values = big;
      await ctx.sync();
    }),
    (e: Any) => e.code === "RequestPayloadSizeLimitExceeded",
  );
  assert.equal(wb.sheetByName("S")!.value(0, 0), undefined);
  assert.ok(wb.requests[0]!.requestBytes > 5 * 1024 * 1024);
  wb.failOperation("Worksheet.name");
  await assert.rejects(
    Excel.run(async (ctx: Any) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1").values = [[1]];
      ctx.workbook.worksheets.getItem("S").name = "T";
      ctx.workbook.worksheets.getItem("S").getRange("A2").values = [[2]];
    }),
    /injected failure/,
  );
  assert.equal(wb.sheetByName("S")!.value(0, 0), 1);
  assert.equal(wb.sheetByName("S")!.value(1, 0), undefined);
  assert.equal(wb.syncCount, 2);
});

test("settings hold JSON, events fire for user edits with their trigger source", async () => {
  const wb = new WorkbookModel();
  wb.setValues("Data", [["a"]]);
  const Excel = makeExcel(wb) as Any;
  const seen: Any[] = [];
  await Excel.run(async (ctx: Any) => {
    ctx.workbook.settings.add("k", { a: [1, 2] });
    ctx.workbook.worksheets.getItem("Data").onChanged.add((args: Any) => seen.push(args));
  });
  const value = await Excel.run(async (ctx: Any) => {
    const s = ctx.workbook.settings.getItemOrNullObject("k").load("value");
    await ctx.sync();
    return s.value;
  });
  assert.deepEqual(value, { a: [1, 2] });
  wb.userEdit("Data", [["b"]], 1, 0);
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(seen.length, 1);
  assert.equal(seen[0].triggerSource, "Unknown");
  assert.equal(seen[0].address, "A2");
});

// ---- Excel's rules from issue 10, section 3: each must fail here as it fails in Excel ----

test("radar charts take no axis title: setting one fails the request (other chart types take them)", async () => {
  const { wb, ctx } = setup();
  const sheet = ctx.workbook.worksheets.getItem("Data");
  const bar = sheet.charts.add("BarClustered", sheet.getRange("B2:B3"), "Columns");
  bar.axes.valueAxis.title.text = "Score";
  await ctx.sync();
  assert.equal(wb.sheetByName("Data")!.charts[0]!.axes.value.title, "Score");
  const radar = sheet.charts.add("Radar", sheet.getRange("B2:B3"), "Columns");
  radar.axes.valueAxis.title.text = "Score";
  radar.title.text = "after";
  await assert.rejects(
    ctx.sync(),
    (e: Any) => e.code === "InvalidArgument" && /Radar chart has no axis titles/.test(e.message),
  );
  assert.equal(wb.sheetByName("Data")!.charts[1]!.title, "", "the batch stopped at the axis title");
});

test("freeze panes fail on a hidden sheet and work once it is visible (office-js #1463)", async () => {
  const { wb, ctx } = setup();
  const hidden = ctx.workbook.worksheets.add("Staged");
  hidden.visibility = "Hidden";
  hidden.freezePanes.freezeRows(1);
  await assert.rejects(ctx.sync(), (e: Any) => e.code === "InvalidOperation" && /#1463/.test(e.message));
  const sheet = ctx.workbook.worksheets.getItem("Staged");
  sheet.visibility = "Visible";
  sheet.freezePanes.freezeRows(1);
  await ctx.sync();
  assert.deepEqual(wb.sheetByName("Staged")!.freeze, { rows: 1, cols: 0 });
});

test("cell-edit mode: a batch fails with InvalidOperationInCellEditMode unless delayForCellEdit (ExcelApi 1.11) makes it wait", async () => {
  const wb = new WorkbookModel();
  wb.setValues("Data", [["a"]]);
  const Excel = makeExcel(wb) as Any;
  const write = (ctx: Any) => {
    ctx.workbook.worksheets.getItem("Data").getRange("B1").values = [["x"]];
  };
  wb.startCellEdit();
  await assert.rejects(
    Excel.run(async (ctx: Any) => write(ctx)),
    (e: Any) => e.code === "InvalidOperationInCellEditMode",
  );
  assert.equal(wb.sheetByName("Data")!.value(0, 1), undefined);
  let done = false;
  const waiting = Excel.run({ delayForCellEdit: true }, async (ctx: Any) => write(ctx)).then(() => (done = true));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(done, false, "waits while the user types");
  wb.endCellEdit();
  await waiting;
  assert.equal(wb.sheetByName("Data")!.value(0, 1), "x");
  wb.excelApiMinor = 10; // before ExcelApi 1.11 the option does nothing
  wb.startCellEdit();
  await assert.rejects(
    Excel.run({ delayForCellEdit: true }, async (ctx: Any) => write(ctx)),
    (e: Any) => e.code === "InvalidOperationInCellEditMode",
  );
  wb.endCellEdit();
});

test("a chart sheet active: getActiveWorksheet fails the batch (office-js #2444)", async () => {
  const { wb, ctx } = setup();
  wb.chartSheetActive = true;
  ctx.workbook.worksheets.getActiveWorksheet().load("id");
  await assert.rejects(ctx.sync(), (e: Any) => e.code === "GeneralException");
});

test("co-authoring: a remote edit raises onChanged with source Remote", async () => {
  const wb = new WorkbookModel();
  wb.setValues("Data", [["a"]]);
  const Excel = makeExcel(wb) as Any;
  const seen: Any[] = [];
  await Excel.run(async (ctx: Any) => {
    ctx.workbook.worksheets.getItem("Data").onChanged.add((args: Any) => seen.push(args));
  });
  wb.userEdit("Data", [["b"]], 1, 0);
  wb.remoteEdit("Data", [["c"]], 2, 0);
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(
    seen.map((a) => a.source),
    ["Local", "Remote"],
  );
});

test("references: renaming a sheet rewrites formulas and names; deleting it turns them into #REF!", async () => {
  const { wb, ctx } = setup();
  wb.setValues("Results", [["Index"], [1]]);
  wb.addTable("Results", { row: 0, col: 0, rows: 2, cols: 1 }, "ResTable");
  const notes = wb.addSheet("Notes");
  notes.setFormula(0, 0, '=Results!A2*2&"Results!A1"');
  notes.setFormula(1, 0, "=SUM(ResTable[Index])+'Data'!B2");
  wb.names.push({ name: "Top", formula: "=Results!$A$2" });
  const chart = notes.charts; // a user's chart on Notes bound to Results
  chart.push({
    id: "c",
    name: "Mine",
    type: "Line",
    title: "",
    legendVisible: true,
    series: [
      {
        name: "s",
        values: { sheet: wb.sheetByName("Results")!, rect: { row: 1, col: 0, rows: 1, cols: 1 } },
        xValues: null,
        yErrorBars: { visible: false, include: "Both", type: "FixedValue" },
      },
    ],
    axes: {} as Any,
    position: null,
    deleted: false,
  });
  ctx.workbook.worksheets.getItem("Results").name = "Old results";
  await ctx.sync();
  assert.equal(
    notes.formula(0, 0),
    `='Old results'!A2*2&"Results!A1"`,
    "references follow the sheet; text in quotes is not a reference",
  );
  assert.equal(wb.names[0]!.formula, "='Old results'!$A$2");
  ctx.workbook.worksheets.getItem("Old results").delete();
  await ctx.sync();
  assert.equal(notes.formula(0, 0), `=#REF!A2*2&"Results!A1"`);
  assert.equal(notes.value(0, 0), "#REF!");
  assert.equal(
    notes.formula(1, 0),
    "=SUM(#REF!)+'Data'!B2",
    "a structured reference to a table on the deleted sheet breaks too",
  );
  assert.equal(wb.names[0]!.formula, "=#REF!$A$2");
  assert.equal((wb.snapshot() as Any).sheets.find((s: Any) => s.name === "Notes").charts[0].series[0].values, "#REF!");
});

test("print and column rules: pageLayout needs ExcelApi 1.9, print titles are whole rows, columnHidden reads null when mixed", async () => {
  const { wb, ctx } = setup();
  const sheet = ctx.workbook.worksheets.getItem("Data");
  sheet.pageLayout.orientation = "Landscape";
  sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  sheet.pageLayout.setPrintTitleRows("$1:$1");
  sheet.getRange("B:B").columnHidden = true;
  sheet.getRange("A1").format.wrapText = true;
  await ctx.sync();
  const model = wb.sheetByName("Data")!;
  assert.deepEqual(model.pageLayout, {
    orientation: "Landscape",
    zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    printTitleRows: "$1:$1",
  });
  assert.deepEqual([...model.hiddenColumns], [1]);
  const mixed = sheet.getRange("A1:B1").load("columnHidden");
  await ctx.sync();
  assert.equal(mixed.columnHidden, null);
  sheet.pageLayout.setPrintTitleRows("A1:B2");
  await assert.rejects(ctx.sync(), (e: Any) => e.code === "InvalidArgument");
  wb.excelApiMinor = 8;
  sheet.pageLayout.orientation = "Portrait";
  await assert.rejects(ctx.sync(), (e: Any) => e.code === "ApiNotFound");
  assert.equal(model.pageLayout.orientation, "Landscape");
});

test("chart rules: tick label spacing is for category axes, point labels only on existing points", async () => {
  const { wb, ctx } = setup();
  const sheet = ctx.workbook.worksheets.getItem("Data");
  const bar = sheet.charts.add("BarClustered", sheet.getRange("B2:B3"), "Columns");
  bar.axes.categoryAxis.tickLabelSpacing = 1;
  bar.plotVisibleOnly = false;
  const scatter = sheet.charts.add("XYScatter", sheet.getRange("B2:B3"), "Columns");
  const point = scatter.series.getItemAt(0).points.getItemAt(1);
  point.hasDataLabel = true;
  point.dataLabel.text = "B";
  await ctx.sync();
  const [barModel, scatterModel] = wb.sheetByName("Data")!.charts;
  assert.equal(barModel!.axes.category.tickLabelSpacing, 1);
  assert.equal(barModel!.plotVisibleOnly, false);
  assert.deepEqual([...scatterModel!.series[0]!.pointLabels!], [[1, "B"]]);
  scatter.axes.categoryAxis.tickLabelSpacing = 1;
  await assert.rejects(ctx.sync(), (e: Any) => e.code === "InvalidArgument");
  scatter.series.getItemAt(0).points.getItemAt(2).dataLabel.text = "none";
  await assert.rejects(ctx.sync(), (e: Any) => e.code === "ItemNotFound");
});
