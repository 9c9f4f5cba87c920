/** Starts the task pane UI on a given service: DOM view + controller + the analysis hook + the ribbon commands. */
import { registerCommands } from "../commands/commands";
import type { AddinService, RunSummary, StoredChoice } from "../excel/service";
import { renderAnalysis } from "./analysis-hook";
import { PaneController } from "./controller";
import { DomView } from "./dom-view";
import { pickLanguage, t } from "./i18n";
import { SECTION_MOUNTS, SECTIONS, type PaneDeps } from "./section-mounts";
import { applyOfficeTheme } from "./theme";
import { mountMethodPanel } from "./method-panel";

/** `onCreated` receives the controller before the first Excel call, e.g. so the service can read its language. */
export async function startAddin(
  api: AddinService,
  onCreated?: (controller: PaneController) => void,
): Promise<PaneController> {
  const language = pickLanguage(officeDisplayLanguage() ?? navigator.language);
  applyOfficeTheme();
  const view = new DomView();
  const controller = new PaneController(api, view, language);
  onCreated?.(controller);
  // Method panel (issue 15): the method in force, from Settings, in the Method section.
  const methodHost = document.getElementById("section-method-body");
  if (methodHost) {
    controller.attachMethodPanel(
      mountMethodPanel(methodHost, {
        service: api,
        language: () => controller.language,
        onSettingsSource: (source) => controller.settingsSourceChanged(source),
      }),
    );
  }
  view.bind(controller, typeof api.selectedRangeSource === "function");
  let lastRun: { summary: RunSummary; choice: StoredChoice } | null = null;
  const showAnalysis = () => {
    const container = document.getElementById("analysis-root");
    if (container && lastRun) void renderAnalysis({ container, ...lastRun, language: controller.language });
  };
  controller.onRun((summary, choice) => {
    const first = lastRun === null;
    lastRun = { summary, choice };
    showAnalysis();
    // The first run opens the Analysis section once; later the analyst decides.
    if (first && document.getElementById("analysis-root")) view.setSectionOpen("analysis", true);
  });
  // A switch of language re-renders the Analysis section too (its state survives: it is kept in the module).
  controller.onLanguage(showAnalysis);
  mountSections(view, {
    api,
    controller,
    language: () => controller.language,
    onLanguage: (l) => controller.onLanguage(l),
    onRun: (l) => controller.onRun(l),
    expand: (s) => view.setSectionOpen(s, true),
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

/** Each section with a mount function gets its body; a section without one keeps its HTML (Weights, Editions stay hidden). */
function mountSections(view: DomView, deps: PaneDeps): void {
  for (const name of SECTIONS) {
    const mount = SECTION_MOUNTS[name];
    const host = document.getElementById(`section-${name}-body`);
    if (!mount || !host) continue;
    host.closest<HTMLElement>(".pane-section")!.hidden = false;
    Promise.resolve()
      .then(() => mount(host, deps))
      .catch((error: unknown) =>
        view.showErrors([
          t(deps.language(), "unexpected", { message: error instanceof Error ? error.message : String(error) }),
        ]),
      );
  }
}

function officeDisplayLanguage(): string | undefined {
  try {
    return Office.context?.displayLanguage;
  } catch {
    return undefined; // outside Office, Office.context may be missing
  }
}
