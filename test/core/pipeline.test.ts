import assert from "node:assert/strict";
import { test } from "node:test";
import { columnOf, computeIndex, formatIssue, IndexInputError, type Cell } from "../../src/core/engine";
import { twoPillarData, twoPillarFramework } from "./two-pillar-fixture";

const framework = twoPillarFramework;
const data = twoPillarData;

const col = (set: { codes: string[]; columns: Float64Array[] }, code: string) => [...columnOf(set, code)!];

test("Level and Type are inferred from Parent and the Data columns", () => {
  const r = computeIndex(data, framework, {});
  assert.deepEqual(
    r.framework.indicators.map((i) => i.code),
    ["A", "B", "C", "D"],
  );
  assert.deepEqual(
    r.framework.aggregates.map((a) => [a.code, a.level]),
    [
      ["P1", 2],
      ["P2", 2],
      ["Index", 3],
    ],
  );
  assert.deepEqual(r.framework.groups, ["Region"]);
  assert.deepEqual(r.framework.denominators, ["Pop"]);
  assert.equal(r.effectiveWeights.get("C"), 0.5 * (2 / 3));
});

test("denominate divides by the Denominator column", () => {
  const r = computeIndex(data, framework, { denominate: true });
  assert.deepEqual(col(r.steps.denominated, "C").slice(0, 4), [10, 5, 5, 5]);
  assert.ok(Number.isNaN(col(r.steps.denominated, "C")[4]!));
  assert.deepEqual(col(r.steps.denominated, "A").slice(0, 3), [1, 2, 3]);
});

test("impute: mean, median, group-mean, group-median; observed values never change", () => {
  const mean = computeIndex(data, framework, { impute: { method: "mean" } });
  assert.deepEqual(col(mean.steps.imputed, "A"), [1, 2, 3, 2, 2]);
  assert.deepEqual(col(mean.steps.imputed, "D"), [3, 19 / 4, 9, 6, 1]);
  const median = computeIndex(data, framework, { impute: { method: "median" } });
  assert.deepEqual(col(median.steps.imputed, "D"), [3, 4.5, 9, 6, 1]);
  const group = computeIndex(data, framework, { impute: { method: "group-mean", group: "Region" } });
  // West has A only for U3 (3); East has B for U1, U2 → West's B: U3, U4 = 3, 2 → 2.5 for U5.
  assert.deepEqual(col(group.steps.imputed, "A"), [1, 2, 3, 3, 3]);
  assert.deepEqual(col(group.steps.imputed, "B"), [5, 4, 3, 2, 2.5]);
  const gmed = computeIndex(data, framework, { impute: { method: "group-median", group: "Region" } });
  assert.deepEqual(col(gmed.steps.imputed, "D"), [3, 3, 9, 6, 1]);
  assert.equal(group.log.imputed.find((c) => c.unit === "U5" && c.indicator === "B")!.method, "group-mean (West)");
});

test("a group with no data for an indicator leaves the value missing", () => {
  const d = data.map((row) => [...row]);
  d[1]![4] = null; // U1 A
  d[2]![4] = null; // U2 A → East has no A at all
  d[4]![4] = 5; // U4 A, so that West's A is not constant
  const r = computeIndex(d, framework, { impute: { method: "group-mean", group: "Region" } });
  const a = col(r.steps.imputed, "A");
  assert.ok(Number.isNaN(a[0]!) && Number.isNaN(a[1]!));
});

test("screen excludes units under the minimum coverage from normalization and ranks", () => {
  const r = computeIndex(data, framework, { screen: { minCoverage: 0.6 } });
  assert.deepEqual(r.log.excluded, [{ unit: "U5", coverage: 0.25, reason: "coverage" }]);
  assert.deepEqual([...r.included], [1, 1, 1, 1, 0]);
  // D over U1..U4 only: min 3, max 9 (U5's 1 no longer sets the minimum).
  assert.deepEqual(
    col(r.steps.normalized, "D")
      .slice(0, 4)
      .map((v) => (Number.isNaN(v) ? v : Math.round(v * 1e9) / 1e9)),
    [0, NaN, 100, 50],
  );
  assert.ok(Number.isNaN(col(r.scores, "Index")[4]!));
  assert.ok(Number.isNaN(col(r.ranks, "Index")[4]!));
});

test("scores by hand: min-max then weighted arithmetic means, ranks descending", () => {
  const r = computeIndex(data, framework, {});
  // A: 1,2,3 → 0,50,100; B (direction -1): 5,4,3,2 → 0,33.3,66.7,100; C: 100,100,50,25 → 100,100,33.3,0; D: 3,·,9,6,1 → 25,·,100,62.5,0
  const P1 = [(0 + 0) / 2, (50 + 100 / 3) / 2, (100 + 200 / 3) / 2, 100, NaN];
  const P2 = [(2 * 100 + 25) / 3, 100, ((2 * 100) / 3 + 100) / 3, (0 + 62.5) / 3, 0];
  const idx = P1.map((p, i) => (Number.isNaN(p) ? P2[i]! : (p + P2[i]!) / 2));
  col(r.scores, "P1").forEach((v, i) =>
    Number.isNaN(P1[i]!) ? assert.ok(Number.isNaN(v)) : assert.ok(Math.abs(v - P1[i]!) < 1e-9),
  );
  col(r.scores, "Index").forEach((v, i) => assert.ok(Math.abs(v - idx[i]!) < 1e-9, `Index ${i}`));
  const order = idx
    .map((v, i) => [v, i] as const)
    .sort((x, y) => y[0] - x[0])
    .map(([, i]) => i);
  assert.equal(col(r.ranks, "Index")[order[0]!], 1);
  assert.equal(col(r.ranks, "Index")[order[4]!], 5);
});

test("per-level aggregation and weight overrides", () => {
  const r = computeIndex(data, framework, {
    normalize: { method: "minmax", low: 1, high: 100 },
    aggregate: { method: "arithmetic", byLevel: { 3: { method: "geometric" } } },
    weights: { P1: 3 },
  });
  const p1 = col(r.scores, "P1")[0]!;
  const p2 = col(r.scores, "P2")[0]!;
  assert.ok(Math.abs(col(r.scores, "Index")[0]! - Math.exp((3 * Math.log(p1) + Math.log(p2)) / 4)) < 1e-9);
  assert.equal(r.effectiveWeights.get("P1"), 0.75);
});

function errorsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof IndexInputError, `expected IndexInputError, got ${e}`);
    return e.issues.filter((i) => i.severity === "error").map((i) => formatIssue(i));
  }
  assert.fail("expected an error");
}

test("framework validation names the row and the fix", () => {
  const fw = (rows: Cell[][]) => [framework[0]!, ...rows];
  const base = framework.slice(1);
  assert.match(
    errorsOf(() => computeIndex(data, fw([...base, ["A", "dup", "P1", 1, 1, null]]), {})).join(),
    /Framework!A11: duplicate code A \(also in row 2\)/,
  );
  assert.match(
    errorsOf(() => computeIndex(data, fw([...base, ["X Y", "", "P1", 1, 1, null]]), {})).join(),
    /code "X Y" contains a space/,
  );
  assert.match(
    errorsOf(() => computeIndex(data, fw([...base, ["9X", "", "P1", 1, 1, null]]), {})).join(),
    /starts with a digit/,
  );
  assert.match(
    errorsOf(() =>
      computeIndex(data, fw(base.map((r) => (r[0] === "D" ? ["D", "", "Nope", 1, 1, null] : r))), {}),
    ).join(),
    /Framework!C5: Parent "Nope" of D is not a code/,
  );
  const cyclic = base.map((r) =>
    r[0] === "P1" ? ["P1", "", "P2", 1, 1, null] : r[0] === "P2" ? ["P2", "", "P1", 1, 1, null] : r,
  );
  assert.match(errorsOf(() => computeIndex(data, fw(cyclic), {})).join(), /the Parent chain loops: P1 → P2 → P1/);
  assert.match(
    errorsOf(() =>
      computeIndex(data, fw(base.map((r) => (r[0] === "B" ? ["B", "", "P1", 1, 2, null] : r))), {}),
    ).join(),
    /Framework!E3: direction "2" must be 1/,
  );
  assert.match(
    errorsOf(() =>
      computeIndex(data, fw(base.map((r) => (r[0] === "B" ? ["B", "", "P1", -1, 1, null] : r))), {}),
    ).join(),
    /Framework!D3: weight -1 is negative/,
  );
  assert.match(
    errorsOf(() =>
      computeIndex(data, fw(base.map((r) => (r[0] === "A" || r[0] === "B" ? [r[0], "", "P1", 0, 1, null] : r))), {}),
    ).join(),
    /every child of P1 has weight 0/,
  );
});

test("an aggregate with no children is an error", () => {
  const typed = framework.map((r, i) => [...r, i === 0 ? "Type" : null]);
  typed.push(["P3", "Empty", "Index", 1, null, null, "Aggregate"]);
  assert.match(errorsOf(() => computeIndex(data, typed, {})).join(), /Framework!G11: aggregate P3 has no children/);
});

test("data validation: missing indicator column, duplicate unit, non-numeric cells are warnings with their cell", () => {
  const noD = data.map((r) => r.slice(0, 7));
  assert.match(
    errorsOf(() => computeIndex(noD, framework, {})).join(),
    /indicator D \(Framework row 5\) has no column in Data; add a column headed D/,
  );
  const dup = [...data, ["U1", "Again", "East", 1, 1, 1, 1, 1]];
  assert.match(
    errorsOf(() => computeIndex(dup, framework, {})).join(),
    /Data!A7: duplicate unit code U1 \(also in row 2\)/,
  );
  const messy = data.map((r) => [...r]);
  messy[1]![4] = "n/a";
  messy[2]![5] = "1,234";
  messy[3]![6] = "#N/A";
  messy[4]![7] = "—";
  const r = computeIndex(messy, framework, {});
  const warnings = r.warnings.map((w) => formatIssue(w));
  assert.ok(
    warnings.includes(
      'Warning: Data!E2: "n/a" is not a number; treated as missing (enter a number or leave the cell empty)',
    ),
    warnings.join("\n"),
  );
  assert.ok(warnings.some((w) => w.startsWith("Warning: Data!F3:") && w.includes("remove the thousands separators")));
  assert.ok(warnings.some((w) => w.startsWith("Warning: Data!G4: #N/A is an Excel error value")));
  assert.ok(warnings.some((w) => w.startsWith("Warning: Data!H5:")));
  assert.ok(Number.isNaN(col(r.steps.raw, "A")[0]!));
  const extra = data.map((r, i) => [...r, i === 0 ? "Extra" : i]);
  assert.ok(
    computeIndex(extra, framework, {}).warnings.some((w) => /column "Extra" is not in the Framework/.test(w.message)),
  );
});

test("friendly header aliases and case-insensitive headers", () => {
  const fw = [["code", "NAME", "parent", "WEIGHT", "direction", "denominator"], ...framework.slice(1)];
  const d = [["Code", "Name", ...data[0]!.slice(2)], ...data.slice(1)];
  const r = computeIndex(d, fw, {});
  assert.deepEqual(r.units.names, ["One", "Two", "Three", "Four", "Five"]);
});

test("spec: unknown keys and methods are errors that list the allowed ones", () => {
  assert.match(
    errorsOf(() => computeIndex(data, framework, { normalise: {} })).join(),
    /unknown option "normalise"; allowed: denominate, impute, screen, treat, normalize, aggregate, weights/,
  );
  assert.match(
    errorsOf(() => computeIndex(data, framework, { normalize: { method: "minmaxx" } })).join(),
    /unknown method "minmaxx"; allowed: minmax, zscore, rank/,
  );
  assert.match(
    errorsOf(() => computeIndex(data, framework, { normalize: { method: "minmax", lo: 1 } })).join(),
    /unknown option "lo".*allowed keys for minmax: method, low, high/,
  );
  assert.match(
    errorsOf(() => computeIndex(data, framework, { aggregate: { method: "power" } })).join(),
    /aggregate\.p/,
  );
  assert.match(
    errorsOf(() => computeIndex(data, framework, { impute: { method: "group-mean", group: "Nope" } })).join(),
    /group column "Nope" is not in Data; group columns found: Region/,
  );
});

test("spec shorthand: a method name alone stands for { method }", () => {
  const r = computeIndex(data, framework, { normalize: "rank", aggregate: "geometric" });
  assert.equal(r.spec.normalize.method, "rank");
  assert.equal(r.spec.aggregate.method, "geometric");
});

test("formatIssue keeps the column name when only the sheet is known", () => {
  assert.equal(
    formatIssue(
      { table: "Spec", column: "impute.group", message: "x", severity: "error" },
      { Spec: { sheet: "Settings", row: 0, col: 0 } },
    ),
    "Settings (impute.group): x",
  );
});

test("numeric text parses as Excel would read it; hex, binary, octal and Infinity are not numbers", async () => {
  const { parseNumber } = await import("../../src/core/table");
  assert.deepEqual(
    ["12", "-3.5", "+.5", "5.", "1e3", "1E-2", " 7 "].map((t) => parseNumber(t).value),
    [12, -3.5, 0.5, 5, 1000, 0.01, 7],
  );
  for (const t of ["0x1F", "0b101", "0o17", "Infinity", "-Infinity", "1_000", "1e", ".", "-"]) {
    const p = parseNumber(t);
    assert.ok(Number.isNaN(p.value) && p.problem, `${t} must be missing with a reason`);
  }
  assert.match(parseNumber("1e999").problem!, /out of range/);
});
