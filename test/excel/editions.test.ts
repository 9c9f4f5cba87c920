/** The add-in on COINr's ASEM panel (5 years) through the Excel fake: Compute scores every edition, the sheets show the latest. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { computeIndex } from "../../src/core/engine";
import { buildReport } from "../../src/core/report/build";
import { runIndex } from "../../src/excel/index";
import { CONFORMANCE_DIR, FIXTURES_DIR } from "../helpers/conformance";
import { freshWorkbook, putTable, readCsv, sheetNamed } from "./helpers";

test("ASEM panel through the add-in: Results for 2022 with ▲/▼ changes, Editions, Trends with a line and a bar chart", async () => {
  const wb = freshWorkbook();
  const data = readCsv(join(FIXTURES_DIR, "coinr-asem-panel", "data.csv"));
  const meta = readCsv(join(CONFORMANCE_DIR, "meta.csv"));
  putTable(wb, "Data", data);
  putTable(wb, "Framework", meta);
  const summary = await runIndex({
    version: 1,
    data: { kind: "sheet", sheet: "Data" },
    framework: { kind: "sheet", sheet: "Framework" },
    settings: null,
  });
  // The pane's results card: the shown (latest) edition's top 10 with changes, and every other edition for its selector.
  const editions = summary.editions!;
  assert.deepEqual(
    [editions.times, editions.shown, editions.tops.map((top) => top.length)],
    [[2018, 2019, 2020, 2021, 2022], 4, [10, 10, 10, 10, 10]],
  );
  assert.deepEqual(
    editions.tops[4]!.map((row) => [row.rank, row.code, row.score]),
    summary.top.map((row) => [row.rank, row.code, row.score]),
  );
  assert.ok(
    editions.tops[0]!.every((row) => row.change === null),
    "no change in the first edition",
  );
  const y21 = computeIndex(data, meta, { editions: { edition: 2021 } });
  const rank21 = (code: string) => y21.ranks.columns[y21.ranks.codes.indexOf("Index")]![y21.units.codes.indexOf(code)]!;
  for (const row of editions.tops[4]!) assert.equal(row.change, rank21(row.code) - row.rank, row.code);
  const plan = buildReport(computeIndex(data, meta), { language: "en" });
  for (const key of ["results", "editions", "trends"] as const) {
    const planned = plan.sheets.find((s) => s.key === key)!;
    const sheet = sheetNamed(wb, planned.name);
    planned.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        const want = cell === null || cell === undefined || cell === "" ? undefined : cell;
        assert.equal(sheet.value(r, c), want, `${planned.name}!R${r + 1}C${c + 1}`);
        assert.equal(sheet.formula(r, c), undefined);
      }),
    );
  }
  const results = sheetNamed(wb, "Results");
  assert.equal(results.value(0, 1), "Change since 2021");
  assert.equal(results.format(1, 1), '"▲"0;"▼"0;0');
  const trends = sheetNamed(wb, "Trends");
  assert.deepEqual(
    trends.charts.map((c) => [c.type, c.series.length]),
    [
      ["LineMarkers", 10],
      ["BarClustered", 1],
    ],
  );
  assert.match(trends.charts[0]!.title, /over editions: top 10 in 2022/);
  assert.ok(sheetNamed(wb, "Editions").conditionalFormats.length >= 2);
});
