/** Excel's sheet limits (1,048,576 rows, 16,384 columns): a result that cannot fit is a clear error before any write. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { computeIndex, IndexComputeError } from "../../src/core/engine";
import { buildReport } from "../../src/core/report/build";
import {
  checkSheetLimits,
  EXCEL_MAX_COLS,
  EXCEL_MAX_ROWS,
  planExtents,
  sheetLimitProblems,
} from "../../src/core/report/limits";
import type { Cell } from "../../src/core/types";
import { spawnCli, tempDir } from "../cli/helpers";
import { writeCsv } from "./cli-helpers";
import { freshWorkbook, putTable } from "../excel/helpers";
import { AddinError, runInExcel, writeReport } from "../../src/excel";

test("the limits are Excel's, and the boundary itself fits", () => {
  assert.equal(EXCEL_MAX_ROWS, 2 ** 20);
  assert.equal(EXCEL_MAX_COLS, 2 ** 14);
  assert.deepEqual(sheetLimitProblems([{ name: "Results", rows: 1_048_576, cols: 16_384 }]), []);
  const [rows] = sheetLimitProblems([{ name: "Results", rows: 1_048_577, cols: 3 }]);
  assert.match(rows!, /^The Results sheet would need 1,048,577 rows, more than Excel's 1,048,576; .*--csv or --json/);
  const [cols] = sheetLimitProblems([{ name: "Normalized", rows: 3, cols: 16_385 }]);
  assert.match(cols!, /^The Normalized sheet would need 16,385 columns, more than Excel's 16,384/);
  assert.throws(
    () => checkSheetLimits([{ name: "Scores", rows: 2_000_000, cols: 20_000 }]),
    (e: unknown) => e instanceof IndexComputeError && /rows/.test(e.message) && /columns/.test(e.message),
  );
});

/** 5 units × 16,400 indicators under one pillar: computes fine, but the Normalized sheet cannot fit. */
function wideTables(indicators = 16_400): { data: Cell[][]; framework: Cell[][] } {
  const codes = Array.from({ length: indicators }, (_, j) => `i${j}`);
  const data: Cell[][] = [["uCode", ...codes]];
  for (let u = 0; u < 5; u++) data.push([`U${u}`, ...codes.map((_, j) => u * ((j % 5) + 1) + (j % 7))]);
  const framework: Cell[][] = [["iCode", "Parent"], ["INDEX", null], ["P", "INDEX"], ...codes.map((c) => [c, "P"])];
  return { data, framework };
}

test("engine → report plan: the too-wide Normalized sheet is found by planExtents", () => {
  const { data, framework } = wideTables();
  const plan = buildReport(computeIndex(data, framework), { language: "en" });
  const problems = sheetLimitProblems(planExtents(plan));
  assert.ok(
    problems.some((p) => /Normalized sheet would need 16,40\d columns/.test(p)),
    problems.join("\n"),
  );
});

test("add-in: a Log sheet longer than 1,048,576 rows fails with the clear message before anything is written", async () => {
  // A Data sheet cannot be wider than Excel's own limit, so the reachable case in the add-in is rows:
  // the Log lists every imputed cell (10,000 units × 1,000 indicators with 11% missing would need more).
  const wb = freshWorkbook();
  const { data, framework } = wideTables(4);
  putTable(wb, "Data", data);
  putTable(wb, "Framework", framework);
  const plan = buildReport(computeIndex(data, framework), { language: "en" });
  const log = plan.sheets.find((s) => s.key === "log")!;
  for (let r = log.cells.length; r <= EXCEL_MAX_ROWS; r++) log.cells.push(["U0", "i0", 1, "mean"]);
  const before = JSON.stringify(wb.snapshot({ ids: true }));
  const requests = wb.requests.length;
  const error = await runInExcel((session) => writeReport(session, plan)).then(
    () => null,
    (e: unknown) => e as AddinError,
  );
  assert.ok(error instanceof AddinError, String(error));
  assert.match(error.messages.join("\n"), /^The Log sheet would need 1,048,577 rows, more than Excel's 1,048,576/);
  assert.equal(JSON.stringify(wb.snapshot({ ids: true })), before, "nothing written");
  assert.ok(
    wb.requests.slice(requests).every((r) => r.operations === 0 || r.requestBytes < 10_000),
    "only the small state-reading request was sent",
  );
});

test("command line: --out with a result too wide for Excel exits 1 with the message and writes nothing; --csv still works", async () => {
  const dir = tempDir();
  const { data, framework } = wideTables();
  writeCsv(join(dir, "data.csv"), data);
  writeCsv(join(dir, "framework.csv"), framework);
  const run = await spawnCli([
    "compute",
    join(dir, "data.csv"),
    "--meta",
    join(dir, "framework.csv"),
    "--out",
    join(dir, "out.xlsx"),
    "--csv",
    join(dir, "scores.csv"),
  ]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /sheet would need 16,40\d columns, more than Excel's 16,384/);
  assert.doesNotMatch(run.stderr, /internal error/);
  assert.deepEqual(
    readdirSync(dir).sort(),
    ["data.csv", "framework.csv"],
    "neither the workbook nor the CSV is written when the run fails",
  );
  const csvOnly = await spawnCli([
    "compute",
    join(dir, "data.csv"),
    "--meta",
    join(dir, "framework.csv"),
    "--csv",
    join(dir, "scores.csv"),
  ]);
  assert.equal(csvOnly.code, 0, csvOnly.stderr);
});
