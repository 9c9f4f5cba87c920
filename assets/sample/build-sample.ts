/**
 * Builds the bundled sample from src/core/sample/ieci.ts (`npm run sample`):
 * assets/sample/ieci-2022.xlsx (About, Data, Framework, Settings and a Functions sheet with live
 * IDX formulas) and ieci-data.csv / ieci-framework.csv.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { formatCsv } from "../../src/cli/csv";
import type { Table } from "../../src/core/engine";
import { functionsSheetSpills, functionsSheetTable, IECI_NOTICE, ieciAboutTable, ieciEditionsTable, ieciFrameworkTable, ieciPublishedTable, ieciSettingsTable } from "../../src/core/sample";

const HERE = __dirname;
/** Fixed document dates so that rebuilding an unchanged sample gives the same workbook properties. */
const BUILD_DATE = new Date(Date.UTC(2026, 0, 1));

interface SheetOptions {
  /** Strings starting with "=" become formulas (only for the Functions sheet, which we author);
   * a formula with a spill area is stored as an array formula over it, so it fills every cell. */
  formulas?: boolean;
  spills?: Map<string, string>;
  widths?: number[];
  headerRow?: number;
}

function addSheet(workbook: ExcelJS.Workbook, name: string, table: Table, options: SheetOptions = {}): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name);
  table.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value === null || value === undefined || value === "") return;
      const cell = ws.getCell(r + 1, c + 1);
      if (options.formulas && typeof value === "string" && value.startsWith("=")) {
        const ref = options.spills?.get(cell.address);
        cell.value = (ref ? { formula: value.slice(1), shareType: "array", ref } : { formula: value.slice(1) }) as ExcelJS.CellFormulaValue;
      } else cell.value = value;
    });
  });
  const headerRow = options.headerRow ?? 0;
  if (table.length > headerRow) {
    ws.getRow(headerRow + 1).font = { bold: true };
    ws.views = [{ state: "frozen", ySplit: headerRow + 1, xSplit: 0 }];
  }
  const widths = options.widths ?? columnWidths(table);
  widths.forEach((width, c) => (ws.getColumn(c + 1).width = width));
  return ws;
}

function columnWidths(table: Table): number[] {
  const width = table.reduce((w, row) => Math.max(w, row.length), 0);
  return Array.from({ length: width }, (_, c) =>
    Math.min(48, Math.max(8, ...table.map((row) => (row[c] === null || row[c] === undefined ? 0 : String(row[c]).length + 2)))),
  );
}

export async function buildSampleWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Index Studio";
  workbook.title = "International Exchange Centers Index 2022, with an illustrative 2024 edition (sample, illustrative values)";
  workbook.description = IECI_NOTICE;
  workbook.created = BUILD_DATE;
  workbook.modified = BUILD_DATE;
  const aboutTable = ieciAboutTable(true);
  const about = addSheet(workbook, "About", aboutTable, { headerRow: aboutTable.findIndex((row) => row[0] === "uCode"), widths: [14, 18, 16] });
  about.getCell("A1").font = { bold: true, size: 14 };
  about.getCell("A2").font = { bold: true, color: { argb: "FFC00000" } };
  addSheet(workbook, "Data", ieciEditionsTable());
  addSheet(workbook, "Framework", ieciFrameworkTable());
  addSheet(workbook, "Settings", ieciSettingsTable(), { widths: [22, 14] });
  const spills = new Map(functionsSheetSpills().map((area) => [area.cell, area.ref]));
  addSheet(workbook, "Functions", functionsSheetTable(), { formulas: true, spills, headerRow: 3, widths: [22, 60, 24, 16, 20, 20, 22] });
  addSheet(workbook, "Published", ieciPublishedTable(), { widths: [10, 8, 8] });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  const files: [string, string | Buffer][] = [
    ["ieci-2022.xlsx", await buildSampleWorkbook()],
    ["ieci-data.csv", formatCsv(ieciEditionsTable())],
    ["ieci-framework.csv", formatCsv(ieciFrameworkTable())],
  ];
  for (const [name, content] of files) {
    await writeFile(join(HERE, name), content);
    console.log(`wrote assets/sample/${name}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`build-sample: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
