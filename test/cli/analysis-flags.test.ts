// --audit --uncertainty N --sensitivity N --seed S --inputs: JSON, workbook sheets, usage errors.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import ExcelJS from "exceljs";
import { parseArgs } from "../../src/cli/args";
import { computeIndex } from "../../src/core/engine";
import { runAnalysis } from "../../src/core/analysis";
import { parseCsv } from "../../src/cli/csv";
import { ASEM, runInProcess, tempDir } from "./helpers";

const base = ["compute", join(ASEM, "data.csv"), "--meta", join(ASEM, "meta.csv")];

test("the analysis goes into the JSON result and the workbook, with the same numbers as runAnalysis", async () => {
  const dir = tempDir();
  const json = join(dir, "r.json");
  const out = join(dir, "r.xlsx");
  const run = await runInProcess([
    ...base,
    "--audit",
    "--uncertainty",
    "50",
    "--sensitivity",
    "10",
    "--seed",
    "3",
    "--json",
    json,
    "--out",
    out,
  ]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /uncertainty: 50 runs \(seed 3\)/);
  const document = JSON.parse(readFileSync(json, "utf8"));
  const expected = runAnalysis(
    computeIndex(
      parseCsv(readFileSync(join(ASEM, "data.csv"), "utf8")),
      parseCsv(readFileSync(join(ASEM, "meta.csv"), "utf8")),
    ),
    { audit: true, uncertainty: { runs: 50 }, sensitivity: { n: 10 }, seed: 3 },
  );
  assert.deepEqual(document.analysis.uncertainty.units[0], expected.uncertainty!.units[0]);
  assert.deepEqual(document.analysis.uncertainty.rankShift, Array.from(expected.uncertainty!.rankShift));
  assert.equal(document.analysis.sensitivity.indices[0].total, expected.sensitivity!.indices[0]!.total);
  assert.equal(document.analysis.audit.stats.length, 49);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  for (const name of ["Audit", "Uncertainty", "Sensitivity"]) assert.ok(workbook.getWorksheet(name), `${name} sheet`);
  assert.equal(workbook.getWorksheet("Uncertainty")!.getCell("B2").value, expected.uncertainty!.units[0]!.code);
});

test("--inputs chooses what is uncertain; mistakes name the option", async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "in.json"), JSON.stringify({ weights: false, aggregate: ["geometric"] }));
  const json = join(dir, "r.json");
  const run = await runInProcess([...base, "--uncertainty", "5", "--inputs", join(dir, "in.json"), "--json", json]);
  assert.equal(run.code, 0, run.stderr);
  const u = JSON.parse(readFileSync(json, "utf8")).analysis.uncertainty;
  assert.deepEqual(u.inputs, ["aggregation: geometric"]);
  writeFileSync(join(dir, "bad.json"), JSON.stringify({ normalize: ["percentile"], aggregate: ["geometric"] }));
  const bad = await runInProcess([...base, "--uncertainty", "5", "--inputs", join(dir, "bad.json")]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /percentile does not guarantee/);
});

test("flag values are checked before anything runs", () => {
  assert.throws(() => parseArgs([...base, "--uncertainty", "1.5"]), /--uncertainty needs a whole number from 2/);
  assert.throws(() => parseArgs([...base, "--seed", "-1"]), /--seed needs a whole number from 0/);
  assert.throws(() => parseArgs([...base, "--inputs", "x.json"]), /use it with --uncertainty/);
  const args = parseArgs([...base, "--audit", "--sensitivity=100"]);
  assert.ok(args.command === "compute");
  assert.deepEqual(args.analysis, {
    audit: true,
    uncertainty: undefined,
    sensitivity: 100,
    seed: undefined,
    inputs: undefined,
  });
});
