// The bundled IECI 2022 sample: framework facts, the published top-20 order, generated files up to date.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import ExcelJS from "exceljs";
import { formatCsv } from "../../src/cli/csv";
import { readWorkbookTables } from "../../src/cli/read";
import { computeIndex, settingsToSpecInput } from "../../src/core/engine";
import { functionsSheetSpills, functionsSheetTable } from "../../src/core/sample/functions-sheet";
import {
  IECI_PUBLISHED_TOP20,
  ieciDataTable,
  ieciEditionsTable,
  ieciFrameworkTable,
  ieciSettingsTable,
} from "../../src/core/sample/ieci";
import { REPO, readCsvRecords, runInProcess, spawnCli, tempDir } from "./helpers";

const SAMPLE = join(REPO, "assets/sample");
const sampleSpec = () => settingsToSpecInput(ieciSettingsTable()).spec;

test("the sample's framework: 37 cities, 3 pillars, 11 sub-pillars, 25 indicators, lower-is-better and missing values", () => {
  const result = computeIndex(ieciDataTable(), ieciFrameworkTable(), sampleSpec());
  const { framework, units } = result;
  assert.equal(units.codes.length, 37);
  assert.equal(framework.indicators.length, 25);
  const levels = (level: number) => framework.aggregates.filter((a) => a.level === level).map((a) => a.name);
  assert.deepEqual(levels(3), ["Attractiveness", "Influence", "Connectivity"]);
  assert.equal(levels(2).length, 11);
  for (const name of ["Sci-tech innovation", "Culture and education", "Economic development", "Digital connectivity"])
    assert.ok(levels(2).includes(name), name);
  assert.deepEqual(framework.aggregates.find((a) => a.name === "Digital connectivity")!.parent, "CON");
  assert.ok(framework.indicators.filter((i) => i.direction === -1).length >= 2);
  for (const name of ["Shenzhen", "Guangzhou"]) assert.ok(units.names.includes(name), name);
  assert.deepEqual([...new Set(units.groups.get("Region"))].sort(), [
    "Americas",
    "Asia-Pacific",
    "Europe",
    "Middle East & Africa",
  ]);
  assert.ok(units.denominators.has("Population"));
  assert.ok(result.log.imputed.length >= 3, "a few missing values, imputed by the median");
  assert.equal(result.log.excluded.length, 0);
  assert.ok(
    result.log.treatment.some((t) => t.action === "winsorized"),
    "skewed counts are winsorized",
  );
  assert.equal(result.warnings.filter((w) => w.severity === "error").length, 0);
});

test("the sample's Settings reproduce the published IECI 2022 top 20, in order and without ties", () => {
  const result = computeIndex(ieciDataTable(), ieciFrameworkTable(), sampleSpec());
  const root = result.framework.root;
  const scores = result.scores.columns[result.scores.codes.indexOf(root)]!;
  const ranks = result.ranks.columns[result.ranks.codes.indexOf(root)]!;
  const byRank = [...scores.keys()].sort((a, b) => ranks[a]! - ranks[b]!);
  assert.deepEqual(
    byRank.slice(0, 20).map((u) => result.units.names[u]),
    [...IECI_PUBLISHED_TOP20],
  );
  assert.deepEqual(
    byRank.slice(0, 21).map((u) => ranks[u]),
    Array.from({ length: 21 }, (_, i) => i + 1),
  );
  for (let k = 0; k < 20; k++)
    assert.ok(scores[byRank[k]!]! - scores[byRank[k + 1]!]! > 0.1, `clear gap after rank ${k + 1}`);
});

test("the generated CSVs and workbook match src/core/sample/ieci.ts (run npm run sample after editing it)", async () => {
  assert.equal(readFileSync(join(SAMPLE, "ieci-data.csv"), "utf8"), formatCsv(ieciEditionsTable()));
  assert.equal(readFileSync(join(SAMPLE, "ieci-framework.csv"), "utf8"), formatCsv(ieciFrameworkTable()));
  const tables = await readWorkbookTables(join(SAMPLE, "ieci-2022.xlsx"));
  const trimmed = (table: readonly (readonly unknown[])[]) =>
    table.map((row) => row.map((v) => (v === undefined ? null : v)));
  assert.deepEqual(trimmed(tables.data), trimmed(ieciEditionsTable()));
  assert.deepEqual(trimmed(tables.framework), trimmed(ieciFrameworkTable()));
  assert.deepEqual(trimmed(tables.settings!), trimmed(ieciSettingsTable()));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(SAMPLE, "ieci-2022.xlsx"));
  assert.equal(workbook.worksheets[0]!.name, "About");
  assert.match(
    String(workbook.getWorksheet("About")!.getCell("A2").value),
    /^Illustrative values, not the official IECI data/,
  );
  assert.match(String(workbook.getWorksheet("About")!.getCell("A6").value), /ILLUSTRATIVE 2024 edition/);
});

test("the sample's two editions: 2022 in the workbook is the 2022 sample exactly (published top 20), 2024 is illustrative with movers", () => {
  const panel = ieciEditionsTable();
  // The 2022 block sits where the 2022 table is (the Functions sheet's ranges), with Time last.
  assert.deepEqual(
    panel.slice(0, 38).map((row) => row.slice(0, -1)),
    ieciDataTable(),
  );
  const alone = computeIndex(ieciDataTable(), ieciFrameworkTable(), sampleSpec());
  const y2022 = computeIndex(panel, ieciFrameworkTable(), { ...sampleSpec(), editions: { edition: 2022 } });
  const index = (r: typeof alone) => Array.from(r.scores.columns[r.scores.codes.indexOf("IECI")]!);
  // Pooled normalization leaves 2022 as it was: every 2024 value lies inside 2022's treated range.
  index(y2022).forEach((v, u) => assert.ok(Math.abs(v - index(alone)[u]!) < 1e-9, y2022.units.codes[u]));
  const latest = computeIndex(panel, ieciFrameworkTable(), sampleSpec());
  assert.deepEqual(latest.editions!.times, [2022, 2024]);
  assert.equal(latest.editions!.normalize, "pooled");
  assert.equal(latest.units.codes.length, 43);
  const change = latest.editions!.rankChange.columns[latest.editions!.rankChange.codes.indexOf("IECI")]!;
  const moved = Array.from(latest.editions!.members[1]!, (r) => change[r]!).filter(
    (v) => Number.isFinite(v) && v !== 0,
  );
  assert.ok(
    moved.length >= 20 && moved.some((v) => v >= 5) && moved.some((v) => v <= -5),
    "the demo shows movers both ways",
  );
});

test("the workbook's Functions sheet: live formulas as formula cells (array formulas over their spill areas), text as text", async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(SAMPLE, "ieci-2022.xlsx"));
  const ws = workbook.getWorksheet("Functions")!;
  assert.ok(ws, "Functions sheet present");
  const spills = new Map(functionsSheetSpills().map((area) => [area.cell, area.ref]));
  let formulas = 0,
    texts = 0;
  functionsSheetTable().forEach((row, r) =>
    row.forEach((value, c) => {
      if (typeof value !== "string") return;
      const cell = ws.getCell(r + 1, c + 1);
      if (value.startsWith("=")) {
        formulas++;
        const stored = cell.value as { formula?: string; shareType?: string; ref?: string };
        assert.equal(stored.formula, value.slice(1), cell.address);
        const ref = spills.get(cell.address);
        if (ref) assert.deepEqual([stored.shareType, stored.ref], ["array", ref], cell.address);
      } else {
        texts++;
        assert.equal(cell.value, value, `${cell.address} stays text`);
      }
    }),
  );
  assert.ok(formulas >= 8 && texts > 10, `${formulas} formulas, ${texts} texts`);
  assert.equal(spills.size, functionsSheetSpills().length);
});

test("npm run demo: computes the sample workbook, writes the results, prints the top 10 with pillar ranks", async () => {
  const dir = tempDir();
  const out = join(dir, "ieci-results.xlsx");
  const run = await spawnCli(["demo", "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /illustrative values, not the official data/);
  const lines = run.stdout.split("\n").filter((line) => /^\s+\d+\s+[A-Z]{3}\s/.test(line));
  assert.equal(lines.length, 10);
  // The demo shows the latest edition (2024, illustrative), with each city's change since 2022.
  const latest = computeIndex(ieciEditionsTable(), ieciFrameworkTable(), sampleSpec());
  const ranks = latest.ranks.columns[latest.ranks.codes.indexOf("IECI")]!;
  const top10 = [...ranks.keys()]
    .sort((a, b) => ranks[a]! - ranks[b]!)
    .slice(0, 10)
    .map((u) => latest.units.names[u]);
  assert.deepEqual(
    lines.map((line) => line.trim().split(/\s{2,}/)[2]),
    top10,
  );
  assert.match(run.stdout, /2 editions \(2022, 2024\), pooled normalization, showing 2024/);
  assert.match(run.stdout, /Shanghai .*▲7/);
  assert.match(run.stdout, /Rank\s+Code\s+Name\s+IECI\s+ATT rank\s+INF rank\s+CON rank/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  const names = workbook.worksheets.map((ws) => ws.name);
  assert.deepEqual(names.slice(0, 4), ["About", "Data", "Framework", "Settings"], "input sheets first, untouched");
  assert.ok(names.includes("Results"));
  assert.deepEqual(names.slice(-3), ["Editions", "Trends", "Published vs computed"]);
  // The sample's Published sheet (the IECI 2022 top 20) is reproduced by the workbook's 2022 edition.
  const published = workbook.getWorksheet("Published vs computed")!;
  assert.equal(published.getCell("A23").value, "Equal ranks: 20 of 20 (2022)");
});

test("the sample CSVs with the Settings as --spec give the same scores as the workbook", async () => {
  const dir = tempDir();
  const spec = join(dir, "spec.json");
  writeFileSync(spec, JSON.stringify(sampleSpec()));
  const fromCsv = join(dir, "csv.csv"),
    fromXlsx = join(dir, "xlsx.csv");
  const a = await runInProcess([
    "compute",
    join(SAMPLE, "ieci-data.csv"),
    "--meta",
    join(SAMPLE, "ieci-framework.csv"),
    "--spec",
    spec,
    "--csv",
    fromCsv,
  ]);
  const b = await runInProcess([
    "compute",
    join(SAMPLE, "ieci-2022.xlsx"),
    "--csv",
    fromXlsx,
    "--out",
    join(dir, "zh.xlsx"),
    "--lang",
    "zh-CN",
  ]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.deepEqual(readCsvRecords(fromCsv), readCsvRecords(fromXlsx));
  assert.equal(readCsvRecords(fromCsv).find((r) => r.IECI_Rank === "1")!.uName, "London");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, "zh.xlsx"));
  assert.ok(
    workbook.worksheets.some((ws) => /[\u4e00-\u9fff]/.test(ws.name)),
    "result sheets named in Chinese",
  );
});
