/** Ribbon commands. "Refresh ranking" recomputes from the choice stored in the workbook. */
import type { Language } from "../core/engine";
import { errorMessages, type AddinService, type RunSummary } from "../excel/service";

/** The command's own texts (the pane's are in taskpane/i18n.ts; commands import nothing from the pane). */
const TEXT: Record<Language, { noStoredChoice: string; refreshFailed: string }> = {
  en: {
    noStoredChoice: "Choose the Data and Framework in the Index Studio pane first, then Refresh.",
    refreshFailed: "Refresh ranking failed",
  },
  "zh-CN": {
    noStoredChoice: "请先在指数工作室窗格中选择数据和框架，然后再刷新。",
    refreshFailed: "刷新排名失败",
  },
};

/** Must equal <FunctionName> of the ExecuteFunction button in manifest.xml (checked by test/manifest.test.ts). */
export const REFRESH_RANKING_ACTION = "refreshRanking";

export interface CommandEvent {
  completed(options?: { allowEvent?: boolean }): void;
}

/** Where the command's outcome is shown: the shared-runtime task pane (opened when there is an error). */
export interface CommandReporter {
  language(): Language;
  succeeded(summary: RunSummary): void;
  failed(messages: string[], error: unknown): void | Promise<void>;
}

/** The Refresh handler: always completes the event, whatever happens, and reports errors visibly. */
export function createRefreshHandler(
  api: AddinService,
  reporter: CommandReporter,
): (event: CommandEvent) => Promise<void> {
  let running: Promise<void> | null = null;
  return async (event) => {
    try {
      // A second click while a run is in progress waits for it instead of writing the sheets twice at once.
      if (running) {
        await running;
        return;
      }
      running = refreshOnce(api, reporter);
      await running;
    } finally {
      running = null;
      event.completed();
    }
  };
}

async function refreshOnce(api: AddinService, reporter: CommandReporter): Promise<void> {
  const language = reporter.language();
  try {
    const choice = await api.loadStoredChoice();
    if (!choice) {
      await reporter.failed([TEXT[language].noStoredChoice], null);
      return;
    }
    reporter.succeeded(await api.runIndex(choice, { language }));
  } catch (error) {
    try {
      await reporter.failed([TEXT[language].refreshFailed, ...errorMessages(error, language)], error);
    } catch {
      // Reporting must never keep the event from completing.
    }
  }
}

/** Registers the ribbon functions with Office; call once the runtime is ready (Office.onReady). */
export function registerCommands(api: AddinService, reporter: CommandReporter): void {
  Office.actions.associate(REFRESH_RANKING_ACTION, createRefreshHandler(api, reporter));
}
