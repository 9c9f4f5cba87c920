/** The result workbook of COINr's ASEM panel (5 years): Results with rank changes, Editions, Trends with its two native charts. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { validateXML } from "xmllint-wasm";
import { computeIndex } from "../../../src/core/engine";
import { buildReport } from "../../../src/core/report/build";
import { CONFORMANCE_DIR, FIXTURES_DIR, readCsv } from "../../helpers/conformance";
import { runInProcess, tempDir } from "../helpers";

const PANEL = join(FIXTURES_DIR, "coinr-asem-panel", "data.csv");
const META = join(CONFORMANCE_DIR, "meta.csv");
let book: ExcelJS.Workbook;
let zip: JSZip;

before(async () => {
  const out = join(tempDir(), "panel.xlsx");
  const run = await runInProcess(["compute", PANEL, "--meta", META, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  zip = await JSZip.loadAsync(readFileSync(out));
});

test("sheets: the input, the usual results for 2022, then Editions and Trends", () => {
  assert.deepEqual(
    book.worksheets.map((ws) => ws.name),
    ["Data", "Framework", "Results", "Scores", "Ranks", "Normalized", "Log", "Dashboard", "Editions", "Trends"],
  );
  const results = book.getWorksheet("Results")!;
  assert.equal(results.getCell("B1").value, "Change since 2021");
  assert.equal(results.getCell("B2").numFmt, '"▲"0;"▼"0;0');
  // Every change on Results equals the 2021 rank minus the 2022 rank of the same unit (from the engine's own edition results).
  const [y21, y22] = [2021, 2022].map((edition) =>
    computeIndex(readCsv(PANEL), readCsv(META), { editions: { edition } }),
  );
  const rankIn = (r: typeof y21, code: string) =>
    r!.ranks.columns[r!.ranks.codes.indexOf("Index")]![r!.units.codes.indexOf(code)]!;
  for (let row = 2; row <= 52; row++) {
    const code = String(results.getCell(row, 3).value);
    assert.equal(results.getCell(row, 1).value, rankIn(y22, code));
    assert.equal(results.getCell(row, 2).value, rankIn(y21, code) - rankIn(y22, code), code);
  }
});

test("the input Data (15,300 cells, written row by row past exceljs) reads back as the CSV: numbers as numbers, text as text, empty as empty", () => {
  const csv = readCsv(PANEL);
  const ws = book.getWorksheet("Data")!;
  let numbers = 0;
  csv.forEach((row, r) =>
    row.forEach((cell, c) => {
      const got = ws.getCell(r + 1, c + 1).value;
      const text = cell === null || cell === undefined ? "" : String(cell);
      if (text === "") assert.equal(got ?? null, null, `R${r + 1}C${c + 1}`);
      else if (String(Number(text)) === text) {
        assert.equal(got, Number(text), `R${r + 1}C${c + 1}`);
        numbers++;
      } else assert.equal(got, text, `R${r + 1}C${c + 1}`);
    }),
  );
  assert.ok(numbers > 12_000);
  assert.equal(ws.rowCount, 256);
});

test("Editions: every cell as planned, a table, ▲/▼ changes with a colour scale", async () => {
  const plan = buildReport(computeIndex(readCsv(PANEL), readCsv(META)), { language: "en" }).sheets.find(
    (s) => s.key === "editions",
  )!;
  const ws = book.getWorksheet("Editions")!;
  plan.cells.forEach((row, r) =>
    row.forEach((v, c) => assert.equal(ws.getCell(r + 1, c + 1).value ?? null, v, `cell ${r + 1},${c + 1}`)),
  );
  assert.deepEqual(plan.cells[0], [
    "Code",
    "Name",
    "Rank 2018",
    "Rank 2019",
    "Rank 2020",
    "Rank 2021",
    "Rank 2022",
    "Change since 2021",
    ...[2018, 2019, 2020, 2021, 2022].map((year) => `Sustainable Connectivity ${year}`),
  ]);
  assert.equal(ws.getCell("H2").numFmt, '"▲"0;"▼"0;0');
  const xml = await zip.file(`xl/worksheets/sheet9.xml`)!.async("string");
  assert.match(xml, /<conditionalFormatting sqref="H2:H52"><cfRule type="colorScale"/);
});

test("Trends: a native line chart (10 units over 5 editions) and a bar chart of the movers, bound to the sheet", async () => {
  const charts = await Promise.all(
    Object.keys(zip.files)
      .filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))
      .map(async (p) => zip.file(p)!.async("string")),
  );
  const line = charts.filter((xml) => xml.includes("<c:lineChart>"));
  assert.equal(line.length, 1);
  assert.equal(line[0]!.match(/<c:ser>/g)!.length, 10);
  assert.match(line[0]!, /<c:cat><c:numRef><c:f>'Trends'!\$L\$2:\$L\$6<\/c:f>/);
  assert.match(line[0]!, /Sustainable Connectivity over editions: top 10 in 2022/);
  const movers = charts.find((xml) => xml.includes("Largest rank changes, 2021 → 2022"))!;
  assert.match(movers, /<c:barChart>/);
  const ws = book.getWorksheet("Trends")!;
  assert.deepEqual(
    [2, 3, 4, 5, 6].map((r) => ws.getCell(r, 12).value),
    [2018, 2019, 2020, 2021, 2022],
  );
  const lint = await validateXML({
    xml: charts.map((contents, i) => ({ fileName: `chart${i}.xml`, contents })),
    normalization: "format",
  });
  assert.deepEqual(lint.errors, []);
});
