/** The Log sheet lists at most LOG_IMPUTED_LIMIT imputed cells and says exactly how many it left off. */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { computeIndex, type Cell } from "../../../src/core/engine";
import { buildReport } from "../../../src/core/report/build";
import { LOG_IMPUTED_LIMIT } from "../../../src/core/report/log";
import type { IndexResult } from "../../../src/core/result";
import type { SheetPlan } from "../../../src/core/report/types";
import { resultJson } from "../../../src/cli/results";
import { syntheticTables } from "../../../bench/synthetic";
import { sheetOf } from "./plan-helpers";

const MEAN = { impute: { method: "mean" } };

/** Empty indicator cells of the data table, counted independently of the engine. */
function emptyIndicatorCells(data: Cell[][]): number {
  const cols = data[0]!.flatMap((h, c) => (/^I\d+$/.test(String(h)) ? [c] : []));
  return data.slice(1).reduce((n, row) => n + cols.filter((c) => row[c] === null || row[c] === "").length, 0);
}

function imputedSection(log: SheetPlan, title: string): { at: number; end: number } {
  const at = log.cells.findIndex((r) => r.length === 1 && r[0] === title) + 2;
  return { at, end: log.cells.findIndex((r, i) => i >= at && r.length === 0) };
}

describe("Log sheet: imputed cells beyond the limit", () => {
  let data: Cell[][];
  let result: IndexResult;
  let total: number;

  before(() => {
    // 700 units × 90 indicators with 20 % missing: about 12,600 imputed cells.
    const tables = syntheticTables(700, 90, 11, 0.2);
    data = tables.data;
    result = computeIndex(tables.data, tables.framework, MEAN);
    total = emptyIndicatorCells(data);
  });

  it("the engine imputes every empty cell, more than the limit", () => {
    assert.equal(result.log.imputed.length, total);
    assert.ok(total > LOG_IMPUTED_LIMIT + 1000, `${total} imputed cells`);
  });

  it("lists the first LOG_IMPUTED_LIMIT, then one line with the exact number left off", () => {
    const log = sheetOf(buildReport(result, { language: "en" }), "log");
    const { at, end } = imputedSection(log, "Imputed cells");
    assert.equal(end - at, LOG_IMPUTED_LIMIT + 1);
    const listed = log.cells.slice(at, at + LOG_IMPUTED_LIMIT);
    assert.deepEqual(
      listed.map((r) => `${r[0]}|${r[1]}`),
      result.log.imputed.slice(0, LOG_IMPUTED_LIMIT).map((c) => `${c.unit}|${c.indicator}`),
    );
    const more = (total - LOG_IMPUTED_LIMIT).toLocaleString("en-US");
    assert.deepEqual(log.cells[end - 1], [
      `… and ${more} more imputed cells (${total.toLocaleString("en-US")} in all), not listed here to stay within Excel's row limit; the command line's --json output lists them all.`,
    ]);
    const format = log.formats.find((f) => f.numberFormat === "0.000")!;
    assert.equal(
      format.range,
      `C${at + 1}:C${at + LOG_IMPUTED_LIMIT}`,
      "the number format stops at the last listed value",
    );
  });

  it("the sheet's size no longer grows with the number of missing cells", () => {
    const worse = syntheticTables(700, 90, 11, 0.4);
    const rows = (r: IndexResult) => sheetOf(buildReport(r, { language: "en" }), "log").cells.length;
    const worseResult = computeIndex(worse.data, worse.framework, MEAN);
    assert.ok(worseResult.log.imputed.length > 2 * LOG_IMPUTED_LIMIT);
    assert.equal(rows(worseResult) - worseResult.log.excluded.length, rows(result) - result.log.excluded.length);
  });

  it("says so in Chinese too", () => {
    const log = sheetOf(buildReport(result, { language: "zh-CN" }), "log");
    const { end } = imputedSection(log, "插补的单元格");
    assert.match(
      String(log.cells[end - 1]![0]),
      new RegExp(
        `^……另有 ${(total - LOG_IMPUTED_LIMIT).toLocaleString("en-US")} 个插补的单元格（共 ${total.toLocaleString("en-US")} 个）`,
      ),
    );
  });

  it("the JSON result keeps every imputed cell", () => {
    const json = JSON.parse(resultJson(result, {})) as { log: { imputed: unknown[] } };
    assert.equal(json.log.imputed.length, total);
  });
});

describe("Log sheet: imputed cells within the limit", () => {
  it("lists them all with no closing line", () => {
    const tables = syntheticTables(200, 20, 3, 0.1);
    const result = computeIndex(tables.data, tables.framework, MEAN);
    const total = emptyIndicatorCells(tables.data);
    assert.ok(total > 100 && total <= LOG_IMPUTED_LIMIT);
    const log = sheetOf(buildReport(result, { language: "en" }), "log");
    const { at, end } = imputedSection(log, "Imputed cells");
    assert.equal(end - at, total);
    assert.ok(!log.cells.some((r) => String(r[0]).startsWith("… and")));
  });
});
