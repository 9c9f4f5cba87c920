/**
 * The add-in adapter end to end (read → compute → write the report) in the Excel fake, which
 * enforces Excel on the web's 5 MB request limit: time, sync() calls and the largest request.
 * Set BENCH_EXCEL_LARGE=1 to add 10,000 units × 1,000 indicators (several minutes, ~3 GB).
 */
import { join } from "node:path";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../src/core/sample";
import type { Table } from "../src/core/engine";
import { runIndex, type StoredChoice } from "../src/excel/index";
import { installFakeOffice, WorkbookModel } from "../test/excel/fake-excel";
import { CONFORMANCE_DIR, readCsvNumeric as readCsv } from "../test/helpers/conformance";
import { syntheticTables } from "./synthetic";

export interface ExcelBenchRow {
  name: string;
  ms: number;
  syncs: number;
  maxRequestMB: number;
}

function load(wb: WorkbookModel, name: string, table: Table): void {
  const sheet = wb.addSheet(name);
  table.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell === null || cell === undefined || cell === "") return;
      if (typeof cell === "string") sheet.setFormat(r, c, "@");
      sheet.enter(r, c, cell);
    }),
  );
}

async function measure(
  name: string,
  tables: { data: Table; framework: Table; settings?: Table },
): Promise<ExcelBenchRow> {
  const wb = new WorkbookModel();
  installFakeOffice(globalThis as unknown as Record<string, unknown>, wb);
  load(wb, "Data", tables.data);
  load(wb, "Framework", tables.framework);
  if (tables.settings) load(wb, "Settings", tables.settings);
  const choice: StoredChoice = {
    version: 1,
    data: { kind: "sheet", sheet: "Data" },
    framework: { kind: "sheet", sheet: "Framework" },
    settings: tables.settings ? { kind: "sheet", sheet: "Settings" } : null,
  };
  const start = performance.now();
  const summary = await runIndex(choice);
  const ms = performance.now() - start;
  const largest = Math.max(...wb.requests.map((r) => Math.max(r.requestBytes, r.responseBytes)));
  if (wb.requests.some((r) => r.failed)) throw new Error(`${name}: a request failed`);
  return {
    name,
    ms: Math.round(ms),
    syncs: summary.syncCount,
    maxRequestMB: Math.round((largest / 1024 / 1024) * 100) / 100,
  };
}

export async function benchExcelAdapter(): Promise<ExcelBenchRow[]> {
  const rows: ExcelBenchRow[] = [];
  rows.push(
    await measure("excel adapter: IECI sample 37×25", {
      data: ieciDataTable(),
      framework: ieciFrameworkTable(),
      settings: ieciSettingsTable(),
    }),
  );
  rows.push(
    await measure("excel adapter: ASEM 51×49", {
      data: readCsv(join(CONFORMANCE_DIR, "data.csv")),
      framework: readCsv(join(CONFORMANCE_DIR, "meta.csv")),
    }),
  );
  rows.push(await measure("excel adapter: 5,000 units × 200 indicators", syntheticTables(5_000, 200)));
  if (process.env.BENCH_EXCEL_LARGE === "1")
    rows.push(await measure("excel adapter: 10,000 units × 1,000 indicators", syntheticTables(10_000, 1_000)));
  return rows;
}

if (process.argv[1]?.endsWith("excel-adapter.ts")) {
  benchExcelAdapter().then(
    (rows) => console.table(rows),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
