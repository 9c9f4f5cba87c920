/** Sheet and table naming rules of the writer, by Excel's own limits. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cleanSheetName, parseRange, sheetFormula, uniqueSheetName, uniqueTableName } from "../../../src/cli/xlsx/names";

describe("sheet and table names", () => {
  it("renames a taken sheet name case-insensitively, as Excel compares them", () => {
    const taken = new Set(["results", "results (2)"]);
    assert.equal(uniqueSheetName("Results", taken), "Results (3)");
    assert.equal(uniqueSheetName("RESULTS", taken), "RESULTS (4)");
    assert.equal(uniqueSheetName("结果", taken), "结果");
    assert.ok(taken.has("结果"));
  });

  it("keeps names within 31 characters, suffix included, and drops characters Excel forbids", () => {
    const long = "A very long sheet name that goes on";
    const first = uniqueSheetName(long, new Set());
    assert.equal(first, long.slice(0, 31));
    const second = uniqueSheetName(long, new Set([first.toLowerCase()]));
    assert.equal(second.length, 31);
    assert.ok(second.endsWith(" (2)"));
    assert.equal(cleanSheetName("a/b\\c?d*e[f]g:h"), "a b c d e f g h");
    assert.equal(cleanSheetName("'quoted'"), "quoted");
    assert.equal(cleanSheetName("   "), "Sheet");
  });

  it("makes table names valid identifiers, unique against tables and defined names", () => {
    const taken = new Set(["indexstudioresults"]);
    assert.equal(uniqueTableName("IndexStudioResults", taken), "IndexStudioResults2");
    assert.equal(uniqueTableName("2 bad-name", taken), "_2_bad_name");
  });

  it("quotes every chart reference and doubles apostrophes", () => {
    assert.equal(sheetFormula("Dashboard (2)", "B2:B38"), "'Dashboard (2)'!$B$2:$B$38");
    assert.equal(sheetFormula("O'Brien", "A1"), "'O''Brien'!$A$1");
    assert.deepEqual(parseRange("AB10:C2"), { row0: 1, col0: 2, row1: 9, col1: 27 });
    assert.throws(() => parseRange("B2:??"), /not an A1 cell address/);
  });
});
