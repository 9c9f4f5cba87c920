// Reading workbooks as Excel's Range.values would: cached formula results, rich text, errors, dates, merged cells.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import ExcelJS from "exceljs";
import { inputKind, plainCell, readWorkbookTables } from "../../src/cli/read";
import { tempDir } from "./helpers";

test("plainCell: each exceljs value as a plain number, text, boolean or null", () => {
  assert.equal(plainCell(null), null);
  assert.equal(plainCell(3.5), 3.5);
  assert.equal(plainCell("n/a"), "n/a");
  assert.equal(plainCell(true), true);
  assert.equal(plainCell({ formula: "A1*2", result: 7 }), 7, "a formula gives its saved result");
  assert.equal(plainCell({ sharedFormula: "B2", result: "x" } as ExcelJS.CellValue), "x");
  assert.equal(plainCell({ formula: "1/0", result: { error: "#DIV/0!" } }), "#DIV/0!");
  assert.equal(
    plainCell({ error: "#N/A" }),
    "#N/A",
    "errors arrive as their text, which the engine reports as missing",
  );
  assert.equal(plainCell({ richText: [{ text: "New " }, { text: "York", font: { bold: true } }] }), "New York");
  assert.equal(plainCell({ text: "site", hyperlink: "https://example.org" }), "site");
  assert.equal(plainCell(new Date(Date.UTC(2022, 0, 1))), 44562, "dates as Excel serial numbers (2022-01-01 = 44562)");
  let missing = 0;
  assert.equal(
    plainCell({ formula: "A1" }, () => missing++),
    null,
  );
  assert.equal(missing, 1);
});

test("readWorkbookTables: the used block of each sheet with its origin; merged cells only in their first cell; notes for formulas without results", async () => {
  const path = join(tempDir(), "book.xlsx");
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet("data"); // sheet names match case-insensitively
  data.getCell("C4").value = "uCode";
  data.getCell("D4").value = "X";
  data.getCell("C5").value = "A";
  data.getCell("D5").value = { formula: "1+1", result: 2 };
  data.getCell("C6").value = "B";
  data.getCell("D6").value = { formula: "D5*2" } as ExcelJS.CellValue;
  const framework = workbook.addWorksheet("Framework");
  framework.getCell("A1").value = "Header";
  framework.mergeCells("A1:B1");
  framework.getCell("A2").value = "X";
  framework.getCell("B2").value = "Index";
  await workbook.xlsx.writeFile(path);

  const tables = await readWorkbookTables(path);
  assert.deepEqual(tables.data, [
    ["uCode", "X"],
    ["A", 2],
    ["B", null],
  ]);
  assert.deepEqual(tables.origins.Data, { sheet: "data", row: 3, col: 2 });
  assert.deepEqual(tables.framework, [
    ["Header", null],
    ["X", "Index"],
  ]);
  assert.equal(tables.settings, undefined);
  assert.equal(tables.notes.length, 1);
  assert.match(tables.notes[0]!, /^data!D6 holds a formula with no saved result/);
});

test("inputKind: .csv or .xlsx, anything else is refused with the reason", () => {
  assert.equal(inputKind("a/b.CSV"), "csv");
  assert.equal(inputKind("book.xlsx"), "xlsx");
  assert.throws(() => inputKind("book.xls"), /must be a \.csv .* or an \.xlsx workbook, not "\.xls"/);
});
