/** Editions over time on tiny data, every expected value computed by hand (docs/methods.md, "Editions over time"). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { columnOf, computeIndex, IndexInputError, rankChangeOf, type Cell } from "../../../src/core/engine";
import { DATA, FRAMEWORK } from "./tiny";

const values = (column: Float64Array | undefined) => Array.from(column!);

test("pooled (default): min and max over both editions; ranks within each edition; rank change = previous − now", () => {
  const result = computeIndex(DATA, FRAMEWORK, {});
  const info = result.editions!;
  assert.deepEqual(info.times, [2020, 2021]);
  assert.equal(info.normalize, "pooled");
  // Panel rows in Data order: X21, X20, Y20, Y21, Z21.
  // a: min 0, max 20 → 100, 0, 50, 25, 75. b (lower is better): −b from −20 to 0 → 75, 50, 100, 0, 50.
  assert.deepEqual(values(columnOf(info.panel.steps.normalized, "a")), [100, 0, 50, 25, 75]);
  assert.deepEqual(values(columnOf(info.panel.steps.normalized, "b")), [75, 50, 100, 0, 50]);
  assert.deepEqual(values(columnOf(info.panel.scores, "Idx")), [87.5, 25, 75, 12.5, 62.5]);
  // 2020: Y 1, X 2. 2021: X 1, Z 2, Y 3.
  assert.deepEqual(values(columnOf(info.panel.ranks, "Idx")), [1, 2, 1, 3, 2]);
  // X: 2 − 1 = +1; Y: 1 − 3 = −2; Z entered in 2021: none; 2020 is the first edition: none.
  assert.deepEqual(values(columnOf(info.rankChange, "Idx")), [1, NaN, NaN, -2, NaN]);

  // The result itself shows the latest edition (2021) in Data order: X, Y, Z.
  assert.deepEqual(result.units.codes, ["X", "Y", "Z"]);
  assert.deepEqual(result.units.rows, [1, 4, 5]);
  assert.deepEqual(values(columnOf(result.scores, "Idx")), [87.5, 12.5, 62.5]);
  assert.deepEqual(values(columnOf(result.ranks, "Idx")), [1, 3, 2]);
  assert.deepEqual(values(columnOf(rankChangeOf(result)!, "Idx")), [1, -2, NaN]);
});

test("separate: each edition normalized on its own", () => {
  const result = computeIndex(DATA, FRAMEWORK, { editions: { normalize: "separate" } });
  const info = result.editions!;
  // 2020: a 0,10 → X 0, Y 100; −b −10, 0 → X 0, Y 100. 2021: a 20, 5, 15 → 100, 0, 66.67; −b −5, −20, −10 → 100, 0, 66.67.
  const idx = values(columnOf(info.panel.scores, "Idx"));
  assert.deepEqual(idx.slice(0, 4), [100, 0, 100, 0]);
  assert.ok(Math.abs(idx[4]! - 200 / 3) < 1e-12);
  assert.deepEqual(values(columnOf(info.panel.ranks, "Idx")), [1, 2, 1, 3, 2]);
});

test("editions.edition shows a chosen edition; an unknown one is an error listing the editions", () => {
  const result = computeIndex(DATA, FRAMEWORK, { editions: { edition: 2020 } });
  assert.deepEqual(result.units.codes, ["X", "Y"]);
  assert.deepEqual(values(columnOf(result.scores, "Idx")), [25, 75]);
  assert.deepEqual(values(columnOf(rankChangeOf(result)!, "Idx")), [NaN, NaN]);
  assert.throws(
    () => computeIndex(DATA, FRAMEWORK, { editions: { edition: 2019 } }),
    /2019 is not an edition in Data; editions: 2020, 2021/,
  );
  assert.throws(() => computeIndex(DATA, FRAMEWORK, { editions: { normalize: "global" } }), /editions\.normalize/);
});

test("carry-forward: a gap takes the unit's latest earlier value as given, never a carried one", () => {
  const data: Cell[][] = [
    ["uCode", "Year", "a", "b"],
    ["X", 2020, 4, 1],
    ["X", 2021, null, 2],
    ["X", 2022, null, null],
    ["Y", 2020, 1, 7],
    ["Y", 2021, 3, 8],
    ["Y", 2022, 2, 9],
    ["W", 2022, null, 5],
  ];
  const result = computeIndex(data, FRAMEWORK, { impute: { method: "carry-forward" } });
  const info = result.editions!;
  // X 2021 a ← 4 (2020); X 2022 a ← 4 (2020, as 2021 was missing in the data), b ← 2 (2021); W has no earlier edition.
  assert.deepEqual(values(columnOf(info.panel.steps.imputed, "a")), [4, 4, 4, 1, 3, 2, NaN]);
  assert.deepEqual(values(columnOf(info.panel.steps.imputed, "b")), [1, 2, 2, 7, 8, 9, 5]);
  assert.deepEqual(info.logs[2]!.imputed, [
    { unit: "X", indicator: "a", value: 4, method: "carry-forward (2020)" },
    { unit: "X", indicator: "b", value: 2, method: "carry-forward (2021)" },
  ]);
  assert.deepEqual(result.log.imputed, info.logs[2]!.imputed);
  assert.throws(
    () =>
      computeIndex(
        DATA.filter((row) => row[2] !== 2020),
        FRAMEWORK,
        { impute: { method: "carry-forward" } },
      ),
    /carry-forward .* needs a Time column/,
  );
});

test("mean imputation, screening and treatment run per edition, as COINr's purse runs them per coin", () => {
  const data: Cell[][] = [
    ["uCode", "Time", "a", "b"],
    ["X", 1, 1, 1],
    ["Y", 1, 3, 2],
    ["Z", 1, null, 3],
    ["X", 2, 10, 1],
    ["Y", 2, 30, 2],
    ["Z", 2, null, 3],
  ];
  const result = computeIndex(data, FRAMEWORK, { impute: { method: "mean" } });
  // Edition 1 fills Z with mean(1, 3) = 2; edition 2 with mean(10, 30) = 20.
  assert.deepEqual(values(columnOf(result.editions!.panel.steps.imputed, "a")), [1, 3, 2, 10, 30, 20]);
  assert.deepEqual(
    result.log.imputed.map((c) => c.value),
    [20],
  );
  const screened = computeIndex(data, FRAMEWORK, { screen: { minCoverage: 1 }, editions: { normalize: "separate" } });
  assert.deepEqual(Array.from(screened.editions!.panel.included), [1, 1, 0, 1, 1, 0]);
  assert.deepEqual(screened.log.excluded, [{ unit: "Z", coverage: 0.5, reason: "coverage" }]);
});

test("a unit twice in one edition names both cells; a Time that is not a number names its cell", () => {
  const twice = [...DATA, ["X", "Ex again", 2020, 1, 1]];
  const err = (() => {
    try {
      computeIndex(twice, FRAMEWORK, {});
    } catch (e) {
      return e;
    }
  })();
  assert.ok(err instanceof IndexInputError);
  assert.deepEqual(
    err.issues.map((i) => [i.row, i.col]),
    [
      [2, 0],
      [6, 0],
    ],
  );
  assert.match(err.issues[0]!.message, /unit X has two rows for Time 2020 \(this one and row 7 of Data\)/);
  assert.match(err.issues[1]!.message, /\(this one and row 3 of Data\)/);

  const text = DATA.map((row, r) => (r === 3 ? ["Y", "Why", "twenty", 10, 0] : row));
  const bad = (() => {
    try {
      computeIndex(text, FRAMEWORK, {});
    } catch (e) {
      return e;
    }
  })();
  assert.ok(bad instanceof IndexInputError);
  assert.deepEqual(
    bad.issues.map((i) => [i.row, i.col]),
    [[3, 2]],
  );
  assert.match(bad.issues[0]!.message, /Time "twenty" is not a number/);
  assert.match(String(bad.message), /Data!C4/);
});

test("one Time value is one edition: the same result as without the column", () => {
  const one = DATA.filter((row, r) => r === 0 || row[2] === 2021 || row[2] === "2021");
  const withTime = computeIndex(one, FRAMEWORK, {});
  const without = computeIndex(
    one.map((row) => row.filter((_, c) => c !== 2)),
    FRAMEWORK,
    {},
  );
  assert.equal(withTime.editions, undefined);
  assert.deepEqual(values(columnOf(withTime.scores, "Idx")), values(columnOf(without.scores, "Idx")));
});

test("an edition left with no units names the edition", () => {
  const data: Cell[][] = [
    ["uCode", "Time", "a", "b"],
    ["X", 1, 1, 2],
    ["Y", 1, 2, 1],
    ["X", 2, 1, null],
    ["Y", 2, null, 1],
  ];
  assert.throws(
    () => computeIndex(data, FRAMEWORK, { screen: { minCoverage: 1 } }),
    /Edition 2 has no values left after screening/,
  );
});

test("each edition's log holds its own screening reasons, forced units and threshold gaps, though codes repeat across editions", () => {
  // X lacks b in 2020 only; Y lacks b in 2021 only; Z is forced in (it lacks a) in both.
  const data: Cell[][] = [
    ["uCode", "Time", "a", "b"],
    ["X", 2020, 1, null],
    ["Y", 2020, 3, 2],
    ["Z", 2020, null, 3],
    ["W", 2020, 2, 2],
    ["X", 2021, 10, 1],
    ["Y", 2021, 30, null],
    ["Z", 2021, null, 3],
    ["W", 2021, 20, 2],
  ];
  const spec = { screen: { minCoverage: 1, include: ["Z"] }, aggregate: { method: "arithmetic", minCoverage: 0.75 } };
  const latest = computeIndex(data, FRAMEWORK, spec);
  // 2021: Y excluded (coverage 1/2); Z kept by screen.include, and with 1 of 2 children Idx is below 0.75.
  assert.deepEqual(latest.log.excluded, [{ unit: "Y", coverage: 0.5, reason: "coverage" }]);
  assert.deepEqual(latest.log.forced, [{ unit: "Z", coverage: 0.5, wouldBeExcluded: true }]);
  assert.deepEqual(latest.log.belowCoverage, [{ aggregate: "Idx", unit: "Z", share: 0.5, minCoverage: 0.75 }]);
  const first = computeIndex(data, FRAMEWORK, { ...spec, editions: { edition: 2020 } });
  assert.deepEqual(first.log.excluded, [{ unit: "X", coverage: 0.5, reason: "coverage" }]);
  assert.deepEqual(first.log.forced, [{ unit: "Z", coverage: 0.5, wouldBeExcluded: true }]);
  assert.deepEqual(first.log.belowCoverage, [{ aggregate: "Idx", unit: "Z", share: 0.5, minCoverage: 0.75 }]);
  // The panel's own log lists every edition's entries once.
  assert.equal(latest.editions!.panel.log.excluded.length, 2);
});
