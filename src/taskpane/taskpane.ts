/** Starts the task pane UI on a given service: DOM view + controller + the analysis hook + the ribbon commands. */
import { registerCommands } from "../commands/commands";
import type { AddinService, RunSummary, StoredChoice } from "../excel/service";
import { renderAnalysis } from "./analysis-hook";
import { PaneController } from "./controller";
import { DomView } from "./dom-view";
import { pickLanguage, t } from "./i18n";

/** `onCreated` receives the controller before the first Excel call, e.g. so the service can read its language. */
export async function startAddin(api: AddinService, onCreated?: (controller: PaneController) => void): Promise<PaneController> {
  const language = pickLanguage(officeDisplayLanguage() ?? navigator.language);
  const view = new DomView();
  const controller = new PaneController(api, view, language);
  onCreated?.(controller);
  view.bind(controller, typeof api.selectedRangeSource === "function");
  let lastRun: { summary: RunSummary; choice: StoredChoice } | null = null;
  const showAnalysis = () => {
    const container = document.getElementById("analysis-root");
    if (container && lastRun) void renderAnalysis({ container, ...lastRun, language: controller.language });
  };
  controller.onRun((summary, choice) => {
    lastRun = { summary, choice };
    showAnalysis();
  });
  // A switch of language re-renders the Analysis section too (its state survives: it is kept in the module).
  controller.onLanguage(showAnalysis);
  try {
    registerCommands(api, {
      language: () => controller.language,
      succeeded: (summary) => controller.commandSucceeded(summary),
      failed: async (messages) => {
        controller.commandFailed(messages);
        // The pane shares the command's runtime: opening it shows the error where the user can act on it.
        await Office.addin.showAsTaskpane();
      },
    });
  } catch (error) {
    // Without the ribbon registration the Refresh button cannot work; say so instead of failing silently.
    view.showErrors([t(language, "unexpected", { message: error instanceof Error ? error.message : String(error) })]);
  }
  if (typeof Excel === "undefined") {
    view.setLanguage(language);
    view.showErrors([t(language, "notInExcel")]);
    return controller;
  }
  await controller.start();
  return controller;
}

function officeDisplayLanguage(): string | undefined {
  try {
    return Office.context?.displayLanguage;
  } catch {
    return undefined; // outside Office, Office.context may be missing
  }
}
