/**
 * The Excel adapter: the only code that calls Excel.run. The task pane, the ribbon and the analysis
 * section reach it through the service (service.ts, AddinService of contract.ts); tests call these:
 *   detectSources()                 finds Data / Framework / Settings (sheets or tables) and the stored choice
 *   loadStoredChoice() / saveChoice(choice)   the choice kept in the workbook (zod-validated)
 *   selectedRangeSource()           the user's selection as a { kind: "range" } source
 *   runIndex(choice, { onProgress, language })   read → validate → compute → write; RunSummary
 *   createTemplate("ieci" | "blank", language)   new Data/Framework/Settings sheets, never overwriting
 *   enableAutoRefresh(on, onRun)    debounced recompute when the inputs change (remembered in the choice)
 *   storedAutoRefresh()             whether it was on, to turn it back on when the workbook reopens
 *   writeReportPlan(plan)           writes any ReportPlan (the analysis sheets) the same safe way
 * Every failure is an AddinError whose `messages` name the sheet and cell where possible.
 * Requirement sets: ExcelApi 1.7 needed; 1.8 (axis number formats), 1.11 (delayForCellEdit: wait
 * while the user edits a cell), 1.12 (sheet ownership marks) and 1.14 (trigger source of change
 * events) are used when present.
 */
import { queueSaveChoice, queueStoredChoice, validateChoice } from "./choice";
import type { StoredChoice, TableSource } from "./contract";
import type { ReportPlan } from "../core/report";
import { AddinError, errorText } from "./errors";
import { writeReport, type WriteOptions } from "./write-report";
import { runInExcel } from "./office";
import { sheetOfAddress } from "../core/engine";

export { AddinError } from "./errors";
export type { StoredChoice, TableSource, Detection, RunSummary, RunOptions, TemplateKind } from "./contract";
export { storedChoiceSchema } from "./contract";
export { validateChoice } from "./choice";
export { detectSources } from "./detect";
export { runIndex, runIndexWithResult, defaultLanguage } from "./run";
export { createTemplate } from "./template";
export { enableAutoRefresh, autoRefreshEnabled, storedAutoRefresh } from "./auto-refresh";
export { writeReport, type WriteOptions, type WriteOutcome } from "./write-report";
export { runInExcel, REQUIRED_EXCEL_API, Session } from "./office";

export async function loadStoredChoice(): Promise<StoredChoice | null> {
  const { value } = await runInExcel(async (session) => {
    const read = queueStoredChoice(session);
    await session.sync();
    return read();
  });
  return value.choice;
}

export async function saveChoice(choice: StoredChoice): Promise<void> {
  const valid = validateChoice(choice);
  await runInExcel(async (session) => {
    queueSaveChoice(session, valid);
    await session.sync();
  });
}

/** Writes any ReportPlan (e.g. the analysis sheets) with the same ownership and rollback rules. */
export async function writeReportPlan(
  plan: ReportPlan,
  options: WriteOptions = {},
): Promise<{ sheets: string[]; warnings: string[]; syncCount: number }> {
  try {
    const { value, syncs } = await runInExcel((session) => writeReport(session, plan, options));
    return {
      sheets: value.sheets.map((s) => s.name),
      warnings: value.warnings,
      syncCount: syncs + value.recoverySyncs,
    };
  } catch (error) {
    if (error instanceof AddinError) throw error;
    throw new AddinError(`The sheets could not be written: ${errorText(error)}`);
  }
}

/** The current selection as a range source (header in its first row). */
export async function selectedRangeSource(): Promise<TableSource> {
  const { value } = await runInExcel(async (session) => {
    const range = session.workbook.getSelectedRange();
    range.load("address, rowCount, columnCount");
    await session.sync();
    return { address: range.address, rows: range.rowCount, cols: range.columnCount };
  });
  const sheet = sheetOfAddress(value.address);
  const local = value.address.slice(value.address.lastIndexOf("!") + 1);
  if (!sheet || value.rows < 2 || !/^\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?$/.test(local)) {
    throw new AddinError(
      "Select the table from its header row to its last row (at least two rows, not whole columns), then try again.",
    );
  }
  return { kind: "range", sheet, address: local.replace(/\$/g, "") };
}
