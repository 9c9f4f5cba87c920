// The command line on COINr's ASEM panel (5 years): the CSV has Time and correct rank changes, the JSON is by edition.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { columnOf, computeIndex } from "../../src/core/engine";
import { CONFORMANCE_DIR, FIXTURES_DIR, readCsv } from "../helpers/conformance";
import { readCsvRecords, runInProcess, tempDir } from "./helpers";

const PANEL = join(FIXTURES_DIR, "coinr-asem-panel", "data.csv");
const META = join(CONFORMANCE_DIR, "meta.csv");

test("compute panel.csv --csv --json: one row per unit and edition in Data order, ranks within the edition, rank changes", async () => {
  const dir = tempDir();
  const csv = join(dir, "scores.csv");
  const json = join(dir, "result.json");
  const run = await runInProcess(["compute", PANEL, "--meta", META, "--csv", csv, "--json", json]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(
    run.stdout,
    /51 units, 49 indicators, 11 aggregates, 5 editions \(2018, 2019, 2020, 2021, 2022\), pooled normalization, showing 2022/,
  );

  const header = readFileSync(csv, "utf8").split(/\r?\n/)[0]!.split(",");
  assert.deepEqual(header.slice(0, 4), ["uCode", "uName", "Time", "Index"]);
  assert.equal(header.length, 3 + 11 * 3);
  assert.deepEqual(header.slice(3 + 11, 3 + 13), ["Index_Rank", "Conn_Rank"]);
  assert.deepEqual(header.slice(3 + 22, 3 + 24), ["Index_RankChange", "Conn_RankChange"]);

  const rows = readCsvRecords(csv);
  const input = readCsv(PANEL);
  assert.equal(rows.length, 255);
  rows.forEach((row, i) => {
    assert.equal(row.uCode, input[i + 1]![1]);
    assert.equal(row.Time, String(input[i + 1]![6]));
  });
  // Independent check of ranks and changes from the CSV's own scores: rank within the year, change = last year's rank − this one.
  const key = (row: Record<string, string | null>) => `${row.uCode}|${row.Time}`;
  const byKey = new Map(rows.map((row) => [key(row), row]));
  let changes = 0;
  for (const row of rows) {
    const year = Number(row.Time);
    const index = Number(row.Index);
    const above = rows.filter((other) => Number(other.Time) === year && Number(other.Index) > index).length;
    assert.equal(Number(row.Index_Rank), above + 1, `${key(row)} rank`);
    const before = byKey.get(`${row.uCode}|${year - 1}`);
    if (year === 2018) assert.equal(row.Index_RankChange, null, "the first edition has no change");
    else {
      assert.equal(
        Number(row.Index_RankChange),
        Number(before!.Index_Rank) - Number(row.Index_Rank),
        `${key(row)} change`,
      );
      changes++;
    }
  }
  assert.equal(changes, 204);

  const doc = JSON.parse(readFileSync(json, "utf8"));
  assert.equal(doc.edition, 2022);
  assert.equal(doc.normalize, "pooled");
  assert.deepEqual(
    doc.editions.map((e: { time: number }) => e.time),
    [2018, 2019, 2020, 2021, 2022],
  );
  const y2019 = doc.editions[1];
  assert.equal(y2019.units.length, 51);
  const engine = computeIndex(readCsv(PANEL), readCsv(META), { editions: { edition: 2019 } });
  assert.deepEqual(y2019.ranks.Index, Array.from(columnOf(engine.ranks, "Index")!));
  const row = rows.find((r) => r.uCode === y2019.units[3].code && r.Time === "2019")!;
  assert.equal(y2019.rankChanges.Index[3], Number(row.Index_RankChange));
  // The top level is the shown (latest) edition, as for data without editions.
  assert.deepEqual(doc.ranks.Index, doc.editions[4].ranks.Index);
});

test("bad editions: a duplicate unit and year names both cells of the file", async () => {
  const dir = tempDir();
  const lines = readFileSync(PANEL, "utf8").split("\n");
  lines[60] = lines[60]!.replace(",2019,", ",2018,"); // a 2019 row now claims 2018 as well
  const data = join(dir, "panel.csv");
  const { writeFileSync } = await import("node:fs");
  writeFileSync(data, lines.join("\n"));
  const run = await runInProcess(["compute", data, "--meta", META, "--csv", join(dir, "out.csv")]);
  assert.equal(run.code, 1, run.stdout);
  const code = lines[60]!.split(",")[1]!;
  const first = lines.findIndex((line) => line.split(",")[1] === code) + 1;
  assert.match(
    run.stderr,
    new RegExp(`'?panel\\.csv'?!B${first}: unit ${code} has two rows for Time 2018 \\(this one and row 61`),
  );
  assert.match(
    run.stderr,
    new RegExp(`'?panel\\.csv'?!B61: unit ${code} has two rows for Time 2018 \\(this one and row ${first} `),
  );
});
