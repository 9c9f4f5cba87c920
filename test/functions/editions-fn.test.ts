/** IDX.INDEX with editions and IDX.RANKCHANGE, against the engine's own edition results and hand values. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { computeIndex } from "../../src/core/pipeline";
import { index, rankchange } from "../../src/functions/functions";
import { CONFORMANCE_DIR, FIXTURES_DIR, readCsvNumeric } from "../helpers/conformance";
import { errorOf } from "./excel-like";

const data = readCsvNumeric(join(FIXTURES_DIR, "coinr-asem-panel", "data.csv"));
const meta = readCsvNumeric(join(CONFORMANCE_DIR, "meta.csv"));
const TIME = data[0]!.indexOf("Time");

test("IDX.INDEX on panel data: every row's score within its edition; with an edition, only that edition's rows", () => {
  const all = index(data, meta);
  const y2020 = index(data, meta, undefined, undefined, 2020);
  assert.equal(all.length, 255);
  for (const year of [2018, 2020, 2022]) {
    const one = computeIndex(data, meta, { editions: { edition: year } });
    const scores = one.scores.columns[one.scores.codes.indexOf("Index")]!;
    one.units.rows.forEach((row, u) => {
      assert.equal(all[row - 1]![0], scores[u], `row ${row}, ${year}`);
      assert.equal(y2020[row - 1]![0], year === 2020 ? scores[u] : "", `row ${row} with edition 2020`);
    });
  }
  assert.equal(data.slice(1).filter((row) => row[TIME] === 2020).length, y2020.filter((row) => row[0] !== "").length);
  assert.match(
    errorOf(index(data, meta, undefined, undefined, 2017))!.message,
    /edition 2017 is not a Time value in Data; editions: 2018, 2019, 2020, 2021, 2022/,
  );
  const single = data.filter((row, r) => r === 0 || row[TIME] === 2018);
  assert.match(
    errorOf(index(single, meta, undefined, undefined, 2018))!.message,
    /edition applies to Data with a Time column holding two or more editions/,
  );
});

test("IDX.RANKCHANGE: previous − current, blank where either is blank; with scores TRUE the ranges are ranked first", () => {
  assert.deepEqual(rankchange([[1], [2], [3], [""]], [[2], [1], [""], [4]]), [[1], [-1], [""], [""]]);
  // Scores now 10, 30, 20 (ranks 3, 1, 2); before 30, 20, 10 (ranks 1, 2, 3).
  assert.deepEqual(rankchange([[10], [30], [20]], [[30], [20], [10]], true), [[-2], [1], [1]]);
  assert.match(errorOf(rankchange([[1], [2]], [[1], [2], [3]]))!.message, /must have the same shape/);
});
