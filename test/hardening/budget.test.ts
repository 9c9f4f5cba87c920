/**
 * One resource budget per analysis (core/analysis/budget.ts), the same for the engine, the command
 * line and the task pane's worker, checked before any allocation: too many runs for the data is
 * refused with the largest value this data allows (exit 1 on the command line), never a V8 abort
 * or "Invalid typed array length".
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { computeIndex, IndexInputError } from "../../src/core/engine";
import {
  checkAnalysisBudget,
  checkAuditBudget,
  MAX_ANALYSIS_BYTES,
  MAX_ANALYSIS_CELL_RUNS,
  MAX_ANALYSIS_RUNS,
  maxSensitivityN,
  maxUncertaintyRuns,
  runAnalysis,
} from "../../src/core/analysis";
import { parseArgs } from "../../src/cli/args";
import { createAnalysisServer, type WorkerResponse } from "../../src/taskpane/analysis.worker";
import type { Cell } from "../../src/core/types";
import { smallData, smallFramework } from "../core/audit/fixture";
import { spawnCli, tempDir } from "../cli/helpers";
import { writeCsv } from "./cli-helpers";

test("the budget's limits, and the largest values for 60,000 units × 3 indicators, by hand", () => {
  assert.equal(MAX_ANALYSIS_RUNS, 100_000);
  assert.equal(MAX_ANALYSIS_BYTES, 268_435_456);
  assert.equal(MAX_ANALYSIS_CELL_RUNS, 5e8);
  const big = { units: 60_000, indicators: 3, sensitivityInputs: 4 };
  // Memory: 16 bytes per unit and run + 8 per run → ⌊268,435,456 / 960,008⌋ = 279 (runs: 100,000; work: ⌊5e8 / 180,000⌋ = 2,777).
  assert.equal(maxUncertaintyRuns(big), 279);
  // Sensitivity: 6 runs per N; work ⌊5e8 / (6 · 180,000)⌋ = 462 (runs ⌊100,000 / 6⌋ = 16,666; memory 5.5 M).
  assert.equal(maxSensitivityN(big), 462);
  // Both together share it: 100 Monte Carlo runs use 18,000,000 of the work, leaving ⌊4.82e8 / 1,080,000⌋ = 446.
  assert.equal(maxSensitivityN(big, 100), 446);
  const small = { units: 51, indicators: 49, sensitivityInputs: 4 };
  assert.equal(maxUncertaintyRuns(small), 100_000, "ASEM-sized data keeps the 100,000-run cap");
  assert.equal(maxSensitivityN(small), 16_666);
  assert.doesNotThrow(() => checkAnalysisBudget(big, { uncertaintyRuns: 279 }));
  assert.throws(
    () => checkAnalysisBudget(big, { uncertaintyRuns: 280 }),
    (e: unknown) => e instanceof IndexInputError && /from 2 to 279 for this data, got 280/.test(e.message),
  );
  assert.throws(
    () => checkAnalysisBudget({ units: 20_000_000, indicators: 3, sensitivityInputs: 0 }, { uncertaintyRuns: 2 }),
    /too large for an uncertainty analysis even with 2 runs/,
  );
});

function bigTables(units: number): { data: Cell[][]; framework: Cell[][] } {
  const data: Cell[][] = [["uCode", "x1", "x2", "x3"]];
  for (let i = 0; i < units; i++) data.push([`U${i}`, (i * 7) % 101, (i * 13) % 97, (i * 17) % 89]);
  return {
    data,
    framework: [
      ["iCode", "Parent"],
      ["INDEX", null],
      ["P1", "INDEX"],
      ["P2", "INDEX"],
      ["x1", "P1"],
      ["x2", "P1"],
      ["x3", "P2"],
    ],
  };
}

test("engine: 60,000 units with 100,000 uncertainty runs is refused up front with the largest allowed (279), not Invalid typed array length", () => {
  const { data, framework } = bigTables(60_000);
  const result = computeIndex(data, framework);
  assert.throws(
    () => runAnalysis(result, { uncertainty: { runs: 100_000 } }),
    (e: unknown) =>
      e instanceof IndexInputError &&
      /uncertainty runs must be a whole number from 2 to 279 for this data, got 100,000/.test(e.message),
  );
  assert.throws(
    () => runAnalysis(result, { sensitivity: { n: 1_000_000 } }),
    (e: unknown) =>
      e instanceof IndexInputError &&
      /sample size N must be a whole number from 2 to 462 for this data/.test(e.message),
  );
  // The audit is not started when the request is over budget.
  let progress = 0;
  assert.throws(() =>
    runAnalysis(result, { audit: true, uncertainty: { runs: 1_000_000 }, onProgress: () => progress++ }),
  );
  assert.equal(progress, 0);
});

test("worker: the same refusal reaches the task pane as an error message", async () => {
  const result = computeIndex(smallData, smallFramework);
  const posted: WorkerResponse[] = [];
  const handle = createAnalysisServer((m) => posted.push(m), { sliceMs: 5 });
  handle({ type: "run", id: 1, result, options: { sensitivity: { n: 1_000_000 } } });
  for (let k = 0; k < 50 && !posted.some((m) => m.type === "error" || m.type === "done"); k++)
    await new Promise((r) => setTimeout(r, 10));
  const error = posted.find((m) => m.type === "error");
  assert.ok(error && error.type === "error", JSON.stringify(posted.slice(0, 2)));
  assert.match(error.messages.join("\n"), /sample size N must be a whole number from 2 to 16666 for this data/);
});

test("command line: the parser takes any whole number; the budget refuses with exit 1 and the largest value; winsorize 0–100,000,000 runs", async () => {
  assert.equal(
    (parseArgs(["compute", "d.csv", "--uncertainty", "1000000"]) as { analysis: { uncertainty: number } }).analysis
      .uncertainty,
    1_000_000,
  );
  assert.throws(
    () => parseArgs(["compute", "d.csv", "--sensitivity", "1"]),
    /--sensitivity needs a whole number from 2 up/,
  );
  const dir = tempDir();
  const { data, framework } = bigTables(60_000);
  writeCsv(join(dir, "data.csv"), data);
  writeCsv(join(dir, "framework.csv"), framework);
  const base = [
    "compute",
    join(dir, "data.csv"),
    "--meta",
    join(dir, "framework.csv"),
    "--json",
    join(dir, "out.json"),
    "--csv",
    join(dir, "out.csv"),
  ];
  for (const [flag, value, pattern] of [
    [
      "--uncertainty",
      "100000",
      /^index-studio: --uncertainty 100000: the number of uncertainty runs must be a whole number from 2 to 279 for this data/m,
    ],
    ["--uncertainty", "1000000", /from 2 to 279 for this data, got 1,000,000/],
    [
      "--sensitivity",
      "1000000",
      /^index-studio: --sensitivity 1000000: the sensitivity sample size N must be a whole number from 2 to 462 for this data/m,
    ],
  ] as const) {
    const run = await spawnCli([...base, flag, value]);
    assert.equal(run.code, 1, `${flag} ${value}: ${run.stderr}`);
    assert.match(run.stderr, pattern);
    assert.doesNotMatch(run.stderr, /internal error|heap|Invalid typed array/);
    assert.ok(!existsSync(join(dir, "out.json")) && !existsSync(join(dir, "out.csv")), "nothing written");
  }
  writeCsv(join(dir, "small.csv"), smallData);
  writeCsv(join(dir, "small-framework.csv"), smallFramework);
  writeFileSync(join(dir, "inputs.json"), JSON.stringify({ winsorize: { min: 0, max: 100_000_000 } }));
  const win = await spawnCli([
    "compute",
    join(dir, "small.csv"),
    "--meta",
    join(dir, "small-framework.csv"),
    "--uncertainty",
    "20",
    "--inputs",
    join(dir, "inputs.json"),
    "--json",
    join(dir, "win.json"),
  ]);
  assert.equal(win.code, 0, win.stderr);
  const analysis = JSON.parse(readFileSync(join(dir, "win.json"), "utf8")).analysis;
  assert.equal(analysis.uncertainty.runs, 20);
  assert.deepEqual(analysis.uncertainty.inputs, ["winsorization limit 0 to 100000000"]);
});

test("audit: 20,000 indicators (9.6 GB of correlation matrices) are refused up front on the engine and the command line; ASEM-sized data is fine", async () => {
  const codes = Array.from({ length: 20_000 }, (_, k) => `x${k}`);
  const data: Cell[][] = [["uCode", ...codes]];
  for (let u = 0; u < 3; u++) data.push([`U${u}`, ...codes.map((_, k) => (u * 7 + k) % 5)]);
  const framework: Cell[][] = [["iCode", "Parent"], ["INDEX", null], ...codes.map((c) => [c, "INDEX"])];
  const result = computeIndex(data, framework);
  assert.throws(
    () => runAnalysis(result, { audit: true }),
    (e: unknown) =>
      e instanceof IndexInputError &&
      /statistical audit of 20,000 indicators × 3 units needs 9,156 MB of correlation matrices \(at most 256 MB\)/.test(
        e.message,
      ),
  );
  assert.doesNotThrow(() => checkAuditBudget(51, 49, [6, 8, 8, 8, 9, 10]));
  const dir = tempDir();
  writeCsv(join(dir, "data.csv"), data);
  writeCsv(join(dir, "framework.csv"), framework);
  const run = await spawnCli([
    "compute",
    join(dir, "data.csv"),
    "--meta",
    join(dir, "framework.csv"),
    "--audit",
    "--json",
    join(dir, "out.json"),
  ]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /^index-studio: --audit: the statistical audit of 20,000 indicators/m);
  assert.ok(!existsSync(join(dir, "out.json")));
});
