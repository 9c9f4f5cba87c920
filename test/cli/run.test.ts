// The command line in-process: workbook input, Settings, --spec merging, output safety, JSON.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import ExcelJS from "exceljs";
import { parseCsv } from "../../src/cli/csv";
import type { Cell } from "../../src/core/types";
import { ASEM, readCsvRecords, runInProcess, tempDir } from "./helpers";

const asemData = () => parseCsv(readFileSync(join(ASEM, "data.csv"), "utf8"));
const asemMeta = () => parseCsv(readFileSync(join(ASEM, "meta.csv"), "utf8"));
const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/** Writes a workbook whose sheets hold the given tables, each starting at the given cell (1-based). */
async function writeWorkbook(
  path: string,
  sheets: { name: string; rows: Cell[][]; at?: [number, number] }[],
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    const [r0, c0] = sheet.at ?? [1, 1];
    sheet.rows.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value !== null && value !== undefined) ws.getCell(r0 + r, c0 + c).value = value;
      }),
    );
  }
  await workbook.xlsx.writeFile(path);
}

/** ASEM as numbers (what a workbook holds), with an optional edit. */
function numericTable(rows: (string | null)[][]): Cell[][] {
  return rows.map((row, r) =>
    row.map((v) => (r > 0 && v !== null && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : v)),
  );
}

test("a Framework error names the CSV cell", async () => {
  const dir = tempDir();
  const meta = readFileSync(join(ASEM, "meta.csv"), "utf8").replace(
    '1,"LPI","Logistics Performance Index",1,',
    '1,"LPI","Logistics Performance Index",2,',
  );
  writeFileSync(join(dir, "meta.csv"), meta);
  const run = await runInProcess(["compute", join(ASEM, "data.csv"), "--meta", join(dir, "meta.csv")]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /meta\.csv!D2: direction "2" must be 1/);
});

test("workbook tables that do not start at A1: messages name the real cells; text in a number cell is a warning", async () => {
  const dir = tempDir();
  const data = numericTable(asemData());
  const lpi = data[0]!.indexOf("LPI");
  data[3]![lpi] = "n/a";
  const path = join(dir, "asem.xlsx");
  await writeWorkbook(path, [
    { name: "Data", rows: data, at: [3, 2] }, // header in row 3, from column B
    { name: "Framework", rows: numericTable(asemMeta()) },
  ]);
  const run = await runInProcess(["compute", path, "--csv", join(dir, "out.csv")]);
  assert.equal(run.code, 0, run.stderr);
  const cell = `${String.fromCharCode(65 + 1 + lpi)}6`; // table row 3 → sheet row 6, column shifted by one
  assert.match(run.stderr, new RegExp(`Warning: Data!${cell}: `));
  const austria = readCsvRecords(join(dir, "out.csv")).find((row) => row.uCode === data[3]![1]);
  assert.ok(austria && austria.Index !== null, "the unit is still scored, LPI counted as missing");
});

test("a wrong Settings value names its cell; --spec overrides it and merges with the rest", async () => {
  const dir = tempDir();
  const path = join(dir, "asem.xlsx");
  await writeWorkbook(path, [
    { name: "Data", rows: numericTable(asemData()) },
    { name: "Framework", rows: numericTable(asemMeta()) },
    {
      name: "Settings",
      rows: [
        ["Key", "Value"],
        ["normalize.method", "minmax"],
        ["normalize.high", 10],
        ["aggregate.method", "geometrik"],
      ],
    },
  ]);
  const bad = await runInProcess(["compute", path]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /Settings!B4: unknown method "geometrik"; allowed: arithmetic, geometric, harmonic, power/);

  writeFileSync(join(dir, "spec.json"), JSON.stringify({ aggregate: { method: "geometric" }, normalize: { low: 1 } }));
  const out = join(dir, "result.json");
  const good = await runInProcess(["compute", path, "--spec", join(dir, "spec.json"), "--json", out]);
  assert.equal(good.code, 0, good.stderr);
  const json = JSON.parse(readFileSync(out, "utf8"));
  assert.deepEqual(json.spec.normalize, { method: "minmax", low: 1, high: 10 }, "same method: parameters merged");
  assert.equal(json.spec.aggregate.method, "geometric");

  writeFileSync(join(dir, "spec2.json"), JSON.stringify({ normalize: { method: "zscore" } }));
  const replaced = await runInProcess(["compute", path, "--spec", join(dir, "spec2.json"), "--json", out]);
  assert.equal(replaced.code, 1, "the Settings sheet's geometrik is still wrong");
  writeFileSync(
    join(dir, "spec3.json"),
    JSON.stringify({ normalize: { method: "zscore" }, aggregate: { method: "arithmetic" } }),
  );
  const ok = await runInProcess(["compute", path, "--spec", join(dir, "spec3.json"), "--json", out]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(
    JSON.parse(readFileSync(out, "utf8")).spec.normalize,
    { method: "zscore", mean: 0, sd: 1 },
    "a new method replaces the block",
  );

  writeFileSync(join(dir, "spec4.json"), "{ normalize: minmax }");
  const notJson = await runInProcess(["compute", path, "--spec", join(dir, "spec4.json")]);
  assert.equal(notJson.code, 1);
  assert.match(notJson.stderr, /spec4\.json is not valid JSON/);
});

test("--out never writes over the input; --in-place adds the results to it", async () => {
  const dir = tempDir();
  const path = join(dir, "asem.xlsx");
  await writeWorkbook(path, [
    { name: "Data", rows: numericTable(asemData()) },
    { name: "Framework", rows: numericTable(asemMeta()) },
  ]);
  const before = sha(path);
  for (const out of [path, join(dir, "sub", "..", "asem.xlsx")]) {
    const run = await runInProcess(["compute", path, "--out", out]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /is the input file: refusing to write over it.*--in-place/);
  }
  const sameAsMeta = await runInProcess([
    "compute",
    join(ASEM, "data.csv"),
    "--meta",
    join(ASEM, "meta.csv"),
    "--csv",
    join(ASEM, "meta.csv"),
  ]);
  assert.equal(sameAsMeta.code, 2);
  assert.match(sameAsMeta.stderr, /--csv .* is the --meta file/);
  assert.equal(sha(path), before, "the input is untouched");

  const inPlace = await runInProcess(["compute", path, "--in-place"]);
  assert.equal(inPlace.code, 0, inPlace.stderr);
  assert.deepEqual(readdirSync(dir), ["asem.xlsx"], "no temporary file left behind");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const names = workbook.worksheets.map((ws) => ws.name);
  assert.deepEqual(names.slice(0, 2), ["Data", "Framework"]);
  assert.ok(names.includes("Results"), names.join(","));
  const data = workbook.getWorksheet("Data")!;
  assert.equal(data.getCell("B2").value, "AUT");
  assert.equal(data.getCell("L2").value, 4.097985, "input values kept");
});

test("--json has no NaN; screened-out units are null in JSON and empty in CSV", async () => {
  const dir = tempDir();
  const spec = join(dir, "spec.json");
  writeFileSync(spec, JSON.stringify({ screen: { minCoverage: 0.95 } }));
  const csv = join(dir, "scores.csv"),
    json = join(dir, "result.json");
  const run = await runInProcess([
    "compute",
    join(ASEM, "data.csv"),
    "--meta",
    join(ASEM, "meta.csv"),
    "--spec",
    spec,
    "--csv",
    csv,
    "--json",
    json,
  ]);
  assert.equal(run.code, 0, run.stderr);
  const text = readFileSync(json, "utf8");
  assert.doesNotMatch(text, /NaN|Infinity/);
  const result = JSON.parse(text);
  const excluded: { unit: string; coverage: number }[] = result.log.excluded;
  assert.ok(excluded.length > 0 && excluded.every((e) => e.coverage < 0.95));
  const rows = readCsvRecords(csv);
  for (const { unit } of excluded) {
    const u = result.units.findIndex((x: { code: string }) => x.code === unit);
    assert.equal(result.units[u].included, false);
    assert.equal(result.scores.Index[u], null);
    assert.equal(result.ranks.Index[u], null);
    const row = rows.find((r) => r.uCode === unit)!;
    assert.equal(row.Index, null);
    assert.equal(row.Index_Rank, null);
  }
  // JSON and CSV agree for the others, and effective weights sum to 1 over the indicators.
  const indexScores: (number | null)[] = result.scores.Index;
  for (const row of rows.filter((r) => r.Index !== null)) {
    const u = result.units.findIndex((x: { code: string }) => x.code === row.uCode);
    assert.equal(Number(row.Index), indexScores[u]);
  }
  const indicatorCodes = asemMeta()
    .slice(1)
    .filter((r) => r[0] === "1")
    .map((r) => r[1]!);
  const total = indicatorCodes.reduce((sum, code) => sum + result.effectiveWeights[code], 0);
  assert.ok(Math.abs(total - 1) < 1e-12, String(total));
  const physical = asemMeta().filter((r) => r[8] === "Physical").length;
  assert.equal(physical, 8);
  assert.ok(
    Math.abs(result.effectiveWeights.LPI - 0.5 * (1 / 5) * (1 / physical)) < 1e-15,
    "Conn half, one of 5 pillars, one of 8 indicators",
  );
});

test("a write that fails leaves every output as it was", async () => {
  const dir = tempDir();
  const csv = join(dir, "scores.csv");
  writeFileSync(csv, "old");
  mkdirSync(join(dir, "taken.json")); // a folder where the JSON file should go
  const run = await runInProcess([
    "compute",
    join(ASEM, "data.csv"),
    "--meta",
    join(ASEM, "meta.csv"),
    "--csv",
    csv,
    "--json",
    join(dir, "taken.json"),
  ]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /cannot write/);
  assert.equal(readFileSync(csv, "utf8"), "old");
  assert.deepEqual(readdirSync(dir).sort(), ["scores.csv", "taken.json"]);
});

test("missing pieces: no --meta for a CSV, no Data sheet, a missing file", async () => {
  const dir = tempDir();
  const noMeta = await runInProcess(["compute", join(ASEM, "data.csv")]);
  assert.equal(noMeta.code, 1);
  assert.match(noMeta.stderr, /give the Framework table with --meta/);
  const path = join(dir, "book.xlsx");
  await writeWorkbook(path, [
    { name: "Sheet1", rows: [["a"]] },
    { name: "Framework", rows: numericTable(asemMeta()) },
  ]);
  const noData = await runInProcess(["compute", path]);
  assert.equal(noData.code, 1);
  assert.match(noData.stderr, /book\.xlsx has no sheet named Data \(its sheets: Sheet1, Framework\)/);
  const dataOnly = join(dir, "data-only.xlsx");
  await writeWorkbook(dataOnly, [{ name: "Data", rows: numericTable(asemData()) }]);
  const noFramework = await runInProcess(["compute", dataOnly]);
  assert.equal(noFramework.code, 1);
  assert.match(noFramework.stderr, /has no sheet named Framework .*or give the Framework as a CSV with --meta/);
  const withMeta = await runInProcess(["compute", dataOnly, "--meta", join(ASEM, "meta.csv")]);
  assert.equal(withMeta.code, 0, withMeta.stderr);
  const missing = await runInProcess(["compute", join(dir, "nope.xlsx")]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read .*nope\.xlsx: no such file/);
  const notXlsx = join(dir, "fake.xlsx");
  writeFileSync(notXlsx, "not a zip");
  const corrupt = await runInProcess(["compute", notXlsx]);
  assert.equal(corrupt.code, 1);
  assert.match(corrupt.stderr, /not a valid \.xlsx workbook/);
});

test("hostile and non-Latin unit names: text in every output, never a formula", async () => {
  const dir = tempDir();
  const data = asemData();
  const hostile = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "北京 Běijīng", "x".repeat(10_000)];
  hostile.forEach((name, i) => (data[i + 1]![0] = name)); // column A is uName
  // Written as a user's file would be (formatCsv would protect the names already).
  const quote = (v: string | null) => (v === null ? "" : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  writeFileSync(join(dir, "data.csv"), data.map((row) => row.map(quote).join(",")).join("\n"));
  const csv = join(dir, "scores.csv"),
    json = join(dir, "result.json"),
    out = join(dir, "result.xlsx");
  const run = await runInProcess([
    "compute",
    join(dir, "data.csv"),
    "--meta",
    join(ASEM, "meta.csv"),
    "--csv",
    csv,
    "--json",
    json,
    "--out",
    out,
  ]);
  assert.equal(run.code, 0, run.stderr);
  const names = readCsvRecords(csv)
    .slice(0, hostile.length)
    .map((row) => row.uName);
  assert.deepEqual(
    names,
    hostile.map((name) => (/^[=+\-@]/.test(name) ? `'${name}` : name)),
  );
  assert.deepEqual(
    JSON.parse(readFileSync(json, "utf8"))
      .units.slice(0, hostile.length)
      .map((u: { name: string }) => u.name),
    hostile,
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  // Every result sheet holds the names as text cells (the copied Data sheet may keep "-1" as the number it looks like).
  const resultsSheet = workbook.getWorksheet("Results")!;
  const texts = new Set<string>();
  const cells: ExcelJS.Cell[] = [];
  for (const ws of workbook.worksheets)
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.formula && /HYPERLINK|SUM\(A1\)|^[+-]?1$/.test(cell.formula)) cells.push(cell);
        if (ws === resultsSheet && cell.type === ExcelJS.ValueType.String) texts.add(cell.value as string);
      }),
    );
  for (const name of hostile) assert.ok(texts.has(name), `Results holds ${name.slice(0, 30)} as text`);
  assert.deepEqual(
    cells.map((cell) => `${cell.worksheet.name}!${cell.address}`),
    [],
    "no formula made from the data",
  );
});
