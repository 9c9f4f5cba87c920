/** Sheet and table naming rules shared by both writers, by Excel's own limits; the one A1 module. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cleanSheetName, uniqueSheetName, uniqueTableName } from "../../../src/core/report";
import {
  columnIndex,
  columnLetter,
  parseA1,
  rangeA1,
  requireA1,
  sheetFormula,
  sheetOfAddress,
} from "../../../src/core/engine";

describe("sheet and table names", () => {
  it("renames a taken sheet name case-insensitively, as Excel compares them", () => {
    const taken = new Set(["results", "results (2)"]);
    assert.equal(uniqueSheetName("Results", taken), "Results (3)");
    assert.equal(uniqueSheetName("RESULTS", taken), "RESULTS (4)");
    assert.equal(uniqueSheetName("结果", taken), "结果");
    assert.ok(taken.has("结果"));
  });

  it("keeps names within 31 characters, suffix included, and replaces characters Excel forbids", () => {
    const long = "A very long sheet name that goes on";
    const first = uniqueSheetName(long, new Set());
    assert.equal(first, long.slice(0, 31));
    const second = uniqueSheetName(long, new Set([first.toLowerCase()]));
    assert.equal(second.length, 31);
    assert.ok(second.endsWith(" (2)"));
    assert.equal(cleanSheetName("a/b\\c?d*e[f]g:h"), "a_b_c_d_e_f_g_h");
    assert.equal(cleanSheetName("'quoted'"), "quoted");
    assert.equal(cleanSheetName("   "), "Index Studio");
  });

  it("makes table names valid identifiers, unique against tables and defined names", () => {
    const taken = new Set(["indexstudioresults"]);
    assert.equal(uniqueTableName("IndexStudioResults", taken), "IndexStudioResults_2");
    assert.equal(uniqueTableName("2 bad-name", taken), "_2_bad_name");
  });
});

describe("A1 notation", () => {
  it("quotes every chart reference and doubles apostrophes", () => {
    assert.equal(sheetFormula("Dashboard (2)", "B2:B38"), "'Dashboard (2)'!$B$2:$B$38");
    assert.equal(sheetFormula("O'Brien", "A1"), "'O''Brien'!$A$1");
    assert.equal(sheetOfAddress("'O''Brien'!A1"), "O'Brien");
  });

  it("parses ranges in either corner order and rejects what is not A1", () => {
    assert.deepEqual(parseA1("AB10:C2"), { row: 1, col: 2, rows: 9, cols: 26 });
    assert.equal(parseA1("B2:??"), null);
    assert.throws(() => requireA1("B2:??"), /not an A1 cell address/);
    assert.equal(rangeA1(1, 27, 9, 2), "AB2:C10");
    // 16,384 columns end at XFD (Excel's last column).
    assert.equal(columnLetter(16_383), "XFD");
    assert.equal(columnIndex("xfd"), 16_383);
    assert.equal(parseA1("XFE1"), null);
  });
});
