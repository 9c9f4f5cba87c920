/** IDX.INDEX against COINr's ASEM scores and the engine; IDX.WEIGHTS, IDX.AHP, IDX.AHPCR against core and textbook values. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ahp, ahpcr, index, weights } from "../../src/functions/functions";
import { computeIndex } from "../../src/core/pipeline";
import { entropyWeights, pcaWeights } from "../../src/core/weights/index";
import { asemRanges, dataColumns, errorOf, expectedColumn, numbersOf, type Range } from "./excel-like";

const close = (actual: unknown, expected: number, tol: number, what: string) =>
  assert.ok(
    typeof actual === "number" && Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
    `${what}: ${String(actual)} vs ${expected}`,
  );

test("INDEX on ASEM equals COINr's index scores within 1e-9 (default node = the top)", () => {
  const { data, meta } = asemRanges();
  const out = numbersOf(index(data, meta));
  assert.equal(out.length, data.length - 1);
  expectedColumn("expected-default.csv", data, "Index").forEach((e, r) =>
    close(out[r]![0], e!, 1e-9, `Index row ${r}`),
  );
});

test('INDEX "*" spills every aggregate with a header row, each equal to COINr', () => {
  const { data, meta } = asemRanges();
  const out = index(data, meta, "*");
  const header = out[0] as string[];
  assert.deepEqual(header, [
    "Index",
    "Conn",
    "Sust",
    "Physical",
    "ConEcFin",
    "Political",
    "Instit",
    "P2P",
    "Environ",
    "Social",
    "SusEcFin",
  ]);
  header.forEach((code, c) => {
    expectedColumn("expected-default.csv", data, code).forEach((e, r) =>
      close(out[r + 1]![c], e!, 1e-9, `${code} row ${r}`),
    );
  });
});

test("INDEX with a settings range equals the engine and COINr's geometric run; a node picks one aggregate", () => {
  const { data, meta } = asemRanges();
  const settings: Range = [
    ["normalize.method", "minmax"],
    ["normalize.low", 1],
    ["normalize.high", 100],
    ["aggregate.method", "geometric"],
  ];
  const out = numbersOf(index(data, meta, "Sust", settings));
  expectedColumn("expected-geometric.csv", data, "Sust").forEach((e, r) =>
    close(out[r]![0], e!, 1e-9, `Sust row ${r}`),
  );
  const engine = computeIndex(data, meta, { normalize: { method: "zscore" }, impute: { method: "mean" } });
  const viaFunction = numbersOf(
    index(data, meta, "Conn", [
      ["impute.method", "mean"],
      ["normalize.method", "zscore"],
    ]),
  );
  const conn = engine.scores.columns[engine.scores.codes.indexOf("Conn")]!;
  engine.units.rows.forEach((row, u) => assert.equal(viaFunction[row - 1]![0], conn[u]));
});

test("INDEX keeps Data rows in place: a blank row stays blank, an indicator code returns its normalized column", () => {
  const { data, meta } = asemRanges();
  const withGap = [...data.slice(0, 3), data[0]!.map(() => ""), ...data.slice(3)];
  const out = index(withGap, meta);
  assert.equal(out.length, withGap.length - 1);
  assert.equal(out[2]![0], "");
  const expected = expectedColumn("expected-default.csv", data, "Index");
  close(out[3]![0], expected[2]!, 1e-9, "the row after the gap");
  const lpi = numbersOf(index(data, meta, "LPI"));
  expectedColumn("expected-default-normalized.csv", data, "LPI").forEach((e, r) =>
    close(lpi[r]![0], e!, 1e-9, `LPI row ${r}`),
  );
});

test("INDEX leaves units excluded by screening blank and scores the rest as the engine does", () => {
  const { data, meta } = asemRanges();
  const engine = computeIndex(data, meta, { screen: { minCoverage: 0.95 } });
  assert.ok(engine.log.excluded.length > 0, "some ASEM units fall below 95 % coverage");
  const out = index(data, meta, undefined, [["screen.minCoverage", 0.95]]);
  const root = engine.scores.columns[engine.scores.codes.indexOf("Index")]!;
  engine.units.rows.forEach((row, u) => {
    const expected = engine.included[u] === 1 && root[u] === root[u] ? root[u] : "";
    assert.equal(out[row - 1]![0], expected, engine.units.codes[u]);
  });
});

test("INDEX errors name the cell or code to fix", () => {
  const { data, meta } = asemRanges();
  assert.match(
    errorOf(index(data, meta, "Nope"))!.message,
    /node "Nope" is not in the Framework; use an aggregate code \(Index, Conn, Sust/,
  );
  assert.match(
    errorOf(index(data, meta, undefined, [["normalize.method", "median"]]))!.message,
    /unknown method "median"/,
  );
  const noLpi = data.map((row) =>
    row.map((cell, c) => (c === data[0]!.indexOf("LPI") ? (row === data[0] ? "LPIX" : cell) : cell)),
  );
  assert.match(errorOf(index(noLpi, meta))!.message, /indicator LPI .* has no column in Data/);
  assert.match(errorOf(index(data, meta, undefined, [["normalize.method"]]))!.message, /two columns/);
});

test("WEIGHTS: entropy by default, pca and equal, each equal to the core method on the numbers of each column", () => {
  const { data } = asemRanges();
  const codes = ["Goods", "Services", "FDI", "PRemit", "ForPort"];
  const range = dataColumns(data, codes);
  const columns = codes.map((_, c) =>
    Float64Array.from(range, (row) => (typeof row[c] === "number" ? (row[c] as number) : NaN)),
  );
  const entropy = numbersOf(weights(range))[0]!;
  const expectedEntropy = entropyWeights(columns, codes);
  entropy.forEach((w, j) => close(w, expectedEntropy[j]!, 1e-15, `entropy ${codes[j]}`));
  close(
    entropy.reduce((a, b) => a + b, 0),
    1,
    1e-12,
    "entropy sums to 1",
  );
  const pca = numbersOf(weights(range, "PCA"))[0]!;
  const expectedPca = pcaWeights(columns, codes);
  pca.forEach((w, j) => close(w, expectedPca[j]!, 1e-15, `pca ${codes[j]}`));
  assert.deepEqual(weights(range, "equal"), [[0.2, 0.2, 0.2, 0.2, 0.2]]);
  // By hand: columns [1,1,1,1], [1,0,0,0], [1,1,0,0] have entropies 1, 0, 1/2.
  const hand = numbersOf(
    weights([
      [1, 1, 1],
      [1, 0, 1],
      [1, 0, 0],
      [1, 0, 0],
    ]),
  )[0]!;
  [0, 2 / 3, 1 / 3].forEach((e, j) => close(hand[j], e, 1e-15, `hand ${j}`));
});

test("WEIGHTS errors: negative data for entropy, unknown method", () => {
  assert.match(
    errorOf(
      weights([
        [1, -2],
        [3, 4],
      ]),
    )!.message,
    /non-negative values, but column 2 holds -2; normalize first/,
  );
  assert.match(
    errorOf(
      weights(
        [
          [1, 2],
          [3, 4],
        ],
        "critic",
      ),
    )!.message,
    /unknown weighting method "critic"; use one of: entropy, pca, equal/,
  );
});

test("AHP and AHPCR: Saaty's 3x3 example [1 3 5; 1/3 1 3; 1/5 1/3 1] (w = 0.637, 0.258, 0.105; CR = 0.033)", () => {
  const matrix: Range = [
    [1, 3, 5],
    [1 / 3, 1, 3],
    [1 / 5, 1 / 3, 1],
  ];
  const w = numbersOf(ahp(matrix));
  assert.equal(w.length, 3);
  [0.637, 0.258, 0.105].forEach((e, i) => close(w[i]![0], e, 5e-4, `w${i + 1}`));
  // Closed form for n = 3: lambda = 1 + rho + 1/rho, rho = (a12 a23 / a13)^(1/3).
  const rho = Math.cbrt(9 / 5);
  close(ahpcr(matrix), (1 + rho + 1 / rho - 3) / 2 / 0.58, 1e-12, "CR");
  // Upper triangle only, with "1/3" typed as text, gives the same weights.
  const upper = numbersOf(
    ahp([
      [1, 3, 5],
      ["", 1, "3/1"],
      ["", "", ""],
    ]),
  );
  w.forEach((row, i) => close(upper[i]![0], row[0]!, 1e-14, `upper w${i + 1}`));
  assert.equal(
    ahpcr([
      [1, 2],
      [0.5, 1],
    ]),
    0,
  );
});

test("AHP errors: non-reciprocal, not square, labels selected, more than 10 items for CR", () => {
  const cr = ahpcr([
    [1, 3, 5],
    [3, 1, 3],
    [1 / 5, 1 / 3, 1],
  ]);
  assert.equal(errorOf(cr)?.code, "#VALUE!");
  assert.match(errorOf(cr)!.message, /not reciprocal: row 1, column 2 is 3 so row 2, column 1 must be 1\/3/);
  assert.match(
    errorOf(
      ahp([
        [1, 3, 5],
        [1 / 3, 1, 3],
      ]),
    )!.message,
    /must be square/,
  );
  assert.match(
    errorOf(
      ahp([
        ["", "Cost"],
        ["Cost", 1],
      ]),
    )!.message,
    /holds "Cost".*without its labels/,
  );
  const eleven = Array.from({ length: 11 }, () => new Array<number>(11).fill(1));
  assert.equal(numbersOf(ahp(eleven)).length, 11);
  assert.match(errorOf(ahpcr(eleven))!.message, /up to 10 items/);
});
