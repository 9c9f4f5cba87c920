/**
 * The rules issue 13 §4 found giving wrong numbers, each against a hand calculation: power-mean
 * domains, fracmax for lower-is-better indicators, the Sobol variance, the uncertainty mean score
 * over nominal-normalization runs, the harmonic message and the |r| note.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  aggregateColumns,
  computeIndex,
  IndexComputeError,
  IndexInputError,
  normalizeColumn,
  parseSpec,
  type NormalizeSpec,
} from "../../src/core/engine";
import { auditIndex } from "../../src/core/audit";
import { buildAnalysisReport } from "../../src/core/report/analysis";
import { drive } from "../../src/core/uncertainty/task";
import { uncertaintyTask } from "../../src/core/uncertainty/montecarlo";
import { sobolFromOutputs } from "../../src/core/uncertainty/sobol";

const f = (...v: number[]) => Float64Array.from(v);
const units = ["A", "B"];
const power = (p: number) => ({ method: "power" as const, p });

test("power mean p = -2 over positive values: (Σ w·x^-2 / Σ w)^(-1/2) by hand", () => {
  // Unit A: children 1 and 2, weights 1 and 3: (1·1 + 3·0.25)/4 = 0.4375 → 0.4375^(-1/2)
  const out = aggregateColumns([f(1, 4), f(2, 4)], [1, 3], power(-2), "P", units);
  assert.ok(Math.abs(out[0]! - 0.4375 ** -0.5) < 1e-15);
  assert.equal(out[1], 4);
});

test("power mean p < 0 over a zero is an error naming node, unit, child and value (not a silent 0)", () => {
  assert.throws(
    () => aggregateColumns([f(50, 0), f(20, 30)], [1, 1], power(-1), "Pillar1", units, ["x1", "x2"]),
    (e: unknown) => {
      assert.ok(e instanceof IndexComputeError);
      assert.match(
        e.message,
        /^Cannot aggregate Pillar1 for unit B with a power mean with p = -1: child x1 has the value 0, and a power mean with p = -1 needs values > 0/,
      );
      return true;
    },
  );
  assert.throws(
    () => aggregateColumns([f(5, -3)], [1], power(-0.5), "P", units),
    /unit B .* value -3.* needs values > 0/,
  );
});

test("odd or non-integer p over a negative value is an error naming node, unit and value (not a NaN averaged away)", () => {
  assert.throws(
    () => aggregateColumns([f(1, -0.5), f(2, 0.2)], [1, 1], power(3), "P2", units, ["z1", "z2"]),
    /Cannot aggregate P2 for unit B with a power mean with p = 3: child z1 has the value -0.5, and a power mean with p = 3 needs values ≥ 0/,
  );
  assert.throws(() => aggregateColumns([f(1, -0.5)], [1], power(0.5), "P2", units), /unit B.*-0\.5.*values ≥ 0/);
});

test("even p and p = 1 take negative values: (Σ w·x² / Σ w)^(1/2) and the arithmetic mean by hand", () => {
  const two = aggregateColumns([f(-3, 1), f(4, 1)], [1, 1], power(2), "P", units);
  assert.ok(Math.abs(two[0]! - Math.sqrt(12.5)) < 1e-15);
  const one = aggregateColumns([f(-3, 1), f(4, 1)], [1, 3], power(1), "P", units);
  assert.ok(Math.abs(one[0]! - (-3 + 12) / 4) < 1e-15);
  // Odd p over non-negative values: (0 + 8)/2 = 4 → 4^(1/3).
  const three = aggregateColumns([f(0, 1), f(2, 1)], [1, 1], power(3), "P", units);
  assert.ok(Math.abs(three[0]! - Math.cbrt(4)) < 1e-15);
});

test("the harmonic mean keeps its message", () => {
  assert.throws(
    () => aggregateColumns([f(1, -2)], [1], { method: "harmonic" }, "P", units),
    /^IndexComputeError: Cannot aggregate P for unit B with the harmonic mean: child #1 has the value -2, and the harmonic mean needs values > 0\. Normalize/,
  );
});

const fracmax = parseSpec({ normalize: "fracmax" }).normalize as NormalizeSpec;

test("fracmax: x / max(x) for direction 1, min(x) / x for direction -1 (the lowest value scores 1)", () => {
  const x = f(2, 4, NaN, 8);
  const up = normalizeColumn(x, fracmax, { code: "X", direction: 1 });
  assert.deepEqual([...up], [0.25, 0.5, NaN, 1]);
  const down = normalizeColumn(x, fracmax, { code: "CO2", direction: -1 });
  assert.deepEqual([...down], [1, 0.5, NaN, 0.25]);
});

test("fracmax over a value ≤ 0 is an error naming the Data cell, not 'maximum is 0'", () => {
  const data = [
    ["uCode", "x1", "x2"],
    ["A", 3, 1],
    ["B", 0, 2],
    ["C", 5, 3],
  ];
  const framework = [
    ["iCode", "Parent", "Direction"],
    ["I", null, 1],
    ["x1", "I", -1],
    ["x2", "I", 1],
  ];
  assert.throws(
    () => computeIndex(data, framework, { normalize: "fracmax" }),
    (e: unknown) => {
      assert.ok(e instanceof IndexInputError);
      assert.match(
        e.message,
        /^Data!B3: unit B: Indicator x1 cannot be normalized by fraction of the best value \(fracmax\): this value is 0, and the ratio needs values > 0/,
      );
      assert.doesNotMatch(e.message, /maximum is 0/);
      return true;
    },
  );
});

test("Sobol: Var(y) is the sample variance of yA and yB together (2N - 1), as COINr's var(c(yA, yB))", () => {
  const yA = f(1, 2, 3);
  const yB = f(2, 4, 6);
  const yAB = [f(1, 3, 5)];
  // mean 3, Σ(y-3)² = 4+1+0+1+1+9 = 16, var = 16/5
  const r = sobolFromOutputs(yA, yB, yAB, ["w"], { seed: 1, bootstrap: 0 });
  assert.equal(r.variance, 16 / 5);
  // S = mean(yB·(yAB − yA)) / V = ((2·0 + 4·1 + 6·2)/3) / 3.2; ST = Σ(yA − yAB)² / (2N·V) = (0+1+4) / (6·3.2)
  assert.ok(Math.abs(r.indices[0]!.first - 16 / 3 / 3.2) < 1e-15);
  assert.ok(Math.abs(r.indices[0]!.total - 5 / 6 / 3.2) < 1e-15);
});

const DATA = [
  ["uCode", "x1", "x2", "x3"],
  ["A", 1, 10, 5],
  ["B", 2, 40, 3],
  ["C", 3, 20, 1],
  ["D", 4, 30, 2],
  ["E", 6, 5, 4],
];
const FRAMEWORK = [
  ["iCode", "Parent"],
  ["I", null],
  ["x1", "I"],
  ["x2", "I"],
  ["x3", "I"],
];

test("uncertainty: the mean score is over the runs with the nominal normalization only, and their number is reported", () => {
  const result = computeIndex(DATA, FRAMEWORK);
  const u = drive(uncertaintyTask(result, { runs: 200, inputs: { normalize: ["minmax", "zscore"] } }, 7), 200);
  // Only the normalization is uncertain: every min-max run gives the nominal scores exactly.
  assert.ok(u.scoreRuns > 50 && u.scoreRuns < 150, `about half of the runs use min-max: ${u.scoreRuns}`);
  for (const unit of u.units) {
    assert.ok(
      Math.abs(unit.meanScore - unit.nominalScore) < 1e-12,
      `${unit.code}: mean ${unit.meanScore} vs nominal ${unit.nominalScore}`,
    );
    assert.ok(
      Math.abs(unit.scoreLow - unit.nominalScore) < 1e-12 && Math.abs(unit.scoreHigh - unit.nominalScore) < 1e-12,
    );
  }
  assert.ok(u.notes.some((n) => n.includes(`${u.scoreRuns} of 200 runs`)));
  // The nominal normalization not among the alternatives: no run is on its scale, so no mean score.
  const none = drive(uncertaintyTask(result, { runs: 20, inputs: { normalize: ["rank", "zscore"] } }, 7), 20);
  assert.equal(none.scoreRuns, 0);
  assert.ok(none.units.every((unit) => Number.isNaN(unit.meanScore)));
  // The sheet says how many runs the mean score is over.
  const [sheet] = buildAnalysisReport({ seed: 7, uncertainty: u }, result, { language: "en" });
  const cells = sheet!.cells.flat();
  const at = cells.indexOf("Runs in the mean score (nominal normalization)");
  assert.ok(at >= 0 && cells[at + 1] === u.scoreRuns);
});

test("correlation flags keep |r| and the Audit sheet's note says so", () => {
  const result = computeIndex(DATA, FRAMEWORK);
  const audit = auditIndex(result, { collinearity: 0.5 });
  const [sheet] = buildAnalysisReport({ seed: 1, audit }, result, { language: "en" });
  const note = sheet!.cells.find(
    (row) => row[0] === "Note" && typeof row[1] === "string" && row[1].includes("|r| > 0.5"),
  );
  assert.ok(note, "a note about |r|");
  assert.match(String(note![1]), /COINr's "high" correlation flag uses r > 0\.5/);
});
