/** The controller with the method panel (issue 15): Settings always apply, unsaved changes go on top and the status says so. */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Language } from "../../src/core/engine";
import type { SpecInput } from "../../src/core/engine";
import { createExcelService, type StoredChoice } from "../../src/excel/service";
import { PaneController, type PaneView, type SourcesForm } from "../../src/taskpane/controller";
import type { MethodPanel } from "../../src/taskpane/method-panel";
import { defaultOptions, type FieldError } from "../../src/taskpane/options";
import { freshWorkbook } from "../excel/helpers";

class View implements PaneView {
  sources: SourcesForm = { data: "", framework: "", settingsFromSheet: true };
  status = "";
  errors: string[] = [];
  fieldErrors: FieldError[] = [];
  setLanguage(_: Language) {}
  showSources(form: SourcesForm) {
    this.sources = { ...form };
  }
  readSources() {
    return { ...this.sources };
  }
  showOptions() {}
  readOptions() {
    return defaultOptions();
  }
  setBusy() {}
  showProgress() {}
  showStatus(text: string) {
    this.status = text;
  }
  showErrors(messages: string[]) {
    this.errors = messages;
  }
  showFieldErrors(errors: FieldError[]) {
    this.fieldErrors = errors;
  }
  showCard() {}
  setSectionOpen() {}
  setAutoRefresh() {}
}

test("controller + method panel: the panel loads the Settings in force; a run takes Settings plus the unsaved changes and says so", async () => {
  freshWorkbook();
  const service = createExcelService(() => "en");
  const view = new View();
  const controller = new PaneController(service, view, "en");
  const loads: [Pick<StoredChoice, "settings" | "framework">, SpecInput | undefined][] = [];
  let pending: { options: SpecInput | null; changes: number; errors: string[] } = {
    options: null,
    changes: 0,
    errors: [],
  };
  const panel: MethodPanel = {
    async load(choice, p) {
      loads.push([choice, p]);
    },
    render() {},
    runOptions: () => pending,
  };
  controller.attachMethodPanel(panel);
  await controller.createTemplate("ieci");
  assert.deepEqual(loads.at(-1)![0].settings, { kind: "sheet", sheet: "Settings" });

  const runs: StoredChoice[] = [];
  const original = service.runIndex;
  service.runIndex = (choice, options) => (runs.push(choice), original(choice, options));
  await controller.compute();
  assert.deepEqual(view.errors, []);
  assert.deepEqual(runs[0]!.settings, { kind: "sheet", sheet: "Settings" });
  assert.equal(runs[0]!.options, undefined, "no change: Settings alone");
  assert.doesNotMatch(view.status, /unsaved/);

  pending = { options: { treat: { winmax: 4 } }, changes: 1, errors: [] };
  await controller.compute();
  assert.deepEqual(view.errors, []);
  assert.deepEqual(runs[1]!.options, { treat: { winmax: 4 } });
  assert.match(view.status, /This run used 1 unsaved method choice\(s\); Save to Settings keeps them\.$/);

  // A problem in the panel stops the run before Excel.
  pending = { options: { aggregate: { p: 0 } }, changes: 1, errors: ["aggregate.p: p must not be 0"] };
  assert.equal(await controller.compute(), null);
  assert.equal(runs.length, 2);
  // The stored choice's unsaved options come back as the panel's changes on the next start.
  await controller.start();
  assert.deepEqual(loads.at(-1)![1], { treat: { winmax: 4 } });
});
