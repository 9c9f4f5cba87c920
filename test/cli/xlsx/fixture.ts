/**
 * A realistic result workbook for the writer tests: the ASEM data (with formula-looking unit
 * names) in an input workbook that already has user sheets named "Results" and "Dashboard", a
 * formula, number formats, a defined name and a chart of its own (sheet "My chart", put there by a
 * first pass of the writer); the report plan plus an Uncertainty sheet.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { computeIndex, type Cell } from "../../../src/core/engine";
import { runAnalysis } from "../../../src/core/analysis";
import { buildAnalysisReport } from "../../../src/core/report";
import { buildReport } from "../../../src/core/report";
import type { ReportPlan, SheetPlan } from "../../../src/core/report";
import { writeResultWorkbook, type WriteResultSummary } from "../../../src/cli/xlsx";
import { setOwnedSheets as writeOwnedSheets } from "./zip-probe";
import { asemTables } from "../../helpers/conformance";
import { finishSheet } from "../../../src/core/report";

/** Unit names that a careless writer would turn into formulas (AUT, BEL, BGR, HRV). */
export const HOSTILE_NAMES = ['=HYPERLINK("http://example.invalid","click")', "+1", "@SUM(A1)", "-1"];

export interface Fixture {
  dir: string;
  inputPath: string;
  outPath: string;
  plan: ReportPlan;
  summary: WriteResultSummary;
}

export async function writeFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), "index-studio-xlsx-"));
  const { data, meta } = asemTables();
  const hostile: Cell[][] = data.map((row, r) =>
    r >= 1 && r <= HOSTILE_NAMES.length ? [HOSTILE_NAMES[r - 1]!, ...row.slice(1)] : [...row],
  );
  const result = computeIndex(hostile, meta);
  const analysis = runAnalysis(result, { uncertainty: { runs: 40 }, seed: 7 });
  const plan: ReportPlan = {
    sheets: [
      ...buildReport(result, { language: "en" }).sheets,
      ...buildAnalysisReport(analysis, result, { language: "en" }),
    ],
  };

  const input = new ExcelJS.Workbook();
  const dataSheet = input.addWorksheet("Data");
  hostile.forEach((row, r) =>
    dataSheet.addRow(
      row.map((v, c) => (r > 0 && c >= 6 && typeof v === "string" && v !== "" ? Number(v) : (v ?? null))),
    ),
  );
  const frameworkSheet = input.addWorksheet("Framework");
  meta.forEach((row) => frameworkSheet.addRow(row.map((v) => v ?? null)));
  const notes = input.addWorksheet("Results");
  notes.getCell("A1").value = "my own notes";
  notes.getCell("A1").font = { bold: true, color: { argb: "FFC00000" } };
  notes.getCell("B1").value = 0.25;
  notes.getCell("B2").value = 0.5;
  notes.getCell("B1").numFmt = "0.000%";
  notes.getCell("B3").value = { formula: "SUM(B1:B2)", result: 0.75 };
  input.addWorksheet("Dashboard").getCell("C3").value = "user dashboard";
  input.definedNames.add("Results!$B$1:$B$2", "MyShares");
  const basePath = join(dir, "base.xlsx");
  await input.xlsx.writeFile(basePath);
  const inputPath = join(dir, "input.xlsx");
  await writeResultWorkbook({ inputPath: basePath, plan: { sheets: [USER_CHART_SHEET] }, outPath: inputPath });
  // Without the writer's mark of ownership the chart sheet is the user's own.
  const first = await JSZip.loadAsync(readFileSync(inputPath));
  await writeOwnedSheets(first, []);
  writeFileSync(inputPath, await first.generateAsync({ type: "nodebuffer" }));

  const outPath = join(dir, "results.xlsx");
  // The Normalized sheet (2,600 cells) takes the direct-rows path, the Results sheet exceljs's.
  const summary = await writeResultWorkbook({ inputPath, plan, outPath, largeSheetCells: 2000 });
  return { dir, inputPath, outPath, plan, summary };
}

/** The user's own chart in the input workbook. */
export const USER_CHART_TITLE = "Quarterly visitors (user chart)";
const USER_CHART_SHEET: SheetPlan = finishSheet({
  key: "weights",
  name: "My chart",
  formats: [],
  colorScales: [],
  highlights: [],
  freeze: { rows: 0, cols: 0 },
  cells: [
    ["Quarter", "Visitors"],
    ["Q1", 120],
    ["Q2", 180],
    ["Q3", 150],
    ["Q4", 210],
  ],
  charts: [
    {
      id: "user",
      kind: "bar",
      title: USER_CHART_TITLE,
      legend: false,
      anchor: { row: 0, col: 3, rows: 15, cols: 7 },
      series: [
        {
          name: "Visitors",
          categories: { sheet: "weights", range: "A2:A5" },
          values: { sheet: "weights", range: "B2:B5" },
        },
      ],
    },
  ],
});
