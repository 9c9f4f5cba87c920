/**
 * COINr's panel example ASEM_iData_p (51 countries × 5 years, test/fixtures/coinr-asem-panel) against
 * independent references built from the single-edition engine, which matches COINr to 1e-9
 * (test/core/conformance.test.ts):
 * - separate: each year run by hand through computeIndex (COINr's purse with global = FALSE);
 * - pooled: each year treated by hand, the five treated tables stacked into one Data table and
 *   normalized and aggregated as one (what COINr's Normalise.purse with global = TRUE does: it
 *   normalizes the row-bound data sets of every coin at once), then ranked within each year;
 * - carry-forward: the gaps filled by hand from the latest earlier year.
 * The spec is COINr's build_example_purse(): screen at 90 % data availability, default
 * winsorization, min-max 0–100, arithmetic means.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { columnOf, computeIndex, rankDescending, type Cell, type IndexResult } from "../../../src/core/engine";
import { CONFORMANCE_DIR, FIXTURES_DIR, readCsv } from "../../helpers/conformance";

const panel = readCsv(join(FIXTURES_DIR, "coinr-asem-panel", "data.csv"));
const meta = readCsv(join(CONFORMANCE_DIR, "meta.csv"));
const header = panel[0]!;
const TIME = header.indexOf("Time");
const YEARS = [2018, 2019, 2020, 2021, 2022];
const PURSE = { screen: { minCoverage: 0.9 }, treat: { method: "winsorize" } };
const yearRows = (table: Cell[][], year: number) => [
  table[0]!,
  ...table.slice(1).filter((row) => Number(row[TIME]) === year),
];

/** Every panel row's score and rank against a reference keyed by "uCode|year". */
function compare(
  result: IndexResult,
  reference: Map<string, { score: Map<string, number>; rank: Map<string, number> }>,
  tol: number,
): number {
  const info = result.editions!;
  let checked = 0;
  info.panel.units.codes.forEach((code, r) => {
    const year = info.times[info.editionOf[r]!]!;
    const ref = reference.get(`${code}|${year}`)!;
    for (const agg of info.panel.scores.codes) {
      const got = columnOf(info.panel.scores, agg)![r]!;
      const want = ref.score.get(agg)!;
      if (Number.isNaN(want)) assert.ok(Number.isNaN(got), `${code} ${year} ${agg}: expected missing`);
      else
        assert.ok(
          Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)),
          `${code} ${year} ${agg}: ${got} vs ${want}`,
        );
      assert.equal(columnOf(info.panel.ranks, agg)![r], ref.rank.get(agg), `${code} ${year} ${agg} rank`);
      checked++;
    }
  });
  return checked;
}

function byYear(): Map<number, IndexResult> {
  return new Map(YEARS.map((year) => [year, computeIndex(yearRows(panel, year), meta, PURSE)]));
}

test("ASEM panel, separate: every year equals that year run on its own (COINr global = FALSE)", () => {
  const result = computeIndex(panel, meta, { ...PURSE, editions: { normalize: "separate" } });
  const info = result.editions!;
  assert.deepEqual(info.times, YEARS);
  assert.equal(info.panel.units.codes.length, 255);
  const reference = new Map<string, { score: Map<string, number>; rank: Map<string, number> }>();
  for (const [year, one] of byYear()) {
    one.units.codes.forEach((code, u) =>
      reference.set(`${code}|${year}`, {
        score: new Map(one.scores.codes.map((agg, j) => [agg, one.included[u] ? one.scores.columns[j]![u]! : NaN])),
        rank: new Map(one.ranks.codes.map((agg, j) => [agg, one.ranks.columns[j]![u]!])),
      }),
    );
  }
  assert.equal(compare(result, reference, 1e-12), 255 * 11);
  // Screening at 90 % drops the same units each year; the latest year is what the result shows.
  assert.deepEqual(result.units.codes, byYear().get(2022)!.units.codes);
  assert.deepEqual(result.log.excluded, byYear().get(2022)!.log.excluded);
  assert.ok(result.log.excluded.length > 0, "the 90 % screen excludes someone, so the test covers it");
  assert.ok(
    result.log.treatment.some((t) => t.action !== "none"),
    "winsorization acts, so the test covers it",
  );
});

test("ASEM panel, pooled: min-max over all five years of treated data, ranks within each year (COINr global = TRUE)", () => {
  const result = computeIndex(panel, meta, PURSE);
  assert.equal(result.editions!.normalize, "pooled");
  // Reference: stack each year's treated indicators (screened-out units left empty) and run them as one table.
  const years = byYear();
  const indicators = [...years.get(2018)!.steps.treated.codes];
  const stacked: Cell[][] = [["uCode", ...indicators]];
  const keys: string[] = [];
  for (const [year, one] of years) {
    one.units.codes.forEach((code, u) => {
      keys.push(`${code}|${year}`);
      stacked.push([
        `${code}_${year}`,
        ...one.steps.treated.columns.map((column) => (Number.isNaN(column[u]!) ? null : column[u]!)),
      ]);
    });
  }
  const pooled = computeIndex(stacked, meta, {});
  const reference = new Map<string, { score: Map<string, number>; rank: Map<string, number> }>();
  const rankOf = new Map<string, Float64Array>();
  for (const [k, agg] of pooled.scores.codes.entries()) {
    const all = pooled.scores.columns[k]!;
    const ranks = new Float64Array(all.length);
    YEARS.forEach((_, y) => {
      const slice = all.subarray(y * 51, (y + 1) * 51);
      ranks.set(rankDescending(slice), y * 51);
    });
    rankOf.set(agg, ranks);
  }
  keys.forEach((key, i) =>
    reference.set(key, {
      score: new Map(pooled.scores.codes.map((agg, k) => [agg, pooled.scores.columns[k]![i]!])),
      rank: new Map(pooled.scores.codes.map((agg) => [agg, rankOf.get(agg)![i]!])),
    }),
  );
  assert.equal(compare(result, reference, 1e-12), 255 * 11);
  // Pooled scores differ from separate ones: the test tells the two modes apart.
  const separate = computeIndex(panel, meta, { ...PURSE, editions: { normalize: "separate" } });
  assert.notDeepEqual(Array.from(columnOf(result.scores, "Index")!), Array.from(columnOf(separate.scores, "Index")!));
});

test("ASEM panel, carry-forward: equals the gaps filled by hand from the latest earlier year", () => {
  // Knock out values in later years so that carry-forward has work: unit i, indicator j, year y.
  const codes = header.slice(TIME + 5).map(String);
  const holes = panel.map((row, r) =>
    row.map((cell, c) => (r > 51 && c > TIME + 4 && (r * 7 + c * 3) % 11 === 0 ? null : cell)),
  );
  const filled = holes.map((row) => [...row]);
  const uCol = header.indexOf("uCode");
  let count = 0;
  for (let r = 1; r < holes.length; r++) {
    const year = Number(holes[r]![TIME]);
    for (let c = TIME + 5; c < header.length; c++) {
      if (holes[r]![c] !== null && holes[r]![c] !== "") continue;
      for (let earlier = year - 1; earlier >= 2018; earlier--) {
        const source = holes.find((row) => row[uCol] === holes[r]![uCol] && Number(row[TIME]) === earlier)!;
        if (source[c] !== null && source[c] !== "") {
          filled[r]![c] = source[c]!;
          count++;
          break;
        }
      }
    }
  }
  assert.ok(count > 500, `carry-forward fills ${count} cells`);
  const result = computeIndex(holes, meta, { impute: { method: "carry-forward" } });
  const byHand = computeIndex(filled, meta, {});
  assert.equal(
    result.editions!.logs.reduce((n, log) => n + log.imputed.length, 0),
    count,
  );
  assert.equal(codes.length, 49);
  for (const agg of byHand.editions!.panel.scores.codes) {
    assert.deepEqual(
      Array.from(columnOf(result.editions!.panel.scores, agg)!),
      Array.from(columnOf(byHand.editions!.panel.scores, agg)!),
      agg,
    );
    assert.deepEqual(
      Array.from(columnOf(result.editions!.panel.ranks, agg)!),
      Array.from(columnOf(byHand.editions!.panel.ranks, agg)!),
      agg,
    );
  }
});

test("ASEM panel: every rank change is last year's rank minus this year's", () => {
  const info = computeIndex(panel, meta, PURSE).editions!;
  const rank = columnOf(info.panel.ranks, "Index")!;
  const change = columnOf(info.rankChange, "Index")!;
  const rowOf = new Map(info.panel.units.codes.map((code, r) => [`${code}|${info.times[info.editionOf[r]!]}`, r]));
  let moved = 0;
  info.panel.units.codes.forEach((code, r) => {
    const year = info.times[info.editionOf[r]!]!;
    const before = rowOf.get(`${code}|${year - 1}`);
    const want = before === undefined ? NaN : rank[before]! - rank[r]!;
    assert.ok(Object.is(change[r], want), `${code} ${year}: ${change[r]} vs ${want}`);
    if (change[r]! !== 0 && change[r] === change[r]) moved++;
  });
  assert.ok(moved > 20, "ranks move between years");
});
