/**
 * The shared runtime's script (taskpane.html): task pane, ribbon commands and (in functions.js, loaded by the
 * same page) the custom functions live in one JavaScript context, so they share memory and the stored choice.
 */
import { createExcelBridge } from "./taskpane/excel-bridge";
import { startAddin } from "./taskpane/taskpane";

Office.onReady(() => {
  let pane: { language: "en" | "zh-CN" } | null = null;
  void startAddin(createExcelBridge(() => pane?.language ?? "en"), (controller) => (pane = controller));
});
