/** "Published vs computed" on the sample: the IECI 2022 published top 20 against the 2022 edition of the two-edition workbook. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { computeIndex, IndexInputError, settingsToSpecInput, type Cell } from "../../../src/core/engine";
import { parsePublished } from "../../../src/core/published";
import { buildReport } from "../../../src/core/report/build";
import {
  IECI_PUBLISHED_TOP20,
  ieciEditionsTable,
  ieciFrameworkTable,
  ieciPublishedTable,
  ieciSettingsTable,
} from "../../../src/core/sample/ieci";

const result = () =>
  computeIndex(ieciEditionsTable(), ieciFrameworkTable(), settingsToSpecInput(ieciSettingsTable()).spec);
const sheetFor = (published: Cell[][]) =>
  buildReport(result(), { language: "en", published: parsePublished(published) }).sheets.find(
    (s) => s.key === "published",
  )!;

test("the published 2022 top 20 is reproduced: 20 of 20 equal, differences 0, a scatter of published against computed rank", () => {
  const sheet = sheetFor(ieciPublishedTable() as Cell[][]);
  assert.deepEqual(sheet.cells[0], [
    "Code",
    "Name",
    "Published rank",
    "Computed rank",
    "Difference (computed − published)",
  ]);
  assert.deepEqual(
    sheet.cells.slice(1, 21).map((row) => row[1]),
    [...IECI_PUBLISHED_TOP20],
  );
  assert.ok(sheet.cells.slice(1, 21).every((row) => row[2] === row[3] && row[4] === 0));
  assert.equal(sheet.cells[22]![0], "Equal ranks: 20 of 20 (2022)");
  const [chart] = sheet.charts;
  assert.equal(chart!.kind, "scatter");
  assert.deepEqual([chart!.series[0]!.categories!.range, chart!.series[0]!.values.range], ["C2:C21", "D2:D21"]);
});

test("differences are computed − published; the latest edition when the table has no Time; unknown units say so", () => {
  // Against 2024 (no Time column): Shanghai is 10th in 2024; a made-up code is not in the ranking.
  const sheet = sheetFor([
    ["Code", "Rank"],
    ["SHA", 17],
    ["LON", 1],
    ["XXX", 2],
  ]);
  assert.deepEqual(sheet.cells.slice(1, 4), [
    ["LON", "London", 1, 1, 0],
    ["XXX", "not in the computed ranking", 2, null, null],
    ["SHA", "Shanghai", 17, 10, -7],
  ]);
  assert.equal(sheet.cells[5]![0], "Equal ranks: 1 of 3 (2024)");
});

test("bad Published tables name their cells", () => {
  const issues = (table: Cell[][]) => {
    try {
      parsePublished(table);
    } catch (e) {
      assert.ok(e instanceof IndexInputError);
      return e.issues.map((i) => [i.row, i.col, i.message]);
    }
    assert.fail("no error");
  };
  assert.deepEqual(
    issues([
      ["uCode", "Rank"],
      ["LON", 1],
      ["PAR", "third"],
      ["LON", 2],
    ]).map(([r, c]) => [r, c]),
    [
      [2, 1],
      [3, 0],
      [1, 0],
    ],
  );
  assert.match(
    String(
      issues([
        ["uCode", "Score"],
        ["LON", 1],
      ])[0]![2],
    ),
    /needs a header row with uCode and Rank/,
  );
  assert.match(
    String(
      issues([
        ["uCode", "Rank", "Time"],
        ["LON", 1, 2022],
        ["PAR", 2, 2024],
      ])[0]![2],
    ),
    /mixes editions \(2022, 2024\)/,
  );
  assert.throws(
    () =>
      sheetFor([
        ["uCode", "Rank", "Time"],
        ["LON", 1, 2023],
      ]),
    /Time 2023 is not an edition in Data; editions: 2022, 2024/,
  );
});
