import { test } from "node:test";
import assert from "node:assert/strict";
import type { AdapterApi, RunSummary, SourceChoice } from "../../src/taskpane/adapter-api";
import { PaneController, parseSourceText, type PaneView, type SourcesForm } from "../../src/taskpane/controller";
import type { Language } from "../../src/taskpane/i18n";
import { defaultOptions, type FieldError, type OptionsForm } from "../../src/taskpane/options";

/** A view that keeps what it was told, like the DOM would. */
class RecordingView implements PaneView {
  language: Language = "en";
  sources: SourcesForm = { data: "", framework: "", settingsFromSheet: false };
  options: OptionsForm = defaultOptions();
  busy: boolean[] = [];
  progress: [string, number | null][] = [];
  status = "";
  errors: string[] = [];
  fieldErrors: FieldError[] = [];
  summary: RunSummary | null = null;
  auto = false;
  setLanguage(language: Language) { this.language = language; }
  showSources(form: SourcesForm) { this.sources = { ...form }; }
  readSources() { return { ...this.sources }; }
  showOptions(form: OptionsForm) { this.options = form; }
  readOptions() { return structuredClone(this.options); }
  setBusy(busy: boolean) { this.busy.push(busy); }
  showProgress(text: string, fraction: number | null) { this.progress.push([text, fraction]); }
  showStatus(text: string) { this.status = text; }
  showErrors(messages: string[]) { this.errors = messages; }
  showFieldErrors(errors: FieldError[]) { this.fieldErrors = errors; }
  showSummary(summary: RunSummary | null) { this.summary = summary; }
  setAutoRefresh(on: boolean) { this.auto = on; }
}

const detected: SourceChoice = {
  data: { kind: "sheet", ref: "Data" },
  framework: { kind: "table", ref: "FrameworkTable" },
  settings: { kind: "pane", spec: { normalize: { method: "zscore", mean: 10, sd: 2 } } },
};
const summary: RunSummary = {
  top: [{ rank: 1, code: "SG", name: "Singapore", score: 71.5 }],
  warnings: ["Data!F12: imputed"],
  sheets: ["Results", "Dashboard"],
  syncCount: 5,
};

function fakeApi(overrides: Partial<AdapterApi> = {}) {
  const calls: { saved: SourceChoice[]; runs: SourceChoice[]; templates: string[]; auto: boolean[] } = { saved: [], runs: [], templates: [], auto: [] };
  const api: AdapterApi = {
    detectSources: async () => structuredClone(detected),
    loadStoredChoice: async () => null,
    saveChoice: async (choice) => void calls.saved.push(choice),
    runIndex: async (choice, options) => {
      calls.runs.push(choice);
      options.onProgress?.("write", 0.5);
      return summary;
    },
    createTemplate: async (kind, language) => void calls.templates.push(`${kind}:${language}`),
    enableAutoRefresh: async (on) => void calls.auto.push(on),
    ...overrides,
  };
  return { api, calls };
}

test("start detects sources when nothing is stored and fills the form, including the options", async () => {
  const view = new RecordingView();
  const controller = new PaneController(fakeApi().api, view, "zh-CN");
  await controller.start();
  assert.equal(view.language, "zh-CN");
  assert.deepEqual(view.sources, { data: "Data", framework: "FrameworkTable", settingsFromSheet: false });
  assert.equal(view.options.methods.normalize, "zscore");
  assert.equal(view.options.params.mean, "10");
  assert.equal(view.status, "已找到：Data, FrameworkTable");
  assert.deepEqual(view.busy, [true, false]);
});

test("compute saves the choice, runs with language and progress, shows the top 10 and the summary", async () => {
  const view = new RecordingView();
  const { api, calls } = fakeApi();
  const controller = new PaneController(api, view, "en");
  const seen: RunSummary[] = [];
  controller.onRun((s) => void seen.push(s));
  await controller.start();
  const result = await controller.compute();
  assert.equal(result, summary);
  const expected: SourceChoice = { data: detected.data, framework: detected.framework, settings: { kind: "pane", spec: {
    impute: { method: "none" }, treat: { method: "none" }, normalize: { method: "zscore", mean: 10, sd: 2 }, aggregate: { method: "arithmetic" },
  } } };
  assert.deepEqual(calls.saved, [expected]);
  assert.deepEqual(calls.runs, [expected]);
  assert.deepEqual(view.progress.slice(1), [["Writing results", 0.5], ["Finished", 1]]);
  assert.equal(view.summary, summary);
  assert.equal(view.status, "Done: Results, Dashboard updated in 5 round trips.");
  assert.deepEqual(seen, [summary]);
});

test("adapter errors (AddinError.messages with cell addresses) are shown, not thrown, and the pane is usable again", async () => {
  const view = new RecordingView();
  const failure = Object.assign(new Error("bad input"), { messages: ['Data!F12: "n/a" is not a number', "Framework!C4: weight must be ≥ 0"] });
  const { api } = fakeApi({ runIndex: async () => { throw failure; } });
  const controller = new PaneController(api, view, "en");
  await controller.start();
  assert.equal(await controller.compute(), null);
  assert.deepEqual(view.errors, failure.messages);
  assert.deepEqual(view.busy.slice(-1), [false]);
  assert.equal(view.summary, null);
});

test("invalid form: missing data source and a bad option block the run with field errors", async () => {
  const view = new RecordingView();
  const { api, calls } = fakeApi();
  const controller = new PaneController(api, view, "en");
  await controller.start();
  view.sources.data = "  ";
  view.options.methods.aggregate = "power";
  view.options.params.p = "abc";
  assert.equal(await controller.compute(), null);
  assert.deepEqual(view.fieldErrors.map((e) => e.field), ["data", "aggregate.p"]);
  assert.equal(calls.runs.length, 0);
});

test("a Settings sheet found by detection is used unless the user picks the pane's options", async () => {
  const view = new RecordingView();
  const withSheet: SourceChoice = { ...detected, settings: { kind: "sheet", source: { kind: "sheet", ref: "Settings" } } };
  const { api, calls } = fakeApi({ detectSources: async () => structuredClone(withSheet) });
  const controller = new PaneController(api, view, "en");
  await controller.start();
  assert.equal(view.sources.settingsFromSheet, true);
  await controller.compute();
  assert.deepEqual(calls.runs[0]!.settings, { kind: "sheet", source: { kind: "sheet", ref: "Settings" } });
  view.sources.settingsFromSheet = false;
  await controller.compute();
  assert.equal(calls.runs[1]!.settings.kind, "pane");
});

test("template, auto-refresh and ribbon results go through the adapter and back to the view", async () => {
  const view = new RecordingView();
  let onRun: ((result: RunSummary | Error) => void) | undefined;
  const { api, calls } = fakeApi({ enableAutoRefresh: async (on, callback) => { onRun = callback; calls.auto.push(on); } });
  const controller = new PaneController(api, view, "en");
  await controller.start();
  controller.setLanguage("zh-CN");
  await controller.createTemplate("ieci");
  assert.deepEqual(calls.templates, ["ieci:zh-CN"]);
  assert.equal(view.status, "模板工作表已创建。检查后即可计算。");
  await controller.setAutoRefresh(true);
  assert.deepEqual(calls.auto, [true]);
  assert.equal(calls.saved.length, 1, "the watched choice is saved first");
  assert.equal(view.auto, true);
  onRun!(new Error("Data!B3: duplicate unit code"));
  assert.deepEqual(view.errors, ["Data!B3: duplicate unit code"]);
  onRun!(summary);
  assert.equal(view.summary, summary);
  controller.commandFailed(["Refresh ranking failed", "x"]);
  assert.deepEqual(view.errors, ["Refresh ranking failed", "x"]);
  controller.commandSucceeded(summary);
  assert.deepEqual(view.errors, []);
});

test("auto-refresh stays off when the form is invalid or the adapter refuses", async () => {
  const view = new RecordingView();
  const { api, calls } = fakeApi({ enableAutoRefresh: async () => { throw Object.assign(new Error("x"), { messages: ["Choose the Data and Framework first"] }); } });
  const controller = new PaneController(api, view, "en");
  await controller.start();
  await controller.setAutoRefresh(true);
  assert.equal(view.auto, false);
  assert.deepEqual(view.errors, ["Choose the Data and Framework first"]);
  view.sources.framework = "";
  await controller.setAutoRefresh(true);
  assert.equal(view.auto, false);
  assert.equal(calls.saved.length, 1, "an invalid form is not saved");
});

test("start turns auto-refresh back on when the stored choice says it was on, without saving anything", async () => {
  const view = new RecordingView();
  const { api, calls } = fakeApi({ loadStoredChoice: async () => structuredClone(detected), storedAutoRefresh: async () => true });
  await new PaneController(api, view, "en").start();
  assert.deepEqual(calls.auto, [true]);
  assert.equal(view.auto, true);
  assert.deepEqual(calls.saved, [], "reopening does not write the choice again");
  assert.deepEqual(view.errors, []);
});

test("start leaves auto-refresh off when it was off, when nothing is stored, or when it cannot be turned on", async () => {
  for (const [stored, wasOn] of [[true, false], [false, true]] as const) {
    const view = new RecordingView();
    let asked = 0;
    const { api, calls } = fakeApi({
      loadStoredChoice: async () => (stored ? structuredClone(detected) : null),
      storedAutoRefresh: async () => {
        asked++;
        return wasOn;
      },
    });
    await new PaneController(api, view, "en").start();
    assert.deepEqual(calls.auto, []);
    assert.equal(view.auto, false);
    assert.equal(asked, stored ? 1 : 0, "only a stored choice has a stored toggle");
  }
  const view = new RecordingView();
  const { api } = fakeApi({
    loadStoredChoice: async () => structuredClone(detected),
    storedAutoRefresh: async () => true,
    enableAutoRefresh: async () => { throw Object.assign(new Error("x"), { messages: ["Data: sheet not found"] }); },
  });
  await new PaneController(api, view, "en").start();
  assert.equal(view.auto, false);
  assert.deepEqual(view.errors, ["Data: sheet not found"]);
});

test("source text: ranges by '!', detected kinds kept, other names are sheets, blank is nothing", () => {
  assert.deepEqual(parseSourceText(" Data!A1:Z38 ", null), { kind: "range", ref: "Data!A1:Z38" });
  assert.deepEqual(parseSourceText("FrameworkTable", { kind: "table", ref: "FrameworkTable" }), { kind: "table", ref: "FrameworkTable" });
  assert.deepEqual(parseSourceText("My data", { kind: "table", ref: "FrameworkTable" }), { kind: "sheet", ref: "My data" });
  assert.equal(parseSourceText("   ", null), null);
});
