/** The editions sheets of the report plan on tiny data, every cell known by hand. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { computeIndex, type Cell } from "../../../src/core/engine";
import { DATA, FRAMEWORK } from "../editions/tiny";
import { buildReport } from "../../../src/core/report/build";
import { RANK_CHANGE_FORMAT } from "../../../src/core/report/editions-text";

// Pooled Idx (see test/core/editions/engine.test.ts): 2020 X 25, Y 75; 2021 X 87.5, Y 12.5, Z 62.5.

test("Results shows the latest edition with its rank change (▲/▼ number format, colour scale)", () => {
  const plan = buildReport(computeIndex(DATA, FRAMEWORK, {}), { language: "en" });
  const results = plan.sheets.find((s) => s.key === "results")!;
  assert.deepEqual(results.cells[0]!.slice(0, 5), ["Rank", "Change since 2020", "Code", "Name", "Index"]);
  assert.deepEqual(
    results.cells.slice(1).map((row) => row.slice(0, 5)),
    [
      [1, 1, "X", "Ex", 87.5],
      [2, null, "Z", "Zed", 62.5],
      [3, -2, "Y", "Why", 12.5],
    ],
  );
  assert.ok(results.formats.some((f) => f.range === "B2:B4" && f.numberFormat === RANK_CHANGE_FORMAT));
  assert.ok(results.colorScales.includes("B2:B4"));
  assert.deepEqual(
    plan.sheets.map((s) => s.key),
    ["results", "scores", "ranks", "normalized", "log", "dashboard", "editions", "trends"],
  );
});

test("Editions: ranks units × editions, the change since the previous edition, the index in each edition", () => {
  const plan = buildReport(computeIndex(DATA, FRAMEWORK, {}), { language: "en" });
  const sheet = plan.sheets.find((s) => s.key === "editions")!;
  assert.deepEqual(sheet.cells, [
    ["Code", "Name", "Rank 2020", "Rank 2021", "Change since 2020", "Index 2020", "Index 2021"],
    ["X", "Ex", 2, 1, 1, 25, 87.5],
    ["Z", "Zed", null, 2, null, null, 62.5],
    ["Y", "Why", 1, 3, -2, 75, 12.5],
  ]);
  assert.deepEqual(sheet.table, { name: "IndexStudioEditions", rows: 4, cols: 7 });
  assert.deepEqual(sheet.colorScales, ["E2:E4", "F2:G4"]);
  assert.ok(sheet.formats.some((f) => f.range === "E2:E4" && f.numberFormat === RANK_CHANGE_FORMAT));
});

test("Trends: a line chart of the top units' index over editions and a bar chart of the largest movers", () => {
  const plan = buildReport(computeIndex(DATA, FRAMEWORK, {}), { language: "en" });
  const sheet = plan.sheets.find((s) => s.key === "trends")!;
  const [trends, movers] = sheet.charts;
  assert.equal(trends!.kind, "line");
  assert.equal(trends!.title, "Index over editions: top 3 in 2021");
  assert.equal(trends!.series.length, 3);
  const read = (range: string) => {
    const [a, b] = range.split(":");
    const at = (ref: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
      return { col: [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1, row: Number(m[2]) - 1 };
    };
    const [p, q] = [at(a!), at(b ?? a!)];
    const out: Cell[] = [];
    for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) out.push(sheet.cells[r]?.[c] ?? null);
    return out;
  };
  assert.deepEqual(read(trends!.series[0]!.categories!.range), [2020, 2021]);
  // Top 3 in 2021: X (25 → 87.5), Z (— → 62.5), Y (75 → 12.5).
  assert.deepEqual(
    trends!.series.map((s) => [read((s.name as { range: string }).range)[0], ...read(s.values.range)]),
    [
      ["Ex", 25, 87.5],
      ["Zed", null, 62.5],
      ["Why", 75, 12.5],
    ],
  );
  assert.equal(movers!.kind, "bar");
  assert.equal(movers!.title, "Largest rank changes, 2020 → 2021");
  assert.deepEqual(read(movers!.series[0]!.categories!.range), ["Ex", "Why"]);
  assert.deepEqual(read(movers!.series[0]!.values.range), [1, -2]);
  // Charts never overlap.
  assert.ok(movers!.anchor.row >= trends!.anchor.row + trends!.anchor.rows);
});

test("data without editions: no editions sheets, no change column", () => {
  const single = DATA.filter((row, r) => r === 0 || row[2] === 2021);
  const plan = buildReport(computeIndex(single, FRAMEWORK, {}), { language: "en" });
  assert.deepEqual(
    plan.sheets.map((s) => s.key),
    ["results", "scores", "ranks", "normalized", "log", "dashboard"],
  );
  assert.equal(plan.sheets[0]!.cells[0]![1], "Code");
});
