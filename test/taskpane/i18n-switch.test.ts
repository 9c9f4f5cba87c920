/** Switching the pane's language re-renders what is already shown: the status, the progress, the engine's errors and warnings. */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Language } from "../../src/core/engine";
import type { Cell } from "../../src/core/engine";
import { computeFromTables } from "../../src/excel/run";
import type { AddinService, Detection, RunSummary } from "../../src/excel/service";
import { PaneController, type PaneView, type ResultsCard, type SourcesForm } from "../../src/taskpane/controller";
import { defaultOptions, type FieldError, type OptionsForm } from "../../src/taskpane/options";

class RecordingView implements PaneView {
  language: Language = "en";
  sources: SourcesForm = { data: "", framework: "", settingsFromSheet: false };
  options: OptionsForm = defaultOptions();
  progress: [string, number | null] = ["", null];
  status = "";
  errors: string[] = [];
  summary: RunSummary | null = null;
  summaryShownIn: Language[] = [];
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
  setBusy() {}
  showProgress(text: string, fraction: number | null) {
    this.progress = [text, fraction];
  }
  showStatus(text: string) {
    this.status = text;
  }
  showErrors(messages: string[]) {
    this.errors = messages;
  }
  showFieldErrors(_errors: FieldError[]) {}
  showCard(card: ResultsCard | null) {
    this.summary = card?.summary ?? null;
    if (card) this.summaryShownIn.push(this.language);
  }
  setAutoRefresh() {}
  setSectionOpen() {}
}

const framework: Cell[][] = [
  ["iCode", "iName", "Parent", "Weight", "Direction"],
  ["A", "Alpha", "P1", 1, 1],
  ["B", "Beta", "P1", 1, 1],
  ["P1", "Pillar", "Index", 1, null],
  ["Index", "Index", null, null, null],
];
const data = (rows: Cell[][]): Cell[][] => [["uCode", "uName", "A", "B"], ...rows];
const origin = (sheet: string) => ({ sheet, row: 0, col: 0 });
const detected: Detection = {
  data: { kind: "sheet", sheet: "Data" },
  framework: { kind: "sheet", sheet: "Framework" },
  settings: null,
  sheets: ["Data", "Framework"],
  tables: [],
  choice: null,
  stored: null,
  warnings: [],
};

function api(runIndex: AddinService["runIndex"]): AddinService {
  return {
    detectSources: async () => structuredClone(detected),
    loadStoredChoice: async () => null,
    saveChoice: async () => undefined,
    runIndex,
    createTemplate: async () => {
      throw new Error("not used");
    },
    enableAutoRefresh: async () => undefined,
    storedAutoRefresh: async () => false,
    currentResult: async () => null,
    writeAnalysisSheets: async () => [],
  };
}

test("an engine error shown in English is shown in Chinese after a switch, and back", async () => {
  // The Excel layer's own path from tables to an AddinError: a duplicate unit code in Data!A4.
  const run: AddinService["runIndex"] = async () => {
    computeFromTables(
      [
        {
          table: data([
            ["LON", "London", 1, 2],
            ["PAR", "Paris", 2, 3],
            ["LON", "Again", 3, 4],
          ]),
          origin: origin("Data"),
        },
        { table: framework, origin: origin("Framework") },
      ],
      {},
      "en",
    );
    throw new Error("expected the engine to refuse the data");
  };
  const view = new RecordingView();
  const controller = new PaneController(api(run), view, "en");
  await controller.start();
  assert.equal(view.status, "Found: Data, Framework");
  await controller.compute();
  assert.deepEqual(view.errors, ["Data!A4: duplicate unit code LON (also in row 2); unit codes must be unique"]);
  controller.setLanguage("zh-CN");
  assert.deepEqual(view.errors, ["Data!A4：单位代码 LON 重复（另见第 2 行）；单位代码必须唯一"]);
  assert.equal(view.status, "已找到：Data、Framework");
  controller.setLanguage("en");
  assert.deepEqual(view.errors, ["Data!A4: duplicate unit code LON (also in row 2); unit codes must be unique"]);
});

test("after a run, a switch re-renders the results card and its warnings, and tells the analysis section", async () => {
  const run: AddinService["runIndex"] = async (_choice, options) => {
    const { warnings, localizedWarnings } = computeFromTables(
      [
        {
          table: data([
            ["LON", "London", 1, 2],
            ["PAR", "Paris", "n/a", 3],
            ["BER", "Berlin", 3, 5],
          ]),
          origin: origin("Data"),
        },
        { table: framework, origin: origin("Framework") },
      ],
      {},
      options?.language ?? "en",
    );
    return { top: [], warnings, localizedWarnings, sheets: ["Results", "Dashboard"], syncCount: 5, maxRequestBytes: 1 };
  };
  const view = new RecordingView();
  const controller = new PaneController(api(run), view, "en");
  const switched: Language[] = [];
  controller.onLanguage((language) => switched.push(language));
  await controller.start();
  const summary = await controller.compute();
  assert.ok(summary);
  assert.deepEqual(summary.warnings, [
    'Warning: Data!C3: "n/a" is not a number; treated as missing (enter a number or leave the cell empty)',
  ]);
  assert.deepEqual(summary.localizedWarnings?.["zh-CN"], [
    "警告：Data!C3：“n/a”不是数值，按缺失处理（请填写数值或将单元格留空）",
  ]);
  // The results card replaces the status line ("Found: ...") and the progress once the run is done.
  assert.equal(view.status, "");
  assert.deepEqual(view.progress, ["", null]);
  controller.setLanguage("zh-CN");
  // The view shows the card again in the new language (its warnings come from localizedWarnings).
  assert.deepEqual(view.summaryShownIn, ["en", "zh-CN"]);
  assert.deepEqual(switched, ["zh-CN"]);
});
