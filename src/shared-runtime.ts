/**
 * The shared runtime's script (taskpane.html): task pane, ribbon commands and (in functions.js, loaded by the
 * same page) the custom functions live in one JavaScript context, so they share memory and the stored choice.
 */
import { createAnalysisHost } from "./taskpane/analysis-bridge";
import { registerAnalysisSection } from "./taskpane/analysis-section";
import { createExcelBridge } from "./taskpane/excel-bridge";
import type { Language } from "./taskpane/i18n";
import { startAddin } from "./taskpane/taskpane";

registerAnalysisSection(createAnalysisHost());

Office.onReady(() => {
  let pane: { language: Language } | null = null;
  void startAddin(createExcelBridge(() => pane?.language ?? "en"), (controller) => (pane = controller));
});
