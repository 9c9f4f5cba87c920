/**
 * Issue 12 §3: both writers execute one resolved description. The same plan (ASEM report plus Audit
 * and Uncertainty sheets) goes through the Office.js writer into the Excel fake and through the
 * .xlsx writer into a real file read back with exceljs; sheet names, cell styles (fill, bold, wrap),
 * number formats of numeric cells, hidden columns, print setup and chart kinds must be the same.
 * If either writer drifts from the description (its own highlight colour, say), this test fails.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { computeIndex } from "../../src/core/engine";
import { runAnalysis } from "../../src/core/analysis";
import { buildAnalysisReport } from "../../src/core/report";
import { buildReport } from "../../src/core/report";
import { finishReport, HIGHLIGHT_STYLE } from "../../src/core/report";
import type { ChartKind, ReportPlan } from "../../src/core/report";
import { writeResultWorkbook } from "../../src/cli/xlsx";
import { writeReportPlan } from "../../src/excel/index";
import { asemTables } from "../helpers/conformance";
import { rectA1, type SheetModel } from "./fake-excel";
import { freshWorkbook } from "./helpers";

/** What one cell looks like, as both writers must leave it. */
interface Look {
  fill: string | null;
  bold: boolean;
  wrap: boolean;
  /** Number format of a numeric cell (text cells: null; the Office.js writer gives them "@"). */
  format: string | null;
}

interface SheetLook {
  name: string;
  cells: Map<string, Look>;
  hiddenColumns: number[];
  print: { orientation: string; pagesWide: number | null; titleRows: string | null };
  charts: string[];
}

function plan(): ReportPlan {
  const { data, meta } = asemTables();
  const result = computeIndex(data, meta);
  const analysis = runAnalysis(result, { audit: {}, uncertainty: { runs: 20 }, seed: 3 });
  return {
    sheets: finishReport([
      ...buildReport(result, { language: "en" }).sheets,
      ...buildAnalysisReport(analysis, result, { language: "en" }),
    ]),
  };
}

/** Office.js chart types as the plan's kinds (the rank interval is a floating stacked column there). */
const OFFICE_KIND: Record<string, ChartKind> = {
  BarClustered: "bar",
  BarStacked: "barStacked",
  Radar: "radar",
  XYScatter: "scatter",
  ColumnStacked: "rankInterval",
  LineMarkers: "line",
};

/** Cells covered by ranges stored as "B2:D4" keys (the fake stores styles per range as set). */
function expand(keys: Iterable<string>, visit: (cell: string) => void): void {
  for (const key of keys) {
    const [a, b = a] = key.split(":");
    const [c0, r0] = [letters(a!), Number(/\d+/.exec(a!)![0])];
    const [c1, r1] = [letters(b!), Number(/\d+/.exec(b!)![0])];
    for (let r = r0; r <= r1; r++)
      for (let c = c0; c <= c1; c++) visit(rectA1({ row: r - 1, col: c, rows: 1, cols: 1 }));
  }
}

function letters(cell: string): number {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(cell)![0]) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

function fakeLook(sheet: SheetModel, rows: number, cols: number): SheetLook {
  const fills = new Map<string, string>();
  for (const [key, color] of sheet.fills) expand([key], (cell) => fills.set(cell, color.toUpperCase()));
  const bold = new Set<string>();
  expand(sheet.bold, (cell) => bold.add(cell));
  const wrap = new Set<string>();
  expand(sheet.wrap, (cell) => wrap.add(cell));
  const cells = new Map<string, Look>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const address = rectA1({ row: r, col: c, rows: 1, cols: 1 });
      const numeric = typeof sheet.value(r, c) === "number";
      cells.set(address, {
        fill: fills.get(address) ?? null,
        bold: bold.has(address),
        wrap: wrap.has(address),
        format: numeric ? sheet.format(r, c) : null,
      });
    }
  }
  const zoom = sheet.pageLayout.zoom;
  return {
    name: sheet.name,
    cells,
    hiddenColumns: [...sheet.hiddenColumns].sort((a, b) => a - b),
    print: {
      orientation: sheet.pageLayout.orientation.toLowerCase(),
      pagesWide: zoom?.horizontalFitToPages ?? null,
      titleRows: sheet.pageLayout.printTitleRows?.replace(/\$/g, "") ?? null,
    },
    charts: sheet.charts.map((chart) => OFFICE_KIND[chart.type] ?? chart.type).sort(),
  };
}

function xlsxLook(
  ws: ExcelJS.Worksheet,
  rows: number,
  cols: number,
  charts: string[],
  titleRows: string | null,
): SheetLook {
  const cells = new Map<string, Look>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const cell = ws.getCell(r + 1, c + 1);
      const fill = cell.fill?.type === "pattern" ? cell.fill.fgColor?.argb : undefined;
      cells.set(rectA1({ row: r, col: c, rows: 1, cols: 1 }), {
        fill: fill ? `#${fill.slice(2).toUpperCase()}` : null,
        bold: cell.font?.bold === true,
        wrap: cell.alignment?.wrapText === true,
        format: typeof cell.value === "number" ? (cell.numFmt ?? "General") : null,
      });
    }
  }
  const hiddenColumns: number[] = [];
  for (let c = 0; c < cols; c++) if (ws.getColumn(c + 1).hidden) hiddenColumns.push(c);
  return {
    name: ws.name,
    cells,
    hiddenColumns,
    print: {
      orientation: ws.pageSetup.orientation ?? "portrait",
      pagesWide: ws.pageSetup.fitToPage ? (ws.pageSetup.fitToWidth ?? 1) : null,
      titleRows,
    },
    charts: charts.sort(),
  };
}

/** Chart kinds per sheet name and print titles, read from the package parts. */
function packageFacts(bytes: Uint8Array): { charts: Map<string, string[]>; titles: Map<string, string> } {
  const files = unzipSync(bytes);
  const text = (path: string) => strFromU8(files[path]!);
  const rels = (path: string) => {
    const slash = path.lastIndexOf("/");
    const relPath = `${path.slice(0, slash)}/_rels/${path.slice(slash + 1)}.rels`;
    if (!files[relPath]) return [];
    return [...text(relPath).matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({
      id: /Id="([^"]+)"/.exec(m[0])![1]!,
      target: new URL(/Target="([^"]+)"/.exec(m[0])![1]!, `file:///${path}`).pathname.slice(1),
    }));
  };
  const workbook = text("xl/workbook.xml");
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
    name: /name="([^"]+)"/.exec(m[0])![1]!,
    rid: /r:id="([^"]+)"/.exec(m[0])![1]!,
  }));
  const wbRels = rels("xl/workbook.xml");
  const charts = new Map<string, string[]>();
  for (const { name, rid } of sheets) {
    const sheetPath = wbRels.find((r) => r.id === rid)!.target;
    const kinds: string[] = [];
    for (const drawing of rels(sheetPath).filter((r) => r.target.includes("/drawings/"))) {
      for (const chart of rels(drawing.target).filter((r) => r.target.includes("/charts/")))
        kinds.push(chartKind(text(chart.target)));
    }
    charts.set(name.replace(/&amp;/g, "&"), kinds);
  }
  const titles = new Map<string, string>();
  for (const m of workbook.matchAll(
    /<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)"[^>]*>([^<]*)<\/definedName>/g,
  )) {
    titles.set(sheets[Number(m[1])]!.name, m[2]!.slice(m[2]!.lastIndexOf("!") + 1).replace(/\$/g, ""));
  }
  return { charts, titles };
}

function chartKind(xml: string): string {
  if (xml.includes("<c:radarChart>")) return "radar";
  if (xml.includes("<c:scatterChart>")) return "scatter";
  if (xml.includes("<c:barChart>")) return xml.includes('<c:grouping val="stacked"/>') ? "barStacked" : "bar";
  if (xml.includes("<c:lineChart>")) return xml.includes("<c:errBars>") ? "rankInterval" : "line";
  return "unknown";
}

test("the Office.js writer and the .xlsx writer give the same sheets, styles, number formats and chart kinds from one plan", async () => {
  const report = plan();
  const wb = freshWorkbook();
  wb.addSheet("Sheet1");
  const office = await writeReportPlan(report);
  const dir = mkdtempSync(join(tmpdir(), "index-studio-agree-"));
  const outPath = join(dir, "agree.xlsx");
  await writeResultWorkbook({ plan: report, outPath });
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(outPath);
  const facts = packageFacts(readFileSync(outPath));

  const planned = report.sheets.map((s) => s.name);
  assert.deepEqual(office.sheets, planned);
  assert.deepEqual(
    book.worksheets.map((ws) => ws.name),
    planned,
  );
  let flagged = 0;
  let hidden = 0;
  for (const sheet of report.sheets) {
    const rows = sheet.cells.length;
    const cols = sheet.cells.reduce((m, row) => Math.max(m, row.length), 0);
    const fake = fakeLook(wb.sheetByName(sheet.name)!, rows, cols);
    const file = xlsxLook(
      book.getWorksheet(sheet.name)!,
      rows,
      cols,
      facts.charts.get(sheet.name) ?? [],
      facts.titles.get(sheet.name) ?? null,
    );
    assert.equal(fake.cells.size, file.cells.size);
    for (const [address, look] of fake.cells)
      assert.deepEqual(file.cells.get(address), look, `${sheet.name}!${address}`);
    assert.deepEqual(file.hiddenColumns, fake.hiddenColumns, `${sheet.name}: hidden columns`);
    assert.deepEqual(file.print, fake.print, `${sheet.name}: print setup`);
    assert.deepEqual(file.charts, fake.charts, `${sheet.name}: chart kinds`);
    assert.deepEqual(fake.charts, sheet.charts.map((c) => c.kind).sort(), `${sheet.name}: the planned charts`);
    flagged += [...fake.cells.values()].filter((look) => look.fill === HIGHLIGHT_STYLE.fill).length;
    hidden += fake.hiddenColumns.length;
  }
  // The comparison covered what it is meant to: flagged audit cells, hidden helper columns, wrapped headers.
  assert.ok(flagged > 0, "the audit flags some cells");
  assert.equal(hidden, 2, "Bar below/above on the Uncertainty sheet");
  const results = fakeLook(wb.sheetByName(report.sheets[0]!.name)!, 1, 3);
  assert.deepEqual(results.cells.get("A1"), { fill: null, bold: true, wrap: true, format: null });
  assert.deepEqual(results.print, { orientation: "landscape", pagesWide: 1, titleRows: "1:1" });
});
