/**
 * The Analysis section's host on top of the Excel adapter (src/excel): the index as the workbook
 * holds it now (stored choice → read → compute, the same path as Refresh) and the safe report
 * writer for the analysis sheets (replaces only sheets the add-in created, all or nothing).
 */
import * as excel from "../excel";
import { markOwnWrite } from "../excel/auto-refresh";
import { readSources } from "../excel/read";
import { computeFromTables } from "../excel/run";
import type { AnalysisHost } from "./analysis-section";

export function createAnalysisHost(): AnalysisHost {
  return {
    async currentResult() {
      const choice = await excel.loadStoredChoice();
      if (!choice) return null;
      const sources = [choice.data, choice.framework, ...(choice.settings ? [choice.settings] : [])];
      const { value: tables } = await excel.runInExcel((session) => readSources(session, sources));
      return computeFromTables(tables, choice).result;
    },
    async writeSheets(sheets) {
      markOwnWrite(); // our own write must not trigger an auto-refresh
      const { value } = await excel.runInExcel((session) => excel.writeReport(session, { sheets }));
      return value.sheets.map((sheet) => sheet.name);
    },
  };
}
