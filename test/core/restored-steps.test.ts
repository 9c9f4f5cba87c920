/**
 * computeIndex imputes its own parsed columns in place and rebuilds steps.raw and steps.denominated
 * on first read; without a normalize hook, indicators are normalized per node into recycled buffers
 * and steps.normalized is built on first read (src/core/restored-steps.ts). References: the Data
 * cells themselves (hand-checked small table), and runPipeline over the same parsed data, which
 * copies before imputing and, given the set-level normalize as its hook, keeps the normalized set
 * from the start, as every step did before.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  computeIndex,
  parseData,
  parseFramework,
  parseSpec,
  runPipeline,
  type Cell,
  type IndexResult,
} from "../../src/core/engine";
import { normalize } from "../../src/core/steps/normalize";
import { syntheticTables } from "../../bench/synthetic";
import { asemTables } from "../helpers/conformance";
import { twoPillarData, twoPillarFramework } from "./two-pillar-fixture";

const framework = twoPillarFramework;
const data = twoPillarData;

const values = (set: { codes: string[]; columns: Float64Array[] }, code: string) => [
  ...set.columns[set.codes.indexOf(code)]!,
];
const isRebuiltOnRead = (r: IndexResult, key: keyof IndexResult["steps"]) =>
  typeof Object.getOwnPropertyDescriptor(r.steps, key)?.get === "function";

test("raw and denominated read back as the Data had them, after imputation filled the same columns", () => {
  const r = computeIndex(data, framework, { denominate: true, impute: { method: "mean" } });
  // Nothing read them during the run (every denominator is present): still to be rebuilt.
  assert.equal(isRebuiltOnRead(r, "raw"), true);
  assert.equal(isRebuiltOnRead(r, "normalized"), true);
  assert.equal(isRebuiltOnRead(r, "denominated"), true);
  // Imputed by hand: A mean (1+2+3)/3 = 2; C/Pop = 10, 5, 5, 5, - → mean 6.25; D mean (3+9+6+1)/4 = 4.75.
  assert.deepEqual(values(r.steps.imputed, "A"), [1, 2, 3, 2, 2]);
  assert.deepEqual(values(r.steps.imputed, "C"), [10, 5, 5, 5, 6.25]);
  assert.deepEqual(values(r.steps.imputed, "D"), [3, 4.75, 9, 6, 1]);
  assert.deepEqual(values(r.steps.raw, "A"), [1, 2, 3, NaN, NaN]);
  assert.deepEqual(values(r.steps.raw, "C"), [100, 100, 50, 25, NaN]);
  assert.deepEqual(values(r.steps.denominated, "C"), [10, 5, 5, 5, NaN]);
  assert.deepEqual(values(r.steps.denominated, "D"), [3, NaN, 9, 6, 1]);
  // Plain properties once read, and the arrays shared as the steps share them.
  assert.equal(isRebuiltOnRead(r, "raw"), false);
  const j = (code: string) => r.steps.raw.codes.indexOf(code);
  assert.equal(r.steps.raw.columns[j("A")], r.steps.denominated.columns[j("A")]);
  assert.notEqual(r.steps.raw.columns[j("C")], r.steps.denominated.columns[j("C")]);
  assert.notEqual(r.steps.imputed.columns[j("A")], r.steps.raw.columns[j("A")]);
  // The imputed columns were not touched by the rebuild.
  assert.deepEqual(values(r.steps.imputed, "A"), [1, 2, 3, 2, 2]);
});

test("screening on the raw basis counts the values before imputation, though imputation filled those columns", () => {
  // U5 has 1 value of 4 (coverage 0.25): excluded on the raw basis, kept on the imputed one (all filled).
  const raw = computeIndex(data, framework, { impute: { method: "mean" }, screen: { minCoverage: 0.5 } });
  assert.deepEqual(
    raw.log.excluded.map((e) => [e.unit, e.coverage]),
    [["U5", 0.25]],
  );
  const imputed = computeIndex(data, framework, {
    impute: { method: "mean" },
    screen: { minCoverage: 0.5, basis: "imputed" },
  });
  assert.deepEqual(imputed.log.excluded, []);
  assert.equal(imputed.log.coverage[4], 1);
});

/** Every step, value for value (NaN included), and the shared arrays, against the copying path. */
function assertSameAsCopying(table: Cell[][], frame: Cell[][], specInput: unknown): void {
  const inPlace = computeIndex(table, frame, specInput);
  const fw = parseFramework(frame).framework;
  const spec = parseSpec(specInput);
  const copying = runPipeline(parseData(table, fw).dataset, fw, spec, {
    normalize: (set) => normalize(set, fw, spec.normalize),
  });
  assert.ok(inPlace.log.imputed.length > 0, "the case must impute something");
  assert.equal(isRebuiltOnRead(inPlace, "normalized"), true);
  assert.equal(isRebuiltOnRead(copying, "normalized"), false);
  for (const key of ["raw", "denominated", "imputed", "screened", "treated", "normalized"] as const) {
    const a = inPlace.steps[key];
    const b = copying.steps[key];
    assert.deepEqual(a.codes, b.codes);
    a.columns.forEach((column, j) => assert.deepEqual([...column], [...b.columns[j]!], `${key} ${a.codes[j]}`));
  }
  const shares = (r: IndexResult, from: "raw" | "denominated", to: "denominated" | "imputed") =>
    r.steps[from].columns.map((column, j) => column === r.steps[to].columns[j]);
  assert.deepEqual(shares(inPlace, "raw", "denominated"), shares(copying, "raw", "denominated"));
  assert.deepEqual(shares(inPlace, "denominated", "imputed"), shares(copying, "denominated", "imputed"));
  assert.deepEqual([...inPlace.log.coverage], [...copying.log.coverage]);
  assert.deepEqual(inPlace.log.excluded, copying.log.excluded);
  inPlace.scores.columns.forEach((column, j) => assert.deepEqual([...column], [...copying.scores.columns[j]!]));
}

test("COINr's ASEM: every step equals the copying pipeline (group imputation, screening, treatment)", () => {
  const { data: asem, meta } = asemTables();
  assertSameAsCopying(asem, meta, {
    impute: { method: "group-median", group: "EurAsia_group" },
    screen: { minCoverage: 0.9, minNonZero: 0.5 },
  });
});

test("synthetic 300 × 40 with denominators: every step equals the copying pipeline, on both screening bases", () => {
  const { data: synthetic, framework: frame } = syntheticTables(300, 40, 3, 0.2);
  const spec = {
    denominate: true,
    impute: { method: "group-mean", group: "Region" },
    treat: { method: "winsorize", winmax: 5, skewThreshold: 2, kurtThreshold: 3.5, fallback: "log" },
    normalize: { method: "minmax", low: 0, high: 100 },
  };
  assertSameAsCopying(synthetic, frame, { ...spec, screen: { minCoverage: 0.8 } });
  assertSameAsCopying(synthetic, frame, { ...spec, screen: { minCoverage: 0.8, basis: "imputed" } });
  assertSameAsCopying(synthetic, frame, { ...spec, denominate: false });
});

test("a result posted to a worker (structured clone) carries the rebuilt raw and normalized values", () => {
  const r = computeIndex(data, framework, { impute: { method: "mean" } });
  const clone = structuredClone(r.steps);
  assert.deepEqual([...clone.raw.columns[0]!], [1, 2, 3, NaN, NaN]);
  assert.deepEqual([...clone.imputed.columns[0]!], [1, 2, 3, 2, 2]);
  // Min-max 0–100 of A's imputed 1, 2, 3, 2, 2 by hand.
  assert.deepEqual([...clone.normalized.columns[0]!], [0, 50, 100, 50, 50]);
});

test("indicators normalized per node: scores equal those from the kept normalized set, for every method", () => {
  const { data: synthetic, framework: frame } = syntheticTables(200, 30, 5, 0.05);
  const fw = parseFramework(frame).framework;
  for (const method of ["minmax", "zscore", "rank", "percentile", "borda", "fracmax", "dist2max", "none"]) {
    const spec = parseSpec({ normalize: { method }, impute: { method: "mean" } });
    const dataset = () => parseData(synthetic, fw).dataset;
    const perNode = runPipeline(dataset(), fw, spec);
    const kept = runPipeline(dataset(), fw, spec, { normalize: (set) => normalize(set, fw, spec.normalize) });
    perNode.scores.columns.forEach((column, j) =>
      assert.deepEqual([...column], [...kept.scores.columns[j]!], `${method} ${perNode.scores.codes[j]}`),
    );
    perNode.steps.normalized.columns.forEach((column, j) =>
      assert.deepEqual([...column], [...kept.steps.normalized.columns[j]!], `${method} normalized ${j}`),
    );
  }
});

/** x1 sits under P2, which aggregates after P1 (Framework row order): normalized per node, x1 comes late. */
const lateFramework: Cell[][] = [
  ["iCode", "iName", "Parent", "Weight", "Direction"],
  ["x1", "x1", "P2", 1, 1],
  ["x2", "x2", "P1", 1, 1],
  ["x3", "x3", "P1", 1, 1],
  ["x4", "x4", "P2", 1, 1],
  ["P1", "P1", "I", 1, null],
  ["P2", "P2", "I", 1, null],
  ["I", "I", null, null, null],
];

test("normalization errors come first and in Framework order, as when every indicator was normalized before aggregating", () => {
  const table = (x1: Cell[], x2: Cell[], x4: Cell[]): Cell[][] => [
    ["uCode", "x1", "x2", "x3", "x4"],
    ...["a", "b", "c"].map((u, i): Cell[] => [u, x1[i]!, x2[i]!, i + 1, x4[i]!]),
  ];
  const failure = (t: Cell[][], spec: unknown) => {
    try {
      computeIndex(t, lateFramework, spec);
    } catch (error) {
      return error as Error & { issues?: { column?: string; row?: number }[] };
    }
    assert.fail("expected an error");
  };
  // x1 and x2 both constant: x1 (row 1 of the Framework) is named, though P1 (x2's parent) aggregates first.
  const constant = failure(table([5, 5, 5], [5, 5, 5], [1, 2, 3]), {});
  assert.match(constant.message, /Indicator x1 cannot be normalized by min-max: every value is 5/);
  // x1 constant, and P1's geometric mean meets a 0 (x2's minimum after min-max): the normalization error first.
  const beforeDomain = failure(table([5, 5, 5], [1, 2, 3], [1, 2, 3]), { aggregate: { method: "geometric" } });
  assert.match(beforeDomain.message, /Indicator x1 cannot be normalized by min-max/);
  // A value error (fracmax needs values > 0) still names its Data cell: x1 of unit b is column B, row 3.
  const cell = failure(table([5, -1, 5], [1, 2, 3], [0, 2, 3]), { normalize: "fracmax", aggregate: "geometric" });
  assert.equal(cell.issues?.[0]?.column, "x1");
  assert.equal(cell.issues?.[0]?.row, 2);
  // With no normalization problem, the aggregation's own error is the one reported.
  const domain = failure(table([1, 2, 3], [1, 2, 3], [1, 2, 3]), { aggregate: { method: "geometric" } });
  assert.match(domain.message, /Cannot aggregate P1 for unit a with the geometric mean/);
});

test("steps built on first read can be assigned as plain properties, before or after the first read", () => {
  const r = computeIndex(data, framework, { denominate: true, impute: { method: "mean" } });
  const replaced = { codes: ["A"], columns: [new Float64Array([7])] };
  r.steps.raw = replaced;
  assert.equal(r.steps.raw, replaced);
  // Reading the other half of the rebuild keeps the assigned value.
  assert.deepEqual(values(r.steps.denominated, "C"), [10, 5, 5, 5, NaN]);
  assert.equal(r.steps.raw, replaced);
  assert.deepEqual(Object.keys(r.steps), ["raw", "denominated", "imputed", "screened", "treated", "normalized"]);
  r.steps.normalized = replaced;
  assert.equal(r.steps.normalized, replaced);
  const again = computeIndex(data, framework, { impute: { method: "mean" } });
  assert.deepEqual(values(again.steps.normalized, "A"), [0, 50, 100, 50, 50]);
  again.steps.normalized = replaced;
  assert.equal({ ...again.steps }.normalized, replaced);
});

test("an indicator that is also a denominator: filling it in place leaves the denominator column and its warning as they were", () => {
  const frame: Cell[][] = [
    ["iCode", "iName", "Parent", "Weight", "Direction", "Denominator"],
    ["x1", "x1", "P", 1, 1, null],
    ["x2", "x2", "P", 1, 1, "x1"],
    ["P", "P", null, null, null, null],
  ];
  const table: Cell[][] = [
    ["uCode", "x1", "x2"],
    ["a", 1, 10],
    ["b", null, 20],
    ["c", 4, 30],
    ["d", 2, null],
  ];
  const r = computeIndex(table, frame, { denominate: true, impute: { method: "mean" } });
  // x1 mean (1 + 4 + 2) / 3 fills b; x2 / x1 = 10, -, 7.5, - → mean 8.75 fills b and d.
  assert.deepEqual(values(r.steps.imputed, "x1"), [1, 7 / 3, 4, 2]);
  assert.deepEqual(values(r.steps.imputed, "x2"), [10, 8.75, 7.5, 8.75]);
  assert.deepEqual([...r.units.denominators.get("x1")!], [1, NaN, 4, 2]);
  assert.deepEqual(values(r.steps.raw, "x1"), [1, NaN, 4, 2]);
  assert.deepEqual(values(r.steps.denominated, "x2"), [10, NaN, 7.5, NaN]);
  assert.deepEqual(
    r.warnings.map((w) => w.message),
    ["denominator x1 is missing for unit b, so x2 / x1 has no value and is treated as missing; fill the cell"],
  );
});
