/**
 * The shared runtime's script (taskpane.html): task pane, ribbon commands and (in functions.js, loaded by the
 * same page) the custom functions live in one JavaScript context, so they share memory and the stored choice.
 * One service (src/excel/service.ts) serves the pane, the ribbon and the analysis section, so the analysis
 * reuses the last run's result whichever of them ran it.
 */
import type { Language } from "./core/engine";
import { createExcelService } from "./excel/service";
import { registerAnalysisSection } from "./taskpane/analysis-section";
import { startAddin } from "./taskpane/taskpane";

let pane: { language: Language } | null = null;
const service = createExcelService(() => pane?.language ?? "en");
registerAnalysisSection(service);

Office.onReady(() => {
  void startAddin(service, (controller) => (pane = controller));
});
