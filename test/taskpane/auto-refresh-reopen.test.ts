/**
 * Auto-refresh across a reopening, through the real service and Excel adapter on the Excel fake: the toggle is
 * kept in the workbook's stored choice (and the add-in set to load with the workbook), and the next start of
 * the pane, in a new runtime on the reopened file, watches the inputs again.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ieciDataTable, ieciFrameworkTable } from "../../src/core/sample";
import { CHOICE_SETTING } from "../../src/excel/choice";
import { createExcelService, type RunSummary } from "../../src/excel/service";
import { PaneController, type PaneView, type ResultsCard, type SourcesForm } from "../../src/taskpane/controller";
import { defaultOptions, type OptionsForm } from "../../src/taskpane/options";
import { installFakeOffice, WorkbookModel } from "../excel/fake-excel";
import { freshWorkbook, putTable, sheetNamed } from "../excel/helpers";

class View implements PaneView {
  sources: SourcesForm = { data: "", framework: "", settingsFromSheet: false };
  options: OptionsForm = defaultOptions();
  errors: string[] = [];
  summaries: RunSummary[] = [];
  auto = false;
  setLanguage() {}
  showSources(form: SourcesForm) {
    this.sources = { ...form };
  }
  readSources() {
    return { ...this.sources };
  }
  showOptions(form: OptionsForm) {
    this.options = form;
  }
  readOptions() {
    return structuredClone(this.options);
  }
  setBusy() {}
  showProgress() {}
  showStatus() {}
  showErrors(messages: string[]) {
    this.errors = messages;
  }
  showFieldErrors() {}
  // The card is shown again when it goes out of date or the language changes; each run's summary is kept once.
  showCard(card: ResultsCard | null) {
    if (card && !this.summaries.includes(card.summary)) this.summaries.push(card.summary);
  }
  setSectionOpen() {}
  setAutoRefresh(on: boolean) {
    this.auto = on;
  }
}

const storedChoice = (wb: WorkbookModel) =>
  JSON.parse(String(wb.settings.get(CHOICE_SETTING))) as { autoRefresh?: boolean };

async function openPane(): Promise<{ view: View; controller: PaneController }> {
  const view = new View();
  const controller = new PaneController(
    createExcelService(() => "en"),
    view,
    "en",
  );
  await controller.start();
  return { view, controller };
}

/** The saved file opened again: same sheets and settings, none of the old runtime's event handlers. */
function reopen(saved: WorkbookModel): WorkbookModel {
  const wb = new WorkbookModel();
  putTable(wb, "Data", ieciDataTable());
  putTable(wb, "Framework", ieciFrameworkTable());
  for (const [key, value] of saved.settings) wb.settings.set(key, value);
  wb.startupBehavior = saved.startupBehavior;
  installFakeOffice(globalThis as unknown as Record<string, unknown>, wb);
  return wb;
}

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test("auto-refresh turned on is on again after the workbook is reopened; turned off, it stays off", async () => {
  const first = freshWorkbook();
  putTable(first, "Data", ieciDataTable());
  putTable(first, "Framework", ieciFrameworkTable());
  const pane = await openPane();
  assert.deepEqual(pane.view.sources, { data: "Data", framework: "Framework", settingsFromSheet: false });
  await pane.controller.setAutoRefresh(true);
  assert.equal(pane.view.auto, true, pane.view.errors.join("; "));
  assert.equal(storedChoice(first).autoRefresh, true, "kept in the workbook's stored choice");
  assert.equal(first.startupBehavior, "Load", "the add-in loads with this workbook, so its start-up code runs");

  const second = reopen(first);
  const reopened = await openPane();
  assert.equal(reopened.view.auto, true, reopened.view.errors.join("; "));
  assert.equal(second.handlers.length > 0, true, "the reopened workbook's inputs are watched");
  const choiceAtOpening = second.settings.get(CHOICE_SETTING);
  second.userEdit("Data", [[12345]], 1, 5);
  await waitFor(() => reopened.view.summaries.length > 0);
  assert.equal(reopened.view.summaries[0]!.top.length > 0, true);
  assert.ok(sheetNamed(second, "Results"), "the edit recomputed the index in the reopened workbook");
  assert.equal(second.settings.get(CHOICE_SETTING), choiceAtOpening, "restoring did not rewrite the choice");

  await reopened.controller.setAutoRefresh(false);
  assert.equal(storedChoice(second).autoRefresh, false);
  assert.equal(second.startupBehavior, "None");
  reopen(second);
  const third = await openPane();
  assert.equal(third.view.auto, false);
});
