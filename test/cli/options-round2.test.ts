/**
 * The options of issue 13 on the command line: an option error the engine finds (a code that is not
 * in the tables) names its Settings cell, a Framework Normalize cell names its CSV cell, and --json
 * logs the method of every indicator and the reason of every exclusion.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import ExcelJS from "exceljs";
import { readCsvNumeric } from "../helpers/conformance";
import { ASEM, runInProcess, tempDir } from "./helpers";

async function workbook(path: string, settings: (string | number)[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Data").addRows(readCsvNumeric(join(ASEM, "data.csv")));
  wb.addWorksheet("Framework").addRows(readCsvNumeric(join(ASEM, "meta.csv")));
  wb.addWorksheet("Settings").addRows(settings);
  await wb.xlsx.writeFile(path);
}

test("an unknown unit in screen.include and an unknown indicator in normalize.byIndicator name their Settings cells", async () => {
  const dir = tempDir();
  const path = join(dir, "asem.xlsx");
  await workbook(path, [
    ["Key", "Value"],
    ["screen.minCoverage", 0.9],
    ["screen.include", "ZZZ, AUT"],
  ]);
  const bad = await runInProcess(["compute", path]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /Settings!B3: unit "ZZZ" in screen\.include is not a unit code of Data/);
  await workbook(path, [
    ["Key", "Value"],
    ["normalize.byIndicator.Nope.method", "rank"],
  ]);
  const code = await runInProcess(["compute", path]);
  assert.equal(code.code, 1);
  assert.match(code.stderr, /Settings!A2: "Nope" in normalize\.byIndicator is not an indicator code of the Framework/);
});

test("a Framework Normalize cell in a CSV names its cell; --json logs methods and exclusion reasons", async () => {
  const dir = tempDir();
  const meta = readFileSync(join(ASEM, "meta.csv"), "utf8").split(/\r?\n/).filter(Boolean);
  const withColumn = meta.map(
    (line, i) => `${line},${i === 0 ? '"Normalize"' : line.includes('"LPI"') ? '"zscore sd=-1"' : ""}`,
  );
  writeFileSync(join(dir, "meta.csv"), withColumn.join("\n"));
  const bad = await runInProcess(["compute", join(ASEM, "data.csv"), "--meta", join(dir, "meta.csv")]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /meta\.csv!K2: Normalize "zscore sd=-1": sd must be greater than 0/);

  writeFileSync(
    join(dir, "meta.csv"),
    withColumn.map((line, i) => (i === 1 ? line.replace("zscore sd=-1", "zscore sd=2") : line)).join("\n"),
  );
  writeFileSync(join(dir, "spec.json"), JSON.stringify({ screen: { minCoverage: 0.9, exclude: ["AUT"] } }));
  const out = join(dir, "result.json");
  const good = await runInProcess([
    "compute",
    join(ASEM, "data.csv"),
    "--meta",
    join(dir, "meta.csv"),
    "--spec",
    join(dir, "spec.json"),
    "--json",
    out,
  ]);
  assert.equal(good.code, 0, good.stderr);
  const json = JSON.parse(readFileSync(out, "utf8"));
  const lpi = json.log.methods.find((m: { indicator: string }) => m.indicator === "LPI");
  assert.deepEqual(lpi, {
    indicator: "LPI",
    normalize: "zscore (mean 0, sd 2)",
    normalizeSource: "framework",
    treat: "none",
    treatSource: "global",
  });
  assert.deepEqual(json.log.excluded.find((e: { unit: string }) => e.unit === "AUT").reason, "forced");
  assert.ok(json.log.excluded.some((e: { reason: string }) => e.reason === "coverage"));
});
