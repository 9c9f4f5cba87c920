/** The Excel fake set up as an analyst's workbook, and the adapter's Refresh on it. */
import type { Table } from "../../src/core/types";
import { runIndex, type RunSummary, type StoredChoice } from "../../src/excel";
import { installFakeOffice, WorkbookModel } from "../excel/fake-excel";

/** Puts a table on a sheet as pasted values: text cells keep their text (number format "@"), as Range.values would return them. */
export function putTable(model: WorkbookModel, sheetName: string, table: Table, row = 0, col = 0): void {
  const sheet = model.sheetByName(sheetName) ?? model.addSheet(sheetName);
  table.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      if (typeof cell === "string") sheet.setFormat(row + r, col + c, "@");
      sheet.enter(row + r, col + c, cell ?? "");
    }),
  );
}

export function freshWorkbook(): WorkbookModel {
  const model = new WorkbookModel();
  installFakeOffice(globalThis as unknown as Record<string, unknown>, model);
  return model;
}

export function sheetChoice(options?: Record<string, unknown>, data = "Data", framework = "Framework"): StoredChoice {
  return { version: 1, data: { kind: "sheet", sheet: data }, framework: { kind: "sheet", sheet: framework }, settings: null, ...(options ? { options } : {}) };
}

export type Outcome = { ok: true; summary: RunSummary } | { ok: false; error: Error & { messages?: string[] } };

export async function refresh(choice: StoredChoice, options: Parameters<typeof runIndex>[1] = {}): Promise<Outcome> {
  try {
    return { ok: true, summary: await runIndex(choice, options) };
  } catch (error) {
    return { ok: false, error: error as Error & { messages?: string[] } };
  }
}

/** Every message of an adapter error, one per line. */
export function errorLines(error: Error & { messages?: string[] }): string {
  return (error.messages ?? [error.message]).join("\n");
}
