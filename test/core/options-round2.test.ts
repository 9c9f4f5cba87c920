/**
 * The options of issue 13 §1, §2, §3 and §5 on tiny data, by hand: per-indicator treatment and
 * normalization (spec, Settings keys, Framework columns) and their log, aggregate.minCoverage and
 * its report, screening options with reasons, ScaleFactor, normalization "none", and any spec path
 * as an uncertain input; every bad value is an error naming where it is.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  columnOf,
  computeIndex,
  formatIssue,
  IndexInputError,
  parseSpec,
  settingsToSpecInput,
} from "../../src/core/engine";
import { parseUncertainInputs } from "../../src/core/uncertainty/inputs-schema";
import { uncertaintyTask } from "../../src/core/uncertainty/montecarlo";
import { sensitivityTask } from "../../src/core/uncertainty/sensitivity";
import { buildReport } from "../../src/core/report/build";
import { drive } from "../../src/core/uncertainty/task";

const DATA = [
  ["uCode", "Population", "x1", "x2", "x3"],
  ["A", 2000, 1, 1, 4],
  ["B", 4000, 2, 2, null],
  ["C", 1000, 3, 3, null],
  ["D", 5000, 4, 4, 0],
  ["E", 3000, 5, 5, 2],
  ["F", 2000, 6, 6, 6],
  ["G", 1000, 100, 100, 0],
];
const FRAMEWORK = [
  ["iCode", "Parent", "Direction", "Denominator", "Type"],
  ["I", null, 1, null, "Aggregate"],
  ["P1", "I", 1, null, "Aggregate"],
  ["P2", "I", 1, null, "Aggregate"],
  ["x1", "P1", 1, null, "Indicator"],
  ["x2", "P1", 1, null, "Indicator"],
  ["x3", "P2", -1, "Population", "Indicator"],
  ["Population", null, 1, null, "Denominator"],
];
const col = (r: ReturnType<typeof computeIndex>, step: "treated" | "normalized" | "denominated", code: string) => [
  ...columnOf(r.steps[step], code)!,
];
const close = (a: number[], b: number[]) =>
  a.forEach((v, i) =>
    Number.isNaN(b[i]!)
      ? assert.ok(Number.isNaN(v), `${i}: ${v}`)
      : assert.ok(Math.abs(v - b[i]!) < 1e-12, `${i}: ${v} vs ${b[i]}`),
  );
const inputError = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof IndexInputError, String(e));
    assert.match(e.issues.map((i) => formatIssue(i)).join("\n"), pattern);
    return true;
  });

test("treat.byIndicator: 'none' leaves an indicator as it is; parameters go over the global winsorization", () => {
  const r = computeIndex(DATA, FRAMEWORK, {
    treat: { method: "winsorize", byIndicator: { x1: "none", x2: { winmax: 0 } } },
  });
  assert.deepEqual(col(r, "treated", "x1"), [1, 2, 3, 4, 5, 6, 100]);
  // winmax 0: no point may move, the column still fails, so the log fallback on the original column:
  // log(x - min + 0.01·(max - min)) = log(x - 1 + 0.99).
  close(
    col(r, "treated", "x2"),
    [1, 2, 3, 4, 5, 6, 100].map((v) => Math.log(v - 1 + 0.99)),
  );
  const methods = Object.fromEntries(r.log.methods.map((m) => [m.indicator, m]));
  assert.equal(methods.x1!.treat, "none");
  assert.equal(methods.x1!.treatSource, "spec");
  assert.match(methods.x2!.treat, /^winsorize \(winmax 0, skew 2, kurtosis 3.5, fallback log\)$/);
  assert.equal(methods.x3!.treatSource, "global");
  // The global method winsorizes x2 when it has no own entry: 100 moves down to 6.
  const global = computeIndex(DATA, FRAMEWORK, { treat: "winsorize" });
  assert.equal(col(global, "treated", "x2")[6], 6);
});

test("normalize.byIndicator and the Framework's Normalize column; the spec's entry wins over the column", () => {
  const framework = FRAMEWORK.map((row, r) => [
    ...row,
    r === 0 ? "Normalize" : row[0] === "x1" ? "rank" : row[0] === "x2" ? "zscore mean=10 sd=2" : null,
  ]);
  const r = computeIndex(DATA, framework, {
    normalize: { method: "minmax", byIndicator: { x1: { method: "borda" } } },
  });
  assert.deepEqual(col(r, "normalized", "x1"), [0, 1, 2, 3, 4, 5, 6]);
  const m = (1 + 2 + 3 + 4 + 5 + 6 + 100) / 7;
  const sd = Math.sqrt([1, 2, 3, 4, 5, 6, 100].reduce((a, v) => a + (v - m) ** 2, 0) / 6);
  close(
    col(r, "normalized", "x2"),
    [1, 2, 3, 4, 5, 6, 100].map((v) => 10 + (2 * (v - m)) / sd),
  );
  const methods = Object.fromEntries(r.log.methods.map((x) => [x.indicator, x]));
  assert.deepEqual([methods.x1!.normalize, methods.x1!.normalizeSource], ["borda", "spec"]);
  assert.deepEqual([methods.x2!.normalize, methods.x2!.normalizeSource], ["zscore (mean 10, sd 2)", "framework"]);
  assert.deepEqual([methods.x3!.normalize, methods.x3!.normalizeSource], ["minmax [0, 100]", "global"]);
});

test("Settings keys give the same per-indicator methods and options", () => {
  const { spec, issues } = settingsToSpecInput([
    ["normalize.method", "minmax"],
    ["normalize.byIndicator.x1.method", "zscore"],
    ["normalize.byIndicator.x1.sd", "2"],
    ["treat.method", "winsorize"],
    ["treat.byIndicator.x2", "none"],
    ["screen.include", "A, G"],
    ["screen.minNonZero", "0.5"],
    ["aggregate.byLevel.2.minCoverage", "0.5"],
  ]);
  assert.deepEqual(issues, []);
  const parsed = parseSpec(spec);
  assert.deepEqual(parsed.normalize.byIndicator?.x1, { method: "zscore", mean: 0, sd: 2 });
  assert.deepEqual(parsed.treat.byIndicator?.x2, { method: "none" });
  assert.deepEqual(parsed.screen, { basis: "raw", include: ["A", "G"], exclude: [], minNonZero: 0.5 });
  assert.deepEqual(parsed.aggregate.minCoverageByLevel, { 2: 0.5 });
  assert.equal(parsed.aggregate.method, "arithmetic");
});

test("normalization 'none' applies only the direction (COINr f_n = 'none')", () => {
  const r = computeIndex(DATA, FRAMEWORK, { normalize: "none" });
  assert.deepEqual(col(r, "normalized", "x1"), [1, 2, 3, 4, 5, 6, 100]);
  assert.deepEqual(col(r, "normalized", "x3"), [-4, NaN, NaN, -0, -2, -6, -0]);
});

test("ScaleFactor: denominating divides by (denominator / ScaleFactor), e.g. per 1,000 people", () => {
  const framework = FRAMEWORK.map((row, r) => [...row, r === 0 ? "ScaleFactor" : row[0] === "x3" ? 1000 : null]);
  const r = computeIndex(DATA, framework, { denominate: true });
  close(col(r, "denominated", "x3"), [4 / 2, NaN, NaN, 0, 2 / 3, 6 / 2, 0]);
  inputError(
    () =>
      computeIndex(
        DATA,
        FRAMEWORK.map((row, i) => [...row, i === 0 ? "ScaleFactor" : row[0] === "x3" ? -5 : null]),
      ),
    /^Framework!F7: ScaleFactor -5 must be a number > 0/,
  );
});

test("aggregate.minCoverage: a pillar with too few children is missing, reported with its share", () => {
  const data = DATA.map((row, r) => (r === 1 ? ["A", 2000, 1, null, 4] : row));
  const r = computeIndex(data, FRAMEWORK, { aggregate: { method: "arithmetic", minCoverage: 0.6 } });
  const p1 = [...columnOf(r.scores, "P1")!];
  assert.ok(Number.isNaN(p1[0]!), "A has 1 of 2 children in P1: 0.5 < 0.6");
  assert.deepEqual(
    r.log.belowCoverage.filter((b) => b.unit === "A"),
    [
      { aggregate: "P1", unit: "A", share: 0.5, minCoverage: 0.6 },
      { aggregate: "I", unit: "A", share: 0.5, minCoverage: 0.6 },
    ],
  );
  const warning = r.warnings.map((w) => formatIssue(w)).find((w) => w.includes("unit A"));
  assert.match(
    warning!,
    /^Warning: Data row 2: unit A has no I score: P1 has values for 50 % of its children, below aggregate.minCoverage 60 %/,
  );
  // B and C miss x3, so P2 (one child) is missing anyway: not a threshold gap.
  assert.ok(!r.log.belowCoverage.some((b) => b.aggregate === "P2"));
});

test("screening: reasons, forced inclusion and exclusion, non-zero share over the available values", () => {
  const r = computeIndex(DATA, FRAMEWORK, {
    screen: { minCoverage: 0.8, minNonZero: 0.7, include: ["B"], exclude: ["F"] },
  });
  // Coverage: B, C 2/3; non-zero share: D and G 2/3 (x3 = 0); F complete but listed in exclude.
  assert.deepEqual(
    r.log.excluded.map((e) => [e.unit, e.reason]),
    [
      ["C", "coverage"],
      ["D", "nonzero"],
      ["F", "forced"],
      ["G", "nonzero"],
    ],
  );
  assert.deepEqual(r.log.forced, [{ unit: "B", coverage: 2 / 3, nonZero: 1, wouldBeExcluded: true }]);
  assert.deepEqual([...r.included], [1, 1, 0, 0, 1, 0, 0]);
  inputError(
    () => computeIndex(DATA, FRAMEWORK, { screen: { include: ["Z"] } }),
    /^Spec \(screen\.include\): unit "Z" in screen\.include is not a unit code of Data/,
  );
});

test("bad values of the new options are errors naming the option", () => {
  inputError(
    () => parseSpec({ normalize: { method: "minmax", byIndicator: { x1: { method: "zscor" } } } }),
    /normalize\.byIndicator\.x1\.method.*unknown method "zscor"/,
  );
  inputError(
    () => parseSpec({ treat: { method: "winsorize", byIndicator: { x1: { winmax: -1 } } } }),
    /treat\.byIndicator\.x1\.winmax/,
  );
  inputError(() => parseSpec({ aggregate: { minCoverage: 1.5 } }), /aggregate\.minCoverage.*share between 0 and 1/);
  inputError(
    () => parseSpec({ aggregate: { byLevel: { 2: { minCoverage: "half" } } } }),
    /aggregate\.byLevel\.2\.minCoverage/,
  );
  inputError(() => parseSpec({ screen: { basis: "cleaned" } }), /screen\.basis/);
  inputError(() => parseSpec({ screen: { minNonZero: -0.1 } }), /screen\.minNonZero/);
  inputError(() => parseSpec({ screen: { include: ["A"], exclude: ["A"] } }), /both in include and in exclude/);
  inputError(
    () => computeIndex(DATA, FRAMEWORK, { normalize: { method: "minmax", byIndicator: { P1: "rank" } } }),
    /normalize\.byIndicator\.P1.*P1 is an aggregate/,
  );
  inputError(
    () => computeIndex(DATA, FRAMEWORK, { treat: { method: "none", byIndicator: { nope: "none" } } }),
    /treat\.byIndicator\.nope.*not an indicator code/,
  );
  const framework = FRAMEWORK.map((row, r) => [
    ...row,
    r === 0 ? "Treat" : row[0] === "x2" ? "winsorize winmax=lots" : null,
  ]);
  inputError(() => computeIndex(DATA, framework), /^Framework!F6: Treat "winsorize winmax=lots"/);
  const normalize = FRAMEWORK.map((row, r) => [
    ...row,
    r === 0 ? "Normalize" : row[0] === "x1" ? "minmax 1 100" : null,
  ]);
  inputError(
    () => computeIndex(DATA, normalize),
    /^Framework!F5: Normalize "minmax 1 100": "1" is not a parameter; write parameters as name=value/,
  );
});

test("any spec path as an uncertain input: screen.minCoverage alternatives change who is ranked", () => {
  const inputs = parseUncertainInputs({ "screen.minCoverage": [0.5, 0.9] });
  assert.deepEqual(inputs.paths, [{ path: "screen.minCoverage", alternatives: [0.5, 0.9] }]);
  const result = computeIndex(DATA, FRAMEWORK, { screen: { minCoverage: 0.5 } });
  const u = drive(uncertaintyTask(result, { runs: 40, inputs }, 3), 40);
  assert.deepEqual(u.inputs, ["screen.minCoverage: 0.5 | 0.9"]);
  const b = u.units.find((x) => x.code === "B")!;
  // B (coverage 2/3) is ranked under 0.5 and screened out under 0.9: its median rank rests on fewer runs, the rank interval holds.
  assert.ok(b.rankLow <= b.rankHigh && Number.isFinite(b.medianRank));
  assert.throws(
    () =>
      drive(
        uncertaintyTask(result, { runs: 10, inputs: parseUncertainInputs({ "screen.minCoverage": [0.5, 2] }) }, 3),
        10,
      ),
    (e: unknown) => e instanceof IndexInputError && /inputs\.screen\.minCoverage\[1\]/.test(formatIssue(e.issues[0]!)),
  );
  assert.throws(() => parseUncertainInputs({ "weightz.x": [1] }), /unknown input "weightz\.x"/);
  assert.throws(() => parseUncertainInputs({ "screen.__proto__.x": [1] }), /unknown input/);
  assert.throws(() => parseUncertainInputs({ "screen.minCoverage": 0.5 }), /takes a list of alternatives/);
});

test("uncertainty runs start from the treated columns without treating twice an indicator with its own Treat", () => {
  // Always failing (kurtosis never below -100): treating the treated column again would log it twice.
  const framework = FRAMEWORK.map((row, r) => [
    ...row,
    r === 0 ? "Treat" : row[0] === "x2" ? "winsorize winmax=0 skewThreshold=0.0001 kurtThreshold=-100" : null,
  ]);
  const result = computeIndex(DATA, framework);
  assert.equal(result.log.treatment.find((t) => t.indicator === "x2")!.action, "log");
  assert.equal(result.log.methods.find((m) => m.indicator === "x2")!.treatSource, "framework");
  // The only alternative is the nominal normalization: every run must give the nominal scores.
  const u = drive(uncertaintyTask(result, { runs: 5, inputs: { normalize: ["minmax"] } }, 1), 5);
  assert.equal(u.scoreRuns, 5);
  for (const unit of u.units)
    if (!Number.isNaN(unit.nominalScore))
      assert.ok(Math.abs(unit.meanScore - unit.nominalScore) < 1e-12, `${unit.code}`);
});

test("sensitivity to a spec path: the only uncertain input that moves the ranks carries all of Var(y)", () => {
  // B misses x3: with minCoverage 0 it is ranked on P1 alone (near the top), with 0.9 it has no index score.
  const data = DATA.map((row, r) => (r === 2 ? ["B", 4000, 90, 90, null] : row));
  const result = computeIndex(data, FRAMEWORK, { aggregate: { minCoverage: 0.9 } });
  // A second input that changes nothing: its one alternative is the nominal treatment.
  const inputs = parseUncertainInputs({ "aggregate.minCoverage": [0, 0.9], "treat.method": ["none"] });
  const s = drive(sensitivityTask(result, { n: 64, inputs, bootstrap: 0 }, 5), 64 * 4);
  const [threshold, treatment] = s.indices;
  assert.equal(threshold!.input, "aggregate.minCoverage");
  assert.ok(s.variance > 0);
  assert.equal(treatment!.total, 0, "an input that changes nothing has a total index of 0");
  // One binary input explains everything: ST = Σ(yA − yAB)² / (2N·V) ≈ 1 up to sampling error.
  assert.ok(Math.abs(threshold!.total - 1) < 0.35, `ST of the threshold ≈ 1: ${threshold!.total}`);
});

test("the Results notes say why: a forced exclusion, a non-zero share, a score below aggregate.minCoverage", () => {
  const notes = (spec: unknown) => {
    const plan = buildReport(computeIndex(DATA, FRAMEWORK, spec), { language: "en" });
    const rows = plan.sheets.find((s) => s.key === "results")!.cells;
    return new Map(rows.slice(1).map((row) => [String(row[1]), String(row.at(-1) ?? "")]));
  };
  const screened = notes({ screen: { minNonZero: 0.7, exclude: ["F"] } });
  assert.equal(screened.get("F"), "Excluded by screening (listed in screen.exclude; coverage 100.0 %)");
  assert.equal(screened.get("D"), "Excluded by screening (non-zero share below screen.minNonZero; coverage 100.0 %)");
  const thresholded = notes({ aggregate: { minCoverage: 0.6 } });
  assert.equal(thresholded.get("B"), "No score (too few inputs for aggregate.minCoverage)");
});

test("uncertainty over the global normalization keeps the per-indicator methods in every run", () => {
  const result = computeIndex(DATA, FRAMEWORK, { normalize: { method: "minmax", byIndicator: { x1: "borda" } } });
  const u = drive(uncertaintyTask(result, { runs: 4, inputs: { normalize: ["minmax"] } }, 1), 4);
  assert.equal(u.scoreRuns, 4, "min-max with x1 on Borda is the nominal normalization");
  for (const unit of u.units)
    if (!Number.isNaN(unit.nominalScore)) assert.ok(Math.abs(unit.meanScore - unit.nominalScore) < 1e-12, unit.code);
});

test("a Normalize cell on an aggregate row is a warning naming the row, not silently ignored", () => {
  const framework = FRAMEWORK.map((row, r) => [...row, r === 0 ? "Normalize" : row[0] === "P1" ? "rank" : null]);
  const r = computeIndex(DATA, framework);
  assert.ok(
    r.warnings
      .map((w) => formatIssue(w))
      .some((w) =>
        /^Warning: Framework row 3: P1 is an aggregate: its Normalize, Treat and ScaleFactor cells are ignored/.test(w),
      ),
  );
});
