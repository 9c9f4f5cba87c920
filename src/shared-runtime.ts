/**
 * The shared runtime's script (taskpane.html): task pane, ribbon commands and (in functions.js, loaded by the
 * same page) the custom functions live in one JavaScript context, so they share memory and the stored choice.
 */
import type { AdapterApi } from "./taskpane/adapter-api";
import { startAddin } from "./taskpane/taskpane";

const notReady = async (): Promise<never> => {
  throw new Error("The Excel adapter is not built yet");
};
const adapter: AdapterApi = {
  detectSources: notReady, loadStoredChoice: async () => null, saveChoice: notReady, runIndex: notReady, createTemplate: notReady, enableAutoRefresh: notReady,
};

Office.onReady(() => {
  void startAddin(adapter);
});
