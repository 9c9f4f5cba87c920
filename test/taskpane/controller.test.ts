import { test } from "node:test";
import assert from "node:assert/strict";
import type { Language } from "../../src/core/engine";
import {
  parseSourceText,
  sourceText,
  type AddinService,
  type Detection,
  type RunSummary,
  type StoredChoice,
} from "../../src/excel/service";
import {
  PaneController,
  type PaneView,
  type ResultsCard,
  type SourceFieldError,
  type SourcesForm,
} from "../../src/taskpane/controller";
import { defaultOptions, type OptionsForm } from "../../src/taskpane/options";

/** A view that keeps what it was told, like the DOM would. */
class RecordingView implements PaneView {
  language: Language = "en";
  sources: SourcesForm = { data: "", framework: "", settingsFromSheet: false };
  options: OptionsForm = defaultOptions();
  busy: boolean[] = [];
  progress: [string, number | null][] = [];
  status = "";
  errors: string[] = [];
  fieldErrors: SourceFieldError[] = [];
  summary: RunSummary | null = null;
  card: ResultsCard | null = null;
  sections: Record<string, [boolean, boolean]> = {};
  auto = false;
  setLanguage(language: Language) {
    this.language = language;
  }
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
  setBusy(busy: boolean) {
    this.busy.push(busy);
  }
  showProgress(text: string, fraction: number | null) {
    this.progress.push([text, fraction]);
  }
  showStatus(text: string) {
    this.status = text;
  }
  showErrors(messages: string[]) {
    this.errors = messages;
  }
  showFieldErrors(errors: SourceFieldError[]) {
    this.fieldErrors = errors;
  }
  showCard(card: ResultsCard | null) {
    this.card = card;
    this.summary = card?.summary ?? null;
  }
  setSectionOpen(section: string, open: boolean, secondary = false) {
    this.sections[section] = [open, secondary];
  }
  setAutoRefresh(on: boolean) {
    this.auto = on;
  }
}

/** The workbook's stored choice: the pane's options plus what the pane does not edit (report options). */
const stored: StoredChoice = {
  version: 1,
  data: { kind: "sheet", sheet: "Data" },
  framework: { kind: "table", table: "FrameworkTable" },
  settings: null,
  options: { normalize: { method: "zscore", mean: 10, sd: 2 } },
  report: { topN: 5 },
};
const detected: Detection = {
  data: stored.data,
  framework: stored.framework,
  settings: null,
  sheets: ["Data"],
  tables: ["FrameworkTable"],
  choice: null,
  stored,
  warnings: [],
};
const summary: RunSummary = {
  top: [{ rank: 1, code: "SG", name: "Singapore", score: 71.5 }],
  warnings: ["Data!F12: imputed"],
  sheets: ["Results", "Dashboard"],
  syncCount: 5,
  maxRequestBytes: 1000,
};

function fakeApi(overrides: Partial<AddinService> = {}) {
  const calls: { saved: StoredChoice[]; runs: StoredChoice[]; templates: string[]; auto: boolean[] } = {
    saved: [],
    runs: [],
    templates: [],
    auto: [],
  };
  const api: AddinService = {
    detectSources: async () => structuredClone(detected),
    loadStoredChoice: async () => null,
    saveChoice: async (choice) => void calls.saved.push(choice),
    runIndex: async (choice, options) => {
      calls.runs.push(choice);
      options?.onProgress?.("write", 0.5);
      return summary;
    },
    createTemplate: async (kind, language) => {
      calls.templates.push(`${kind}:${language}`);
      return structuredClone(stored);
    },
    enableAutoRefresh: async (on) => void calls.auto.push(on),
    storedAutoRefresh: async () => false,
    currentResult: async () => null,
    writeAnalysisSheets: async () => [],
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
  assert.equal(view.status, "已找到：Data、FrameworkTable"); // lists in Chinese take 、
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
  const expected: StoredChoice = {
    version: 1,
    data: stored.data,
    framework: stored.framework,
    settings: null,
    options: {
      impute: { method: "none" },
      treat: { method: "none" },
      normalize: { method: "zscore", mean: 10, sd: 2 },
      aggregate: { method: "arithmetic" },
    },
    report: { topN: 5 },
  };
  assert.deepEqual(calls.saved, [expected]);
  assert.deepEqual(calls.runs, [expected]);
  // The card says what happened; no progress ("Finished") or detection status stays behind it.
  assert.deepEqual(view.progress.slice(1), [
    ["Writing results", 0.5],
    ["", null],
  ]);
  assert.deepEqual(view.card?.summary, { ...summary, durationMs: view.card?.summary.durationMs });
  assert.equal(typeof view.card?.summary.durationMs, "number");
  assert.equal(view.card?.stale, null);
  assert.equal(view.card?.previous, null, "the first run has nothing to compare with");
  assert.equal(view.status, "");
  assert.deepEqual(view.sections.results, [true, false]);
  assert.deepEqual(
    seen.map((s) => s.top),
    [summary.top],
  );
});

test("adapter errors (AddinError.messages with cell addresses) are shown, not thrown, and the pane is usable again", async () => {
  const view = new RecordingView();
  const failure = Object.assign(new Error("bad input"), {
    messages: ['Data!F12: "n/a" is not a number', "Framework!C4: weight must be ≥ 0"],
  });
  const { api } = fakeApi({
    runIndex: async () => {
      throw failure;
    },
  });
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
  assert.deepEqual(
    view.fieldErrors.map((e) => e.field),
    ["data", "aggregate.p"],
  );
  assert.equal(calls.runs.length, 0);
});

test("a Settings sheet found by detection is used unless the user picks the pane's options", async () => {
  const view = new RecordingView();
  const withSheet: Detection = { ...detected, settings: { kind: "sheet", sheet: "Settings" } };
  const { api, calls } = fakeApi({ detectSources: async () => structuredClone(withSheet) });
  const controller = new PaneController(api, view, "en");
  await controller.start();
  assert.equal(view.sources.settingsFromSheet, true);
  await controller.compute();
  assert.deepEqual(calls.runs[0]!.settings, { kind: "sheet", sheet: "Settings" });
  assert.equal("options" in calls.runs[0]!, false, "the stored pane options do not override the Settings sheet");
  view.sources.settingsFromSheet = false;
  await controller.compute();
  assert.equal(calls.runs[1]!.settings, null);
  assert.equal(
    (calls.runs[1]!.options as { normalize: { method: string } }).normalize.method,
    defaultOptions().methods.normalize,
    "the form's options",
  );
});

test("template, auto-refresh and ribbon results go through the adapter and back to the view", async () => {
  const view = new RecordingView();
  let onRun: ((result: RunSummary | Error) => void) | undefined;
  const { api, calls } = fakeApi({
    enableAutoRefresh: async (on, callback) => {
      onRun = callback;
      calls.auto.push(on);
    },
  });
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
  assert.deepEqual(view.summary?.top, summary.top);
  controller.commandFailed(["Refresh ranking failed", "x"]);
  assert.deepEqual(view.errors, ["Refresh ranking failed", "x"]);
  controller.commandSucceeded(summary);
  assert.deepEqual(view.errors, []);
});

test("auto-refresh stays off when the form is invalid or the adapter refuses", async () => {
  const view = new RecordingView();
  const { api, calls } = fakeApi({
    enableAutoRefresh: async () => {
      throw Object.assign(new Error("x"), { messages: ["Choose the Data and Framework first"] });
    },
  });
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
  const { api, calls } = fakeApi({
    loadStoredChoice: async () => structuredClone(stored),
    storedAutoRefresh: async () => true,
  });
  await new PaneController(api, view, "en").start();
  assert.deepEqual(calls.auto, [true]);
  assert.equal(view.auto, true);
  assert.deepEqual(calls.saved, [], "reopening does not write the choice again");
  assert.deepEqual(view.errors, []);
});

test("start leaves auto-refresh off when it was off, when nothing is stored, or when it cannot be turned on", async () => {
  for (const [isStored, wasOn] of [
    [true, false],
    [false, true],
  ] as const) {
    const view = new RecordingView();
    let asked = 0;
    const { api, calls } = fakeApi({
      loadStoredChoice: async () => (isStored ? structuredClone(stored) : null),
      storedAutoRefresh: async () => {
        asked++;
        return wasOn;
      },
    });
    await new PaneController(api, view, "en").start();
    assert.deepEqual(calls.auto, []);
    assert.equal(view.auto, false);
    assert.equal(asked, isStored ? 1 : 0, "only a stored choice has a stored toggle");
  }
  const view = new RecordingView();
  const { api } = fakeApi({
    loadStoredChoice: async () => structuredClone(stored),
    storedAutoRefresh: async () => true,
    enableAutoRefresh: async () => {
      throw Object.assign(new Error("x"), { messages: ["Data: sheet not found"] });
    },
  });
  await new PaneController(api, view, "en").start();
  assert.equal(view.auto, false);
  assert.deepEqual(view.errors, ["Data: sheet not found"]);
});

test("source text: ranges by '!', detected kinds kept, other names are sheets, blank is nothing, a sheetless range is refused", () => {
  assert.deepEqual(parseSourceText(" Data!A1:Z38 ", null), { kind: "range", sheet: "Data", address: "A1:Z38" });
  assert.deepEqual(parseSourceText("'My data'!$A$1:$C$9", null), { kind: "range", sheet: "My data", address: "A1:C9" });
  assert.deepEqual(parseSourceText("FrameworkTable", { kind: "table", table: "FrameworkTable" }), {
    kind: "table",
    table: "FrameworkTable",
  });
  assert.deepEqual(parseSourceText("My data", { kind: "table", table: "FrameworkTable" }), {
    kind: "sheet",
    sheet: "My data",
  });
  assert.equal(parseSourceText("   ", null), null);
  assert.throws(() => parseSourceText("!A1:B2", null), /"!A1:B2" is not a range: write it as Sheet!A1:F38/);
  assert.equal(sourceText({ kind: "range", sheet: "My data", address: "A1:C9" }), "'My data'!A1:C9");
  assert.equal(sourceText({ kind: "table", table: "FrameworkTable" }), "FrameworkTable");
});

test("a range without a sheet is a field error at its field, and nothing is saved or run", async () => {
  const view = new RecordingView();
  const { api, calls } = fakeApi();
  const controller = new PaneController(api, view, "en");
  await controller.start();
  view.sources.framework = "!A1:B2";
  assert.equal(await controller.compute(), null);
  assert.deepEqual(view.fieldErrors, [
    { field: "framework", message: '"!A1:B2" is not a range: write it as Sheet!A1:F38' },
  ]);
  assert.deepEqual([calls.saved.length, calls.runs.length], [0, 0]);
});

test("what the pane does not edit is kept from the stored choice, and the auto-refresh toggle is not saved back stale", async () => {
  const view = new RecordingView();
  const { api, calls } = fakeApi({
    loadStoredChoice: async () => ({ ...structuredClone(stored), language: "zh-CN" as const }),
  });
  const controller = new PaneController(api, view, "en");
  await controller.start();
  await controller.setAutoRefresh(true);
  await controller.compute();
  assert.deepEqual(
    calls.saved.map((c) => [c.report, c.language, c.autoRefresh]),
    [
      [{ topN: 5 }, "zh-CN", undefined],
      [{ topN: 5 }, "zh-CN", true],
    ],
  );
  await controller.setAutoRefresh(false);
  await controller.compute();
  assert.equal(calls.saved[2]!.autoRefresh, false);
});

// ---- Pane shell (issue 15): the results card's states, rank changes, auto-refresh report, "did you mean" ----

const ranked = (order: string[]): RunSummary => ({
  ...summary,
  top: order.slice(0, 10).map((code, k) => ({ rank: k + 1, code, name: code, score: 90 - k })),
  ranking: order.map((code, k) => ({ rank: k + 1, code, name: code })),
  unitCount: order.length,
});

test("results card: the second run carries the first run's ranks (▲▼), and edits or a failed run mark it out of date", async () => {
  const view = new RecordingView();
  const runs = [ranked(["LON", "PAR", "NYC"]), ranked(["PAR", "NYC", "LON"])];
  let fail = false;
  const { api } = fakeApi({
    runIndex: async () => {
      if (fail) throw Object.assign(new Error("x"), { messages: ["Data!A3: duplicate unit code LON"] });
      return runs.shift()!;
    },
  });
  const controller = new PaneController(api, view, "en");
  await controller.start();
  await controller.compute();
  assert.equal(view.card?.previous, null);
  await controller.compute();
  assert.deepEqual(
    [...view.card!.previous!],
    [
      ["LON", 1],
      ["PAR", 2],
      ["NYC", 3],
    ],
  );
  assert.equal(view.card!.stale, null);
  controller.inputsChanged();
  assert.equal(view.card!.stale, "inputs");
  fail = true;
  await controller.compute();
  assert.equal(view.card!.stale, "failed", "after an error the old results are out of date");
  assert.deepEqual(
    view.card!.summary.top.map((u) => u.code),
    ["PAR", "NYC", "LON"],
    "the last good results stay, marked",
  );
  assert.deepEqual(view.progress.at(-1), ["", null], "no 'Finished' remains after the failure");
  assert.deepEqual(view.errors, ["Data!A3: duplicate unit code LON"]);
});

test("auto-refresh: the service's report (edit, rank moves) reaches the card; a failed refresh marks it out of date", async () => {
  const view = new RecordingView();
  let onRun:
    | ((
        result: RunSummary | Error,
        report?: {
          at: number;
          edit: { sheet: string; address: string } | null;
          moves: { code: string; name: string; from: number; to: number }[];
        },
      ) => void)
    | undefined;
  const { api } = fakeApi({ enableAutoRefresh: async (_on, callback) => void (onRun = callback) });
  const controller = new PaneController(api, view, "en");
  await controller.start();
  await controller.setAutoRefresh(true);
  const report = {
    at: Date.UTC(2026, 10, 29, 14, 3),
    edit: { sheet: "Data", address: "E2" },
    moves: [{ code: "LON", name: "London", from: 1, to: 3 }],
  };
  onRun!(ranked(["PAR", "NYC", "LON"]), report);
  assert.deepEqual(view.card!.refresh, report);
  assert.equal(view.card!.finishedAt, report.at);
  onRun!(new Error("Data!B3: duplicate unit code"), { ...report, moves: [] });
  assert.equal(view.card!.stale, "failed");
  assert.equal((view.card!.refresh as ResultsCard["refresh"])?.failed, true);
});

test("a mistyped sheet name is a field error offering the closest name; nothing is saved or run", async () => {
  const view = new RecordingView();
  const { api, calls } = fakeApi({
    detectSources: async () => ({
      ...structuredClone(detected),
      sheets: ["Data", "Framework", "Settings"],
      tables: [],
    }),
  });
  const controller = new PaneController(api, view, "en");
  await controller.start();
  view.sources.framework = "Framwork";
  assert.equal(await controller.compute(), null);
  assert.deepEqual(view.fieldErrors, [
    {
      field: "framework",
      message: "No sheet or table named “Framwork”. Did you mean Framework?",
      suggestion: "Framework",
    },
  ]);
  assert.deepEqual([calls.saved.length, calls.runs.length], [0, 0]);
  assert.deepEqual(view.sections.data, [true, false], "the Data section is opened on the error");
  view.sources.framework = "Nothing like it";
  await controller.compute();
  assert.deepEqual(view.fieldErrors, [{ field: "framework", message: "No sheet or table named “Nothing like it”." }]);
  view.sources.framework = "framework"; // Excel's names are case-insensitive
  await controller.compute();
  assert.equal(calls.runs.length, 1);
});

test("the template section is secondary once Data and Framework are found; switching the language re-renders the status", async () => {
  const view = new RecordingView();
  const controller = new PaneController(fakeApi().api, view, "en");
  await controller.start();
  assert.deepEqual(view.sections.template, [false, true]);
  assert.equal(view.status, "Found: Data, FrameworkTable");
  controller.setLanguage("zh-CN");
  assert.equal(view.status, "已找到：Data、FrameworkTable");
  const empty = new RecordingView();
  await new PaneController(
    fakeApi({
      detectSources: async () => ({ ...structuredClone(detected), data: null, framework: null, stored: null }),
    }).api,
    empty,
    "en",
  ).start();
  assert.deepEqual(empty.sections.template, [true, false]);
});
