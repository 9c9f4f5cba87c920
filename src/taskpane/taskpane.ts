/** Starts the task pane UI on a given service: DOM view + controller + the analysis hook + the ribbon commands. */
import { registerCommands } from "../commands/commands";
import type { AddinService } from "../excel/service";
import { renderAnalysis } from "./analysis-hook";
import { PaneController } from "./controller";
import { DomView } from "./dom-view";
import { pickLanguage, t } from "./i18n";
import { mountMethodPanel } from "./method-panel";

/** `onCreated` receives the controller before the first Excel call, e.g. so the service can read its language. */
export async function startAddin(api: AddinService, onCreated?: (controller: PaneController) => void): Promise<PaneController> {
  const language = pickLanguage(officeDisplayLanguage() ?? navigator.language);
  const view = new DomView();
  const controller = new PaneController(api, view, language);
  onCreated?.(controller);
  // Method panel (issue 15): the method in force, from Settings, in the Method section.
  const methodHost = document.getElementById("section-method-body");
  if (methodHost) {
    controller.attachMethodPanel(mountMethodPanel(methodHost, {
      service: api, language: () => controller.language, onSettingsSource: (source) => controller.settingsSourceChanged(source),
    }));
  }
  view.bind(controller, typeof api.selectedRangeSource === "function");
  controller.onRun((summary, choice) => {
    const container = document.getElementById("section-analysis-body") ?? document.getElementById("analysis-root"); // issue 15: section body
    if (container) void renderAnalysis({ container, summary, choice, language: controller.language });
  });
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
