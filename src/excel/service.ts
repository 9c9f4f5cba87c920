/**
 * The add-in's application service: AddinService (contract.ts) on top of the Excel adapter. The task
 * pane, the ribbon command and the analysis section import src/excel through this module only. It
 * keeps the last run's IndexResult, so the analysis section analyses what the run wrote instead of
 * reading and computing again.
 */
import type { Language, IndexResult } from "../core/engine";
import { enableAutoRefresh, markOwnWrite, storedAutoRefresh } from "./auto-refresh";
import type { AddinService, RunOptions, RunSummary, StoredChoice } from "./contract";
import { detectSources } from "./detect";
import { AddinError } from "./errors";
import { loadStoredChoice, saveChoice, selectedRangeSource, writeReportPlan } from "./index";
import { runIndexWithResult } from "./run";
import { createTemplate } from "./template";
import { rankMoves } from "./contract";
import { selectCell } from "./select-cell";
import { writeFrameworkWeights } from "./weights-write";

export type {
  AddinService,
  DataCells,
  Detection,
  RankMove,
  RefreshReport,
  RunOptions,
  RunSummary,
  StoredChoice,
  TableSource,
  TemplateKind,
} from "./contract";
export { errorMessages, parseSourceText, rankMoves, sourceText } from "./contract";
import { readMethodSettings, saveMethodSettings, showSheet } from "./method-settings"; // method panel (issue 15)
export type { MethodSettings, SettingsChange, SettingsEntry, SettingValue } from "./contract"; // method panel (issue 15)

/** `language` is read at each auto-refresh run, so output headers follow the pane's current language. */
export function createExcelService(language: () => Language): AddinService {
  let last: IndexResult | null = null;
  /** The last successful run's ranking, so that an auto-refresh can say who moved ("London 1→3"). */
  let lastRanking: RunSummary["ranking"];
  const run = async (choice: StoredChoice, options: RunOptions = {}): Promise<RunSummary> => {
    try {
      const { summary, result } = await runIndexWithResult(choice, options);
      last = result;
      lastRanking = summary.ranking;
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
      await enableAutoRefresh(on, async (edit) => {
        // Runs from the stored choice (what the watch was set up for), reporting back to the pane.
        const before = lastRanking;
        try {
          const stored = await loadStoredChoice();
          if (!stored) throw new AddinError("Choose the Data and Framework first; auto-refresh watches them.");
          const summary = await run(stored, { language: language() });
          onRun(summary, { at: Date.now(), edit, moves: rankMoves(before, summary.ranking) });
        } catch (error) {
          onRun(error instanceof Error ? error : new Error(String(error)), { at: Date.now(), edit, moves: [] });
        }
      });
    },
    storedAutoRefresh,
    selectedRangeSource,
    currentResult: async () => last,
    writeFrameworkWeights, // what-if weights' Apply (issue 15)
    async writeAnalysisSheets(sheets) {
      markOwnWrite(); // our own write must not trigger an auto-refresh
      return (await writeReportPlan({ sheets })).sheets;
    },
    selectCell,
    // Method panel (issue 15): the Settings rows in force, and saving the panel's changes to them.
    readMethodSettings,
    saveMethodSettings,
    showSheet,
  };
}
