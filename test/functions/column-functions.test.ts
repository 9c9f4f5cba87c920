/** IDX.NORMALIZE, IDX.RANK, IDX.SCORE, IDX.WINSORIZE against Excel's definitions, hand calculations and COINr. */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { normalize, rank, score, winsorize } from "../../src/functions/functions";
import { rankAscending, rankDescending } from "../../src/core/steps/rank";
import { asemRanges, dataColumns, errorOf, expectedColumn, numbersOf, type Range } from "./excel-like";

const close = (actual: unknown, expected: number, tol: number, what: string) =>
  assert.ok(
    typeof actual === "number" && Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
    `${what}: ${String(actual)} vs ${expected}`,
  );

const nums = (cells: unknown[]) => cells.filter((v): v is number => typeof v === "number");
// Excel's MIN, MAX, AVERAGE, STDEV.S over a range: numbers only.
const MIN = (cells: unknown[]) => Math.min(...nums(cells));
const MAX = (cells: unknown[]) => Math.max(...nums(cells));
const AVERAGE = (cells: unknown[]) => nums(cells).reduce((a, b) => a + b, 0) / nums(cells).length;
const STDEV_S = (cells: unknown[]) => {
  const m = AVERAGE(cells);
  const xs = nums(cells);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};
// RANK.EQ(x, range, order): 1 + how many numbers of the range beat x.
const RANK_EQ = (x: number, cells: unknown[], ascending: boolean) =>
  1 + nums(cells).filter((v) => (ascending ? v < x : v > x)).length;

const mixed: Range = [
  [3, 10, "n/a"],
  ["", 20, 5],
  [7, 20, true],
  [1, "", 9],
  [5, 40, 2],
];
const column = (range: Range, c: number) => range.map((row) => row[c]);

test("NORMALIZE minmax equals (x-MIN)/(MAX-MIN)*100 column by column; blanks, text and booleans stay blank", () => {
  const out = normalize(mixed);
  assert.equal(out.length, mixed.length);
  mixed.forEach((row, r) => {
    assert.equal(out[r]!.length, row.length);
    row.forEach((cell, c) => {
      if (typeof cell !== "number") return assert.equal(out[r]![c], "", `cell ${r},${c} stays blank`);
      const col = column(mixed, c);
      close(out[r]![c], ((cell - MIN(col)) / (MAX(col) - MIN(col))) * 100, 1e-12, `cell ${r},${c}`);
    });
  });
  const scaled = normalize(mixed, "minmax", 1, 10);
  close(scaled[4]![1], ((40 - 10) / 30) * 9 + 1, 1e-12, "low 1 high 10 at the max");
  close(scaled[0]![1], 1, 1e-12, "low 1 high 10 at the min");
});

test("NORMALIZE zscore equals (x-AVERAGE)/STDEV.S; rank, percentile, borda, fracmax, dist2max by hand", () => {
  const z = normalize(mixed, "zscore");
  const col0 = column(mixed, 0);
  close(z[2]![0], (7 - AVERAGE(col0)) / STDEV_S(col0), 1e-12, "zscore");
  // Column 1 holds 10, 20, 20, (blank), 40: ascending competition ranks 1, 2, 2, -, 4.
  assert.deepEqual(
    normalize(mixed, "rank").map((r) => r[1]),
    [1, 2, 2, "", 4],
  );
  assert.deepEqual(
    normalize(mixed, "borda").map((r) => r[1]),
    [0, 1, 1, "", 3],
  );
  assert.deepEqual(
    normalize(mixed, "percentile").map((r) => r[1]),
    [0, 1 / 3, 1 / 3, "", 1],
  );
  assert.deepEqual(
    normalize(mixed, "FracMax").map((r) => r[1]),
    [0.25, 0.5, 0.5, "", 1],
  );
  const d2m = normalize(mixed, "dist2max").map((r) => r[1]);
  [0, 1 / 3, 1 / 3].forEach((e, r) => close(d2m[r], e, 1e-15, `dist2max ${r}`));
  assert.deepEqual(d2m.slice(3), ["", 1]);
});

test("NORMALIZE on ASEM indicators with direction 1 equals COINr's normalized values", () => {
  const { data } = asemRanges();
  const codes = ["LPI", "Flights", "Goods", "Embs", "Renew"];
  const out = numbersOf(normalize(dataColumns(data, codes)));
  codes.forEach((code, c) => {
    expectedColumn("expected-default-normalized.csv", data, code).forEach((e, r) => {
      if (e === null) assert.equal(out[r]![c], "", `${code} row ${r} blank`);
      else close(out[r]![c], e, 1e-9, `${code} row ${r}`);
    });
  });
});

test("RANK equals RANK.EQ over the whole range, descending and ascending, ties share the best rank", () => {
  const scores: Range = [
    [5, 3],
    ["", 5],
    [1, "x"],
    [5, 2],
  ];
  const flat = scores.flat();
  for (const ascending of [false, true]) {
    const out = rank(scores, ascending ? 1 : undefined);
    scores.forEach((row, r) =>
      row.forEach((cell, c) => {
        const expected = typeof cell === "number" ? RANK_EQ(cell, flat, ascending) : "";
        assert.equal(out[r]![c], expected, `${ascending ? "asc" : "desc"} ${r},${c}`);
      }),
    );
  }
  assert.deepEqual(rank([[5], [3], [5], [1]]), [[1], [3], [1], [4]]);
  assert.deepEqual(rank([[5], [3], [5], [1]], true), [[3], [2], [3], [1]]);
});

test("RANK gives the engine's ranks (rankDescending / rankAscending) on any column with ties and blanks", () => {
  const cell = fc.oneof(
    fc.integer({ min: -3, max: 3 }),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.constant(""),
  );
  fc.assert(
    fc.property(fc.array(cell, { minLength: 1, maxLength: 40 }), (cells) => {
      const x = Float64Array.from(cells, (v) => (typeof v === "number" ? v : NaN));
      const asBlank = (r: number) => (r === r ? r : "");
      assert.deepEqual(
        rank(cells.map((v) => [v])).map((r) => r[0]),
        Array.from(rankDescending(x), asBlank),
      );
      assert.deepEqual(
        rank(
          cells.map((v) => [v]),
          true,
        ).map((r) => r[0]),
        Array.from(rankAscending(x), asBlank),
      );
    }),
  );
});

test("SCORE by hand: directions, min-max, weighted arithmetic mean with missing values skipped", () => {
  const data: Range = [
    [1, 10],
    [3, 30],
    [5, ""],
  ];
  // col 1 -> 0, 50, 100; col 2 (direction -1) -> 100, 0, blank. Weights 1 and 3.
  const out = score(data, [[1, 3]], [[1, -1]]);
  close(out[0]![0], (0 * 1 + 100 * 3) / 4, 1e-12, "row 1");
  close(out[1]![0], (50 * 1 + 0 * 3) / 4, 1e-12, "row 2");
  close(out[2]![0], 100, 1e-12, "row 3 uses the renormalized weight of the one column it has");
  // Harmonic: sum w / sum (w/x) on the data as given.
  const h = score(
    [
      [2, 4],
      [1, 1],
    ],
    [[1], [1]],
    undefined,
    "none",
    "harmonic",
  );
  close(h[0]![0], 2 / (1 / 2 + 1 / 4), 1e-12, "harmonic");
  assert.deepEqual(
    score(
      [
        ["", ""],
        [1, 2],
        [2, 1],
      ],
      [[1, 1]],
    ),
    [[""], [50], [50]],
  );
});

test("SCORE on an ASEM pillar equals COINr's pillar score (arithmetic, mixed directions)", () => {
  const { data } = asemRanges();
  const codes = ["CostImpEx", "Tariff", "TBTs", "TIRcon", "RTAs", "Visa"];
  const directions = [[-1, -1, -1, 1, 1, 1]];
  const out = numbersOf(score(dataColumns(data, codes), [[1, 1, 1, 1, 1, 1]], directions));
  expectedColumn("expected-default.csv", data, "Instit").forEach((e, r) =>
    close(out[r]![0], e!, 1e-9, `Instit row ${r}`),
  );
});

test("SCORE geometric on NORMALIZE(…, 1, 100) equals COINr's geometric pillar score; on 0-100 it is #VALUE!", () => {
  const { data } = asemRanges();
  const codes = ["LPI", "Flights", "Ship", "Bord", "Elec", "Gas", "ConSpeed", "Cov4G"];
  const normalized = normalize(dataColumns(data, codes), "minmax", 1, 100) as Range;
  const out = numbersOf(score(normalized, [[1, 1, 1, 1, 1, 1, 1, 1]], undefined, "none", "geometric"));
  expectedColumn("expected-geometric.csv", data, "Physical").forEach((e, r) =>
    close(out[r]![0], e!, 1e-9, `Physical row ${r}`),
  );
  const error = errorOf(score(dataColumns(data, codes), [[1, 1, 1, 1, 1, 1, 1, 1]], undefined, "minmax", "geometric"));
  assert.equal(error?.code, "#VALUE!");
  assert.match(
    error!.message,
    /geometric mean needs values > 0, but row \d+, column 1 is 0 after normalization.*IDX\.NORMALIZE\(data,"minmax",1,100\)/s,
  );
});

test("WINSORIZE: one outlier is pulled to the next value, as COINr; passing columns are unchanged", () => {
  // 1..9 and 100: skew > 2 and kurt > 3.5, so 100 moves to 9. Excel's SKEW/KURT of 1..9,9 then pass.
  const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
  const after = [1, 2, 3, 4, 5, 6, 7, 8, 9, 9];
  const n = after.length;
  const m = after.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(after.reduce((a, x) => a + (x - m) ** 2, 0) / (n - 1));
  const SKEW = (n / ((n - 1) * (n - 2))) * after.reduce((a, x) => a + ((x - m) / s) ** 3, 0);
  assert.ok(Math.abs(SKEW) < 2, "the treated column passes the skew test");
  const out = winsorize(xs.map((x) => [x]));
  assert.deepEqual(
    out.map((r) => r[0]),
    after,
  );
  const flat = [[1], [2], [""], [4]];
  assert.deepEqual(winsorize(flat), [[1], [2], [""], [4]]);
  // winmax 0 allows no winsorizing: COINr falls back to log(x - min + 0.01 (max - min)).
  const logged = winsorize(
    xs.map((x) => [x]),
    0,
  );
  xs.forEach((x, i) => close(logged[i]![0], Math.log(x - 1 + 0.01 * 99), 1e-12, `log ${i}`));
});

test("wrong input gives #VALUE! with a message that says what to fix", () => {
  const cases: [unknown, RegExp][] = [
    [normalize(mixed, "median"), /unknown normalization method "median"; use one of: minmax, zscore/],
    [normalize([[1], [1], [1]]), /column 1 cannot be normalized by min-max: every value is 1/],
    [normalize(mixed, "minmax", 5, 5), /high \(5\) must be greater than low \(5\)/],
    [normalize(mixed, "zscore", 0, 1), /low and high apply to minmax only/],
    [normalize(mixed, "goalposts"), /IDX\.INDEX/],
    [rank(mixed, "maybe"), /ascending must be TRUE\/FALSE or 1\/0/],
    [
      score(
        [
          [1, 2],
          [3, 4],
        ],
        [[1, 1, 1]],
      ),
      /weights has 3 cells but data has 2 columns/,
    ],
    [
      score(
        [
          [1, 2],
          [3, 4],
        ],
        [[1, 1]],
        [[1, 1, 1]],
      ),
      /directions has 3 cells but data has 2 columns/,
    ],
    [
      score(
        [
          [1, 2],
          [3, 4],
        ],
        [[1, "a"]],
      ),
      /weight 2 must be a number >= 0/,
    ],
    [
      score(
        [
          [1, 2],
          [3, 4],
        ],
        [[1, 1]],
        [[1, 2]],
      ),
      /direction 2 must be 1 .* or -1/,
    ],
    [
      score(
        [
          [1, 2],
          [3, 4],
        ],
        [[1, 1]],
        undefined,
        undefined,
        "median",
      ),
      /unknown aggregation method "median"/,
    ],
    [
      score(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 1],
          [1, 1],
        ],
      ),
      /single row or a single column/,
    ],
    [
      score(
        [
          [1, 2],
          [3, 4],
        ],
        [[1, 1]],
        undefined,
        "scale",
      ),
      /unknown normalization method "scale"; use one of: minmax, .*, or none/,
    ],
    [winsorize([[1], [2]], -1), /winmax must be a whole number/],
  ];
  cases.forEach(([result, message], i) => {
    const error = errorOf(result);
    assert.ok(error, `case ${i + 1} returns an error`);
    assert.equal(error.code, "#VALUE!");
    assert.match(error.message, message, `case ${i + 1}`);
  });
});
