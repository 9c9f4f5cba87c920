/** The resolved description: magnitude formats, wrapped header lines, styles, columns and print setup. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  finishReport,
  finishSheet,
  HEADER_STYLE,
  HIGHLIGHT_STYLE,
  magnitudeFormat,
  wrappedLines,
} from "../../../src/core/report";

describe("finishSheet", () => {
  it("picks decimals by the largest magnitude of a column, ignoring missing values", () => {
    assert.equal(magnitudeFormat([300, 1250.5, NaN]), "#,##0");
    assert.equal(magnitudeFormat([-300, 12]), "0.0"); // an office rent of 300 is 300.0, not 300.000
    assert.equal(magnitudeFormat([0.5, 7.25]), "0.00");
    assert.equal(magnitudeFormat([0.012, 0.5]), "0.000");
    assert.equal(magnitudeFormat([0.0042]), "0.0000");
    assert.equal(magnitudeFormat([null, NaN]), "0.00");
  });

  it("wraps a header at spaces, and around every CJK character", () => {
    // "Nominal rank" in 8 characters: "Nominal " then "rank".
    assert.equal(wrappedLines("Nominal rank", 8), 2);
    assert.equal(wrappedLines("Nominal rank", 12), 1);
    // Six CJK characters are 12 wide: two lines of 6.
    assert.equal(wrappedLines("名义排名变化", 6), 2);
  });

  it("resolves styles, colour scales, columns, header height and print setup", () => {
    const sheet = finishSheet({
      key: "uncertainty",
      name: "Bad/name?",
      cells: [
        ["Nominal rank", "Code", "Bar below"],
        [1, "LON", 0.5],
      ],
      table: { name: "T", rows: 2, cols: 3 },
      formats: [],
      colorScales: ["A2:A2"],
      highlights: ["B2"],
      freeze: { rows: 1, cols: 0 },
      columnWidths: [8, 10, 9],
      hiddenColumns: [2],
      charts: [],
    });
    assert.deepEqual(sheet.styles, [
      { range: "A1:C1", style: HEADER_STYLE },
      { range: "B2", style: HIGHLIGHT_STYLE },
    ]);
    assert.deepEqual(sheet.conditionalFormats, [
      { range: "A2:A2", low: "#F8696B", mid: "#FFEB84", midPercentile: 50, high: "#63BE7B" },
    ]);
    // "Nominal" (7) + the filter button (3) widens column A from 8 to 10; C stays hidden.
    assert.deepEqual(sheet.columns, [
      { width: 10, hidden: false },
      { width: 10, hidden: false },
      { width: 9, hidden: true },
    ]);
    // "Nominal rank" in 10 - 3 = 7 characters: two lines of 15 pt.
    assert.deepEqual(sheet.rowHeights, [{ row: 0, points: 30 }]);
    assert.deepEqual(sheet.print, { orientation: "landscape", fitToPagesWide: 1, repeatRows: 1 });
    assert.deepEqual(
      finishReport([sheet, sheet]).map((s) => s.name),
      ["Bad_name_", "Bad_name_ (2)"],
    );
  });
});
