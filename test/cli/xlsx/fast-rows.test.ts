/** Large sheets' rows written directly must give exactly the workbook exceljs would have written. */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { computeIndex, type Cell } from "../../../src/core/engine";
import { buildReport } from "../../../src/core/report/build";
import { buildResultWorkbook } from "../../../src/cli/xlsx";
import { qualifiesForFastRows } from "../../../src/cli/xlsx/fast-rows";
import { sheetPaths as worksheetPaths } from "./zip-probe";
import { asemTables } from "../../helpers/conformance";
import { HOSTILE_NAMES } from "./fixture";

const { data, meta } = asemTables();
const hostile: Cell[][] = data.map((row, r) =>
  r >= 1 && r <= HOSTILE_NAMES.length ? [HOSTILE_NAMES[r - 1]!, ...row.slice(1)] : [...row],
);
const plan = buildReport(computeIndex(hostile, meta, { impute: { method: "mean" }, screen: { minCoverage: 0.9 } }), {
  language: "en",
});

describe("rows written directly for large sheets", () => {
  const books: { book: ExcelJS.Workbook; zip: JSZip }[] = [];
  before(async () => {
    for (const largeSheetCells of [Infinity, 0]) {
      const { buffer } = await buildResultWorkbook({ plan, largeSheetCells });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(buffer as unknown as ArrayBuffer);
      books.push({ book, zip: await JSZip.loadAsync(buffer) });
    }
  });

  it("applies to the table sheets, not to the Log or the Dashboard", () => {
    assert.deepEqual(
      plan.sheets.filter(qualifiesForFastRows).map((s) => s.key),
      ["results", "scores", "ranks", "normalized"],
    );
  });

  it("gives the same values, types and number formats in every cell", () => {
    const [slow, fast] = books.map((b) => b.book);
    for (const sheet of plan.sheets) {
      const [a, b] = [slow!.getWorksheet(sheet.name)!, fast!.getWorksheet(sheet.name)!];
      assert.equal(b.rowCount, a.rowCount, sheet.name);
      let compared = 0;
      a.eachRow({ includeEmpty: true }, (row, r) => {
        row.eachCell({ includeEmpty: true }, (cell, c) => {
          const other = b.getCell(r, c);
          assert.deepEqual(other.value, cell.value, `${sheet.name}!${cell.address}`);
          assert.equal(other.type, cell.type, `${sheet.name}!${cell.address} type`);
          assert.equal(other.numFmt, cell.numFmt, `${sheet.name}!${cell.address} format`);
          compared++;
        });
      });
      assert.ok(compared >= sheet.cells.length, `${sheet.name}: ${compared} cells compared`);
    }
    const names = new Set<unknown>();
    fast!.getWorksheet("Results")!.eachRow((row) => names.add(row.getCell(3).value));
    for (const name of HOSTILE_NAMES) assert.ok(names.has(name), `${name} stays text`);
  });

  it("stretches the tables over every row and writes no formula", async () => {
    const tableRefs = async (zip: JSZip) =>
      Promise.all(
        Object.keys(zip.files)
          .filter((p) => /^xl\/tables\/table\d+\.xml$/.test(p))
          .sort()
          .map(async (p) =>
            /<table [^>]*ref="([^"]+)"[^>]*>.*<autoFilter ref="([^"]+)"/
              .exec(await zip.file(p)!.async("string"))!
              .slice(1),
          ),
      );
    const [slowRefs, fastRefs] = await Promise.all(books.map((b) => tableRefs(b.zip)));
    assert.deepEqual(fastRefs, slowRefs);
    assert.deepEqual(slowRefs![0], ["A1:Q52", "A1:Q52"]);
    const paths = await worksheetPaths(books[1]!.zip);
    for (const sheet of plan.sheets) {
      const xml = await books[1]!.zip.file(paths.get(sheet.name)!)!.async("string");
      assert.doesNotMatch(xml, /<f[ >]/);
      if (qualifiesForFastRows(sheet))
        assert.match(xml, new RegExp(`<dimension ref="A1:[A-Z]+${sheet.cells.length}"/>`));
    }
  });
});
