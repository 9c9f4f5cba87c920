/** The adapter's Refresh on the Excel fake (the workbook set-up is in ../excel/helpers). */
import { runIndex, type RunSummary, type StoredChoice } from "../../src/excel";

export function sheetChoice(options?: Record<string, unknown>, data = "Data", framework = "Framework"): StoredChoice {
  return {
    version: 1,
    data: { kind: "sheet", sheet: data },
    framework: { kind: "sheet", sheet: framework },
    settings: null,
    ...(options ? { options } : {}),
  };
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
