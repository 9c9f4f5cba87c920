/**
 * The add-in's application service: AddinService (contract.ts) on top of the Excel adapter. The task
 * pane, the ribbon command and the analysis section import src/excel through this module only. It
 * keeps the last run's IndexResult, so the analysis section analyses what the run wrote instead of
 * reading and computing again.
 */
import type { Language } from "../core/language";
import type { IndexResult } from "../core/result";
import { enableAutoRefresh, markOwnWrite, storedAutoRefresh } from "./auto-refresh";
import type { AddinService, RunOptions, RunSummary, StoredChoice } from "./contract";
import { detectSources } from "./detect";
import { AddinError } from "./errors";
import { loadStoredChoice, saveChoice, selectedRangeSource, writeReportPlan } from "./index";
import { runIndexWithResult } from "./run";
import { createTemplate } from "./template";
import { readMethodSettings, saveMethodSettings, showSheet } from "./method-settings"; // method panel (issue 15)

export type { AddinService, Detection, RunOptions, RunSummary, StoredChoice, TableSource, TemplateKind } from "./contract";
export type { MethodSettings, SettingsChange, SettingsEntry, SettingValue } from "./contract"; // method panel (issue 15)
export { errorMessages, parseSourceText, sourceText } from "./contract";

/** `language` is read at each auto-refresh run, so output headers follow the pane's current language. */
export function createExcelService(language: () => Language): AddinService {
  let last: IndexResult | null = null;
  const run = async (choice: StoredChoice, options: RunOptions = {}): Promise<RunSummary> => {
    try {
      const { summary, result } = await runIndexWithResult(choice, options);
      last = result;
      return summary;
    } catch (error) {
      last = null; // the inputs no longer compute: analysing the old result would mislead
      throw error;
    }
  };
  return {
    detectSources,
    loadStoredChoice,
    saveChoice,
    runIndex: run,
    createTemplate,
    async enableAutoRefresh(on, onRun) {
      await enableAutoRefresh(on, async () => {
        // Runs from the stored choice (what the watch was set up for), reporting back to the pane.
        try {
          const stored = await loadStoredChoice();
          if (!stored) throw new AddinError("Choose the Data and Framework first; auto-refresh watches them.");
          onRun(await run(stored, { language: language() }));
        } catch (error) {
          onRun(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
    storedAutoRefresh,
    selectedRangeSource,
    currentResult: async () => last,
    async writeAnalysisSheets(sheets) {
      markOwnWrite(); // our own write must not trigger an auto-refresh
      return (await writeReportPlan({ sheets })).sheets;
    },
    // Method panel (issue 15): the Settings rows in force, and saving the panel's changes to them.
    readMethodSettings,
    saveMethodSettings,
    showSheet,
  };
}
