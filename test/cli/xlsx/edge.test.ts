/** The writer on CSV input tables, a flat framework, a failed write and a re-run on its own output. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { computeIndex, type Cell } from "../../../src/core/engine";
import { buildReport } from "../../../src/core/report/build";
import { buildResultWorkbook, writeResultWorkbook } from "../../../src/cli/xlsx";

// Three indicators straight under the index: the "pillars" are indicators (normalized scores).
const data: Cell[][] = [
  ["uName", "uCode", "A", "B", "C"],
  ["North", "N", "10", "3.10", "7"],
  ["South", "S", "20", "1", "001"],
  ["East", "E", "30", "2", "5"],
  ["West", "W", "15", "4", "6"],
];
const framework: Cell[][] = [
  ["Level", "iCode", "iName", "Direction", "Weight", "Parent", "Type"],
  [1, "A", "Alpha", 1, 1, "Index", "Indicator"],
  [1, "B", "Beta", 1, 1, "Index", "Indicator"],
  [1, "C", "Gamma", -1, 2, "Index", "Indicator"],
  [2, "Index", "Flat index", 1, 1, null, "Aggregate"],
];

describe("writer edge cases", () => {
  const dir = mkdtempSync(join(tmpdir(), "index-studio-edge-"));
  const result = computeIndex(data, framework);
  const plan = buildReport(result, { language: "en", radarUnit: "S" });

  it("builds pillar columns and charts from indicators when the index has no sub-levels", () => {
    const results = plan.sheets[0]!;
    assert.deepEqual(results.cells[0], ["Rank", "Code", "Name", "Flat index", "Alpha", "Beta", "Gamma", "Note"]);
    // Min-max 0-100 by hand: A of West = (15-10)/(30-10)*100; Gamma is reversed: (7-6)/(7-1)*100.
    const west = results.cells.find((r) => r[1] === "W")!;
    assert.equal(west[4], 25);
    assert.ok(Math.abs((west[6] as number) - 100 / 6) < 1e-12);
    // Index = weighted mean (1,1,2) of the three.
    const beta = 100; // West has the highest B
    assert.ok(Math.abs((west[3] as number) - (25 + beta + 2 * (100 / 6)) / 4) < 1e-12);
    const dashboard = plan.sheets.find((s) => s.key === "dashboard")!;
    assert.deepEqual(
      dashboard.charts.map((c) => c.id),
      ["top", "contributions", "radar", "scatter"],
    );
  });

  it("writes CSV input tables as sheets, numbers as numbers only when they print back the same", async () => {
    const outPath = join(dir, "flat.xlsx");
    const summary = await writeResultWorkbook({
      inputTables: [
        { name: "Data", rows: data },
        { name: "Framework", rows: framework },
      ],
      plan,
      outPath,
    });
    assert.equal(summary.charts, 4);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(outPath);
    const sheet = book.getWorksheet("Data")!;
    assert.equal(sheet.getCell("C2").value, 10);
    assert.equal(sheet.getCell("D2").value, "3.10", "3.10 would print back as 3.1: kept as typed");
    assert.equal(sheet.getCell("E3").value, "001", "leading zeros kept");
    assert.equal(sheet.getCell("A2").value, "North");
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith(".tmp")),
      [],
      "no temporary file left",
    );
  });

  it("binds the charts of a Chinese workbook to its Chinese sheet names", async () => {
    const zh = buildReport(result, { language: "zh-CN" });
    const { buffer, summary } = await buildResultWorkbook({ plan: zh });
    assert.equal(summary.sheetNames.dashboard, "仪表板");
    const zip = await JSZip.loadAsync(buffer);
    const charts = await Promise.all(
      Object.keys(zip.files)
        .filter((p) => p.startsWith("xl/charts/chart"))
        .map((p) => zip.file(p)!.async("string")),
    );
    assert.equal(charts.length, 4);
    for (const xml of charts) {
      const formulas = [...xml.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => m[1]!);
      assert.ok(formulas.length > 0 && formulas.every((f) => f.startsWith("'仪表板'!$")), formulas.join(" "));
    }
    assert.ok(charts.some((xml) => xml.includes("<a:t>前 4 名：Flat index</a:t>")));
  });

  it("names the input file and the fix when it is not an .xlsx workbook", async () => {
    const notXlsx = join(dir, "data.csv");
    writeFileSync(notXlsx, "uName,uCode\nNorth,N\n");
    const outPath = join(dir, "never.xlsx");
    await assert.rejects(
      writeResultWorkbook({ inputPath: notXlsx, plan, outPath }),
      (error: Error) =>
        error.message.includes(`cannot read the input workbook ${notXlsx}`) &&
        error.message.includes("must be an .xlsx file"),
    );
    assert.equal(existsSync(outPath), false);
  });

  it("warns about an input chart sheet it cannot keep, and keeps the rest", async () => {
    const input = new ExcelJS.Workbook();
    input.addWorksheet("Data").getCell("A1").value = 1;
    const zip = await JSZip.loadAsync(Buffer.from((await input.xlsx.writeBuffer()) as ArrayBuffer));
    const edit = async (path: string, change: (xml: string) => string) =>
      zip.file(path, change(await zip.file(path)!.async("string")));
    zip.file(
      "xl/chartsheets/sheet1.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>',
    );
    await edit("xl/workbook.xml", (xml) =>
      xml.replace("</sheets>", '<sheet name="Chart tab" sheetId="9" r:id="rId99"/></sheets>'),
    );
    await edit("xl/_rels/workbook.xml.rels", (xml) =>
      xml.replace(
        "</Relationships>",
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>',
      ),
    );
    await edit("[Content_Types].xml", (xml) =>
      xml.replace(
        "</Types>",
        '<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/></Types>',
      ),
    );
    const inputPath = join(dir, "with-chart-sheet.xlsx");
    writeFileSync(inputPath, await zip.generateAsync({ type: "nodebuffer" }));
    const { summary } = await buildResultWorkbook({ inputPath, plan });
    assert.deepEqual(summary.warnings, [
      'chart sheet "Chart tab" of the input workbook could not be kept (the .xlsx library cannot write it)',
    ]);
    assert.equal(summary.charts, 4);
  });

  it("fails cleanly when the output cannot be written, leaving no file", async () => {
    const outPath = join(dir, "missing-folder", "out.xlsx");
    await assert.rejects(writeResultWorkbook({ plan, outPath }), /ENOENT/);
    assert.equal(existsSync(outPath), false);
  });

  it("re-runs on its own output: its sheets, tables and charts are replaced, not added again", async () => {
    const first = join(dir, "flat.xlsx");
    const second = join(dir, "flat-again.xlsx");
    const summary = await writeResultWorkbook({ inputPath: first, plan, outPath: second });
    assert.equal(summary.sheetNames.results, "Results");
    assert.equal(summary.sheetNames.dashboard, "Dashboard");
    const zip = await JSZip.loadAsync(readFileSync(second));
    const tables = await Promise.all(
      Object.keys(zip.files)
        .filter((p) => /^xl\/tables\/table\d+\.xml$/.test(p))
        .map((p) => zip.file(p)!.async("string")),
    );
    const names = tables.map((t) => /<table [^>]*name="([^"]+)"/.exec(t)![1]).sort();
    assert.ok(names.includes("IndexStudioResults") && !names.includes("IndexStudioResults2"), names.join());
    assert.equal(new Set(names.map((n) => n!.toLowerCase())).size, names.length, "table names unique");
    const charts = Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    assert.equal(charts.length, 4, "the new 4 charts only; the first run's went with its Dashboard sheet");
    const [before, after] = [new ExcelJS.Workbook(), new ExcelJS.Workbook()];
    await before.xlsx.readFile(first);
    await after.xlsx.readFile(second);
    assert.deepEqual(
      after.worksheets.map((ws) => ws.name),
      before.worksheets.map((ws) => ws.name),
    );
    assert.equal(
      after.getWorksheet("Results")!.getCell("B2").value,
      before.getWorksheet("Results")!.getCell("B2").value,
    );
  });
});
