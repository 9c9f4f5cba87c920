/** The task pane's AdapterApi on top of the Excel adapter (src/excel): translates choices both ways, nothing else. */
import * as excel from "../excel";
import type { StoredChoice, TableSource } from "../excel";
import { quoteSheetName, sheetOfAddress } from "../excel/a1";
import type { AdapterApi, RunSummary, SourceChoice, SourceRef } from "./adapter-api";
import type { Language } from "./i18n";

export function toTableSource(source: SourceRef): TableSource {
  if (source.kind === "sheet") return { kind: "sheet", sheet: source.ref };
  if (source.kind === "table") return { kind: "table", table: source.ref };
  const bang = source.ref.lastIndexOf("!");
  const sheet = sheetOfAddress(source.ref);
  if (bang < 0 || !sheet) throw new excel.AddinError(`"${source.ref}" is not a range: write it as Sheet!A1:F38`);
  return { kind: "range", sheet, address: source.ref.slice(bang + 1).replace(/\$/g, "") };
}

export function toSourceRef(source: TableSource): SourceRef {
  if (source.kind === "sheet") return { kind: "sheet", ref: source.sheet };
  if (source.kind === "table") return { kind: "table", ref: source.table };
  return { kind: "range", ref: `${quoteSheetName(source.sheet)}!${source.address}` };
}

/** Pane choice → stored choice; keeps what the pane does not edit (report options, language, auto-refresh). */
export function toStoredChoice(choice: SourceChoice, previous: StoredChoice | null): StoredChoice {
  if (!choice.data || !choice.framework) throw new excel.AddinError("Choose both the Data and the Framework.");
  const stored: StoredChoice = {
    ...(previous ?? {}),
    version: 1,
    data: toTableSource(choice.data),
    framework: toTableSource(choice.framework),
    settings: choice.settings.kind === "sheet" ? toTableSource(choice.settings.source) : null,
  };
  if (choice.settings.kind === "pane") stored.options = choice.settings.spec;
  else delete stored.options;
  return excel.validateChoice(stored);
}

/** Stored choice → pane choice: a Settings source wins unless the pane's own options were saved. */
export function fromStoredChoice(stored: StoredChoice): SourceChoice {
  return {
    data: toSourceRef(stored.data),
    framework: toSourceRef(stored.framework),
    settings: stored.options || !stored.settings ? { kind: "pane", spec: stored.options ?? {} } : { kind: "sheet", source: toSourceRef(stored.settings) },
  };
}

/** `language` is read at each auto-refresh run, so output headers follow the pane's current language. */
export function createExcelBridge(language: () => Language): AdapterApi {
  let lastStored: StoredChoice | null = null;
  const remember = (stored: StoredChoice | null) => {
    if (stored) lastStored = stored;
    return stored;
  };
  return {
    async detectSources() {
      const found = await excel.detectSources();
      remember(found.stored);
      return {
        data: found.data ? toSourceRef(found.data) : null,
        framework: found.framework ? toSourceRef(found.framework) : null,
        settings: found.settings ? { kind: "sheet", source: toSourceRef(found.settings) } : { kind: "pane", spec: found.stored?.options ?? {} },
      };
    },
    async loadStoredChoice() {
      const stored = remember(await excel.loadStoredChoice());
      return stored ? fromStoredChoice(stored) : null;
    },
    async saveChoice(choice) {
      const stored = toStoredChoice(choice, lastStored);
      await excel.saveChoice(stored);
      remember(stored);
    },
    async runIndex(choice, options) {
      return excel.runIndex(toStoredChoice(choice, lastStored), options);
    },
    async createTemplate(kind, language) {
      remember(await excel.createTemplate(kind, language));
    },
    async enableAutoRefresh(on, onRun) {
      await excel.enableAutoRefresh(on, async () => {
        // Runs from the stored choice (what the watch was set up for), reporting back to the pane.
        try {
          const stored = await excel.loadStoredChoice();
          if (!stored) throw new excel.AddinError("Choose the Data and Framework first; auto-refresh watches them.");
          const summary: RunSummary = await excel.runIndex(stored, { language: language() });
          onRun(summary);
        } catch (error) {
          onRun(error instanceof Error ? error : new Error(String(error)));
        }
      });
      // The adapter stored the toggle; a later saveChoice must not put the old value back.
      if (lastStored) lastStored = { ...lastStored, autoRefresh: on };
    },
    async storedAutoRefresh() {
      return excel.storedAutoRefresh();
    },
    async getSelectedAddress() {
      const source = await excel.selectedRangeSource();
      return toSourceRef(source).ref;
    },
  };
}
